#!/usr/bin/env bash
# The npm tarballs as a user installs them: a fresh project, no Rust on PATH,
# `npm install` of latipay (which picks latipay-linux-x64-gnu by itself) and
# latipay-sandbox, then the binding's node --test suites against the
# installed package (the sandbox from its package).
source "$(dirname "$0")/common.sh"

export PATH="$(user_path)"
assert_no_rust
project="$CHECK/node"
step "npm install of dist/npm into a fresh project"
"$WORKSPACE/packaging/npm-install.sh" "$project" linux-x64-gnu express@5.3.0

# The suites load the package as `require('..')` from its test/ directory.
package="$project/node_modules/latipay"
cp -r "$WORKSPACE/bindings-node/test" "$WORKSPACE/bindings-node/examples" "$package/"
rm "$package/test/pack.test.js"   # packs the repository's tree, which a user does not have
sandbox="$(cd "$project" && node -p 'require("latipay-sandbox").binaryPath()')"

step "node --test against the installed package"
cd "$project"
LATIPAY_REPO="$WORKSPACE" LATIPAY_SANDBOX_BIN="$sandbox" \
  node --test --test-reporter=spec "$package"/test/*.test.js

step "startSandbox of the installed latipay-sandbox, with its own executable"
cp -r "$WORKSPACE/sandbox/npm/test" "$project/node_modules/latipay-sandbox/"
node --test --test-reporter=spec "$project"/node_modules/latipay-sandbox/test/*.test.js
