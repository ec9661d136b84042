#!/bin/bash
# export.sh <bare-git-dir> <dest>: write HEAD's tree, skipping blobs absent from the snapshot
set -e
g=$1; d=$2; rm -rf "$d"; mkdir -p "$d"
missing=0
git --git-dir="$g" ls-tree -r -z HEAD | while IFS= read -r -d '' line; do
  meta=${line%%$'\t'*}; path=${line#*$'\t'}
  set -- $meta; mode=$1; type=$2; sha=$3
  [ "$type" = blob ] || continue
  mkdir -p "$d/$(dirname "$path")"
  if [ "$mode" = 120000 ]; then continue; fi
  git --git-dir="$g" cat-file blob "$sha" > "$d/$path" 2>/dev/null || { rm -f "$d/$path"; echo "missing: $path" >&2; }
done
