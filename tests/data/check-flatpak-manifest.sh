#!/bin/bash
# flatpak-builder only fails on JSON syntax and prints unknown keys as warnings with
# exit status 0, so any output on stderr counts as a failure.
set -eu
manifest=$1
err=$(mktemp)
trap 'rm -f "$err"' EXIT
flatpak-builder --show-manifest "$manifest" > /dev/null 2> "$err" || { cat "$err"; exit 1; }
if [ -s "$err" ]; then
  cat "$err"
  exit 1
fi
for arg in --share=network --share=ipc --socket=wayland --socket=fallback-x11 --device=dri; do
  grep -q -- "\"$arg\"" "$manifest" || { echo "finish-args lack $arg"; exit 1; }
done
if grep -q 'org.freedesktop.secrets' "$manifest"; then
  echo "the manifest must not talk to org.freedesktop.secrets: libsecret uses the Secret portal"
  exit 1
fi
