#!/usr/bin/env bash
# The sandbox, installable without cargo: dist/python/latipay_sandbox-*.whl
# (manylinux2014 x86_64 and aarch64; the `latipay-sandbox` command) and
# dist/npm/latipay-sandbox-<v>.tgz (both executables, picked at run time),
# cross-built through zig for glibc 2.17.
source "$(dirname "$0")/common.sh"

mkdir -p "$DIST/python" "$DIST/npm"
rm -f "$DIST/python"/latipay_sandbox-* "$DIST/npm"/latipay-sandbox-*
stage="$WORK/npm/latipay-sandbox"
rm -rf "$stage"
mkdir -p "$stage"
for target in "${GNU_TARGETS[@]}"; do
  step "latipay-sandbox wheel for $target (manylinux2014)"
  maturin build --locked --release --zig --target "$target" --compatibility manylinux2014 \
    -m "$WORKSPACE/sandbox/Cargo.toml" -o "$DIST/python"
  platform="$(npm_platform "$target")"
  mkdir -p "$stage/vendor/${platform%-gnu}"
  strip_debug "$MATURIN_TARGET_DIR/$target/release/latipay-sandbox" "$stage/vendor/${platform%-gnu}/latipay-sandbox"
done
step "latipay-sandbox npm package"
cp -r "$WORKSPACE/sandbox/npm/." "$WORKSPACE/LICENSE-MIT" "$WORKSPACE/LICENSE-APACHE" "$stage/"
node -e '
  const fs = require("node:fs"); const file = process.argv[1]
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"))
  manifest.version = process.argv[2]
  delete manifest.private  // a guard of the source folder against `npm publish`
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n")' "$stage/package.json" "$VERSION"
(cd "$stage" && npm pack --silent --pack-destination "$DIST/npm" >/dev/null)
