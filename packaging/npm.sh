#!/usr/bin/env bash
# dist/npm: the Node binding's packages in napi-rs's layout: latipay-<v>.tgz
# (JavaScript and types, one optional dependency per platform) and
# latipay-linux-{x64,arm64}-{gnu,musl}-<v>.tgz (each one addon), the addons
# cross-built through zig (glibc 2.17 for -gnu), plus any platform package in
# $LATIPAY_EXTRA_ARTIFACTS/npm (the release workflow puts the macOS and
# Windows ones there).
source "$(dirname "$0")/common.sh"

out="$DIST/npm"
mkdir -p "$out"
rm -f "$out"/latipay-[0-9]*.tgz "$out"/latipay-linux-*.tgz
mkdir -p "$WORK/npm"
platforms=()
for target in "${GNU_TARGETS[@]}" "${MUSL_TARGETS[@]}"; do
  platform="$(npm_platform "$target")"
  step "latipay-$platform ($target)"
  build_libraries "$target"
  strip_debug "$(release_dir "$target")/liblatipay_node.so" "$WORK/npm/latipay.$platform.node"
  node "$WORKSPACE/packaging/npm-packages.js" platform "$VERSION" "$platform" \
    "$WORK/npm/latipay.$platform.node" "$WORK/npm/latipay-$platform"
  (cd "$WORK/npm/latipay-$platform" && npm pack --silent --pack-destination "$out" >/dev/null)
  platforms+=("$platform")
done
for tarball in "${LATIPAY_EXTRA_ARTIFACTS:-/nonexistent}"/npm/latipay-*-"$VERSION".tgz; do
  [[ -e "$tarball" ]] || continue
  name="$(basename "$tarball" "-$VERSION.tgz")"
  cp "$tarball" "$out/"
  platforms+=("${name#latipay-}")
done
step "latipay (main package)"
node "$WORKSPACE/packaging/npm-packages.js" main "$VERSION" "$WORK/npm/latipay" "${platforms[@]}"
(cd "$WORK/npm/latipay" && npm pack --silent --pack-destination "$out" >/dev/null)
