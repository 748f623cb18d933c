#!/bin/bash
# Checks that every translatable string reaches the translations:
#  1. every source file with translatable strings is listed in po/POTFILES.in;
#  2. every language in po/LINGUAS translates every current string (no untranslated,
#     no fuzzy) and passes msgfmt --check.
set -eu

srcdir=$1
status=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$srcdir"

grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort > "$work/listed"
{
  grep -rlE '\b(N?_|C_|NC_|g_dngettext|ngettext)\s*\(' src --include='*.c' || true
  grep -rlE 'translatable="yes"' src data --include='*.ui' --include='*.in' || true
  ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml data/presets/*.xml 2>/dev/null || true
} | sort -u > "$work/needed"
missing=$(comm -13 "$work/listed" "$work/needed")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi
stale=$(comm -23 "$work/listed" "$work/needed")
if [ -n "$stale" ]; then
  echo "po/POTFILES.in lists files without translatable strings (or missing files):"
  echo "$stale" | sed 's/^/  /'
  status=1
fi

# The presets' ITS rule, as po/meson.build gives it to xgettext
export GETTEXTDATADIRS="$srcdir/data/presets"

xgettext --package-name=orgsync --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_set_error:4:c-format --flag=g_error_new:3:c-format \
  --files-from=po/POTFILES.in --directory=. --output="$work/orgsync.pot" 2> "$work/xgettext.log" || {
    cat "$work/xgettext.log"; exit 1; }

for lang in $(grep -v '^#' po/LINGUAS); do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$po is missing"
    status=1
    continue
  fi
  msgfmt --check --output-file=/dev/null "$po" || status=1
  msgmerge --quiet --no-fuzzy-matching --output-file="$work/$lang.po" "$po" "$work/orgsync.pot"
  stats=$(LC_ALL=C msgfmt --statistics --output-file=/dev/null "$work/$lang.po" 2>&1)
  echo "$lang: $stats"
  if echo "$stats" | grep -qE 'untranslated|fuzzy'; then
    echo "$lang: not every string is translated; untranslated and fuzzy entries:"
    msgattrib --untranslated "$work/$lang.po" | grep -E '^msgid ' | sed 's/^/  /' | tail -n +2
    msgattrib --only-fuzzy "$work/$lang.po" | grep -E '^msgid ' | sed 's/^/  /' | tail -n +2
    status=1
  fi
done

exit $status
