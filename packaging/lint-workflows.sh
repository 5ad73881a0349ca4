#!/usr/bin/env bash
# actionlint (from the Go module proxy, pinned) over .github/workflows: the
# release workflow cannot run here (it needs GitHub's macOS and Windows
# runners), so its syntax, expressions and action inputs are checked instead.
source "$(dirname "$0")/common.sh"

ACTIONLINT=v1.7.12
if [[ "$("$TOOLS/bin/actionlint" -version 2>/dev/null | head -n 1)" != "${ACTIONLINT#v}" ]]; then
  command -v go >/dev/null || { echo "actionlint is installed with Go (1.22 or newer): install Go from https://go.dev/dl" >&2; exit 1; }
  step "installing actionlint $ACTIONLINT into $TOOLS/bin"
  GOBIN="$TOOLS/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT"
fi
step "actionlint .github/workflows"
"$TOOLS/bin/actionlint" -no-color "$WORKSPACE"/.github/workflows/*.yml
echo "actionlint: $(ls "$WORKSPACE"/.github/workflows/*.yml | wc -l) workflow(s), no findings"
