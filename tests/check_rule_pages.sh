#!/bin/sh
# The rule pages in analysis/rules/docs must be what `vigil rules --write-pages` generates now:
# regenerate them with `build/server/vigil rules --write-pages analysis/rules/docs` after changing
# a rule's documentation.
set -eu
vigil=$1
source_dir=$2
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
"$vigil" rules --write-pages "$fresh"
if ! diff -ru "$source_dir/analysis/rules/docs" "$fresh"; then
  echo "rule pages are stale: run '$vigil rules --write-pages analysis/rules/docs'" >&2
  exit 1
fi
echo "rule pages are current"
