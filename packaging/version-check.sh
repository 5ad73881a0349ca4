#!/usr/bin/env bash
# Every file that states the release's version states the workspace's
# ([workspace.package] in Cargo.toml): the crates inherit it, maturin reads
# it, packaging/npm-packages.js stamps it; these are the files that copy it.
source "$(dirname "$0")/common.sh"

failures=0 checked=0
# expect <file> <what it states>
expect() {
  checked=$((checked + 1))
  if [[ "$2" != "$VERSION" ]]; then
    echo "FAIL $1 states version '$2', the workspace $VERSION"; failures=$((failures + 1))
  fi
}
# json_version <file> <python expression on m, the parsed file>
json_version() { python3 -c "import json, sys; m = json.load(open(sys.argv[1])); print($2)" "$WORKSPACE/$1"; }

expect bindings-node/package.json "$(json_version bindings-node/package.json "m['version']")"
expect bindings-node/package-lock.json "$(json_version bindings-node/package-lock.json "m['packages']['']['version']")"
expect sandbox/npm/package.json "$(json_version sandbox/npm/package.json "m['version']")"
expect bindings-kotlin/pom.xml "$(sed -n '0,/<version>/s|^  <version>\(.*\)</version>$|\1|p' "$WORKSPACE/bindings-kotlin/pom.xml")"
expect sandbox/junit/pom.xml "$(sed -n '0,/<version>/s|^  <version>\(.*\)</version>$|\1|p' "$WORKSPACE/sandbox/junit/pom.xml")"
# The newest entry: "## 0.2.0 (2027-01-10)" or "## Unreleased (0.2.0)".
expect CHANGELOG.md "$(grep -m 1 '^## ' "$WORKSPACE/CHANGELOG.md" | grep -oE '[0-9]+\.[0-9]+\.[0-9]+[-+.0-9A-Za-z]*' | head -n 1)"
echo "version $VERSION: $((checked - failures)) passed, $failures failed"
(( failures == 0 ))
