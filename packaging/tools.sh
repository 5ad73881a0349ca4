#!/usr/bin/env bash
# The build tools of `make dist`: the Rust targets of every platform, LLVM's
# tools (rustup's llvm-tools), and
# maturin, zig, cargo-zigbuild and auditwheel in a virtualenv of their own
# (target/dist-tools), at the versions of packaging/requirements-dist.txt.
source "$(dirname "$0")/common.sh"

rustup target add "${GNU_TARGETS[@]}" "${MUSL_TARGETS[@]}" >/dev/null
rustup component add llvm-tools >/dev/null   # llvm-objcopy, for strip_debug
stamp="$TOOLS/.requirements"
if [[ ! -f "$stamp" || "$WORKSPACE/packaging/requirements-dist.txt" -nt "$stamp" ]]; then
  step "installing the packaging tools into $TOOLS"
  python3 -m venv --clear "$TOOLS"
  "$TOOLS/bin/pip" install --quiet --requirement "$WORKSPACE/packaging/requirements-dist.txt"
  touch "$stamp"
fi
