#!/bin/bash
# Checks that xgettext, given the ITS rule in data/presets/its (as po/ will use it),
# extracts the name and description of every data preset and nothing else.
set -eu

srcdir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$srcdir"
GETTEXTDATADIRS="$srcdir/data/presets" xgettext --from-code=UTF-8 --add-comments \
  --output="$work/presets.pot" data/presets/orgsync-presets.xml

presets=$(grep -c '<preset ' data/presets/orgsync-presets.xml)
msgids=$(grep -c '^msgid "' "$work/presets.pot" || true)
# The header is msgid "" and multi-line msgids start with msgid "" too.
entries=$(grep -c '^#: data/presets/orgsync-presets.xml' "$work/presets.pot" || true)

echo "1..3"
if [ "$entries" -eq $((presets * 2)) ]; then
  echo "ok 1 - $entries strings extracted for $presets presets"
else
  echo "not ok 1 - $entries strings extracted for $presets presets (want $((presets * 2)))"
fi
if grep -q '^msgid "Partner overlap (recommended)"' "$work/presets.pot"; then
  echo "ok 2 - the recommended preset's name is extracted"
else
  echo "not ok 2 - the recommended preset's name is missing"
fi
if grep -qE '^msgid "(partner-overlap|Account|BillingCity|Name)"' "$work/presets.pot"; then
  echo "not ok 3 - ids or API names were extracted ($msgids msgids)"
else
  echo "ok 3 - no ids or API names extracted"
fi
