#!/usr/bin/env bash
# Every artifact in dist/ with its size, in bytes and KiB.
source "$(dirname "$0")/common.sh"

step "dist/ ($VERSION)"
cd "$DIST"
find . -type f \( -name '*.whl' -o -name '*.tar.gz' -o -name '*.tgz' -o -name '*.jar' -o -name '*.pom' \) -printf '%P\t%s\n' |
  sort | awk -F'\t' '{ printf "%-90s %10d B %8.0f KiB\n", $1, $2, $2 / 1024 }'
