#!/usr/bin/env bash
# dist/python: the `latipay` wheels (abi3: CPython 3.10 and newer) for
# manylinux2014 and musllinux_1_2, x86_64 and aarch64, cross-built through
# zig, and the sdist (which builds with cargo, as a last resort).
source "$(dirname "$0")/common.sh"

out="$DIST/python"
mkdir -p "$out"
rm -f "$out"/latipay-*
manifest="$WORKSPACE/bindings-python/Cargo.toml"
for target in "${GNU_TARGETS[@]}"; do
  step "latipay wheel for $target (manylinux2014)"
  maturin build --locked --release --zig --target "$target" --compatibility manylinux2014 -m "$manifest" -o "$out"
done
for target in "${MUSL_TARGETS[@]}"; do
  step "latipay wheel for $target (musllinux_1_2)"
  maturin build --locked --release --zig --target "$target" --compatibility musllinux_1_2 -m "$manifest" -o "$out"
done
step "latipay sdist"
# Not --locked when built: maturin trims the workspace to the crates the
# package needs, and cargo then drops the others' entries from Cargo.lock.
maturin sdist -m "$manifest" -o "$out"
