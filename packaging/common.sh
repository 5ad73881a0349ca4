# Sourced by the packaging scripts: where things are, the release's version,
# and how every artifact's Rust code is compiled.
set -euo pipefail

WORKSPACE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$WORKSPACE/dist"
# Build trees of `make dist` and `make dist-check`, apart from the
# development builds so that neither invalidates the other.
WORK="$WORKSPACE/target/dist-work"
# The tools of packaging/requirements-dist.txt (maturin, zig, cargo-zigbuild, auditwheel).
TOOLS="$WORKSPACE/target/dist-tools"

# The one version of every artifact: [workspace.package] version in Cargo.toml.
VERSION="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' "$WORKSPACE/Cargo.toml")"
[[ -n "$VERSION" ]] || { echo "no [workspace.package] version in Cargo.toml" >&2; exit 1; }

# Release builds for users: no debug info of our own crates; what the
# standard library brings is stripped from each artifact (maturin's `strip`,
# strip_debug below), never at link time: zig's linker would drop the symbol
# table too, where uniffi-bindgen reads the Kotlin library's metadata, and one
# setting for every crate lets the Node and Kotlin libraries share their
# dependencies' builds. The workspace's own release profile keeps debug info
# for profiling.
# maturin's zig and cargo-zigbuild link differently, and cargo rebuilds what a
# different linker touches: each keeps a target directory of its own.
export CARGO_TARGET_DIR="$WORK/cargo-zigbuild"
MATURIN_TARGET_DIR="$WORK/cargo-maturin"
export CARGO_PROFILE_RELEASE_DEBUG=0
export CARGO_PROFILE_RELEASE_STRIP=none
export PATH="$TOOLS/bin:$PATH"

# The Linux platforms every artifact is built for, as Rust target triples.
GNU_TARGETS=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu)
MUSL_TARGETS=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl)

# glibc 2.17 (manylinux2014, CentOS 7 and every distribution since) is the
# oldest glibc the artifacts for a -gnu triple link against, through zig.
GLIBC=2.17

# npm's name for a triple's platform: x86_64-unknown-linux-gnu -> linux-x64-gnu.
npm_platform() {
  local cpu libc
  case "$1" in x86_64-*) cpu=x64 ;; aarch64-*) cpu=arm64 ;; *) echo "unknown cpu in $1" >&2; return 1 ;; esac
  case "$1" in *-gnu) libc=gnu ;; *-musl) libc=musl ;; *) echo "unknown libc in $1" >&2; return 1 ;; esac
  echo "linux-$cpu-$libc"
}

# JNA's resource directory for a triple: x86_64-unknown-linux-gnu -> linux-x86-64.
jna_platform() {
  case "$1" in x86_64-unknown-linux-gnu) echo linux-x86-64 ;; aarch64-unknown-linux-gnu) echo linux-aarch64 ;;
    *) echo "no JNA platform for $1" >&2; return 1 ;; esac
}

# Where `cargo zigbuild --release --target <triple>` (without the glibc suffix) writes.
release_dir() { echo "$CARGO_TARGET_DIR/$1/release"; }

# build_libraries <triple>: the Node addon and, for -gnu triples, the Kotlin
# library (JNA's platforms are glibc ones), in one cargo run: their dependencies
# then get one set of features and are compiled once (built apart, the Kotlin
# library recompiled most of them: about a minute more per triple). Each library
# links only what its own code uses; npm.sh and maven.sh both call it, so either
# builds both libraries when run alone.
build_libraries() {
  local packages=(-p latipay-node)
  [[ "$1" == *-gnu ]] && packages+=(-p latipay-kotlin)
  cargo zigbuild --locked --release --target "$(zig_target "$1")" "${packages[@]}"
}

# strip_debug <in> <out>: a copy of a library without debug info, symbols
# kept (LLVM's objcopy reads every CPU's ELF).
strip_debug() { "$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/llvm-objcopy" --strip-debug "$1" "$2"; }

# maturin, in its own target directory.
maturin() { CARGO_TARGET_DIR="$MATURIN_TARGET_DIR" command maturin "$@"; }

# cargo zigbuild's target: -gnu triples carry the glibc version.
zig_target() { if [[ "$1" == *-gnu ]]; then echo "$1.$GLIBC"; else echo "$1"; fi; }

step() { printf '\n== %s\n' "$*"; }

# Source paths in the binaries (panic locations) name no build machine's
# directories.
remap="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src=/cargo --remap-path-prefix=$WORKSPACE=/latipay"
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="$remap"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS="$remap"
# musl's Rust targets link statically by default, which rules out the
# shared libraries (cdylib) that Python and Node load.
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_RUSTFLAGS="$remap -C target-feature=-crt-static"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_RUSTFLAGS="$remap -C target-feature=-crt-static"

# PATH for checking artifacts as a user without Rust installs them: first a
# directory whose cargo, rustc and rustup fail (so nothing can build from
# source unnoticed), and without the packaging tools.
user_path() {
  local stubs="$WORK/no-rust" dir kept=("$WORK/no-rust") tool
  mkdir -p "$stubs"
  for tool in cargo rustc rustup; do
    printf '#!/bin/sh\necho "%s: not available: artifacts are checked without Rust" >&2\nexit 127\n' "$tool" > "$stubs/$tool"
    chmod +x "$stubs/$tool"
  done
  IFS=: read -ra dirs <<<"$PATH"
  for dir in "${dirs[@]}"; do [[ "$dir" == "$TOOLS/bin" || "$dir" == "$stubs" ]] || kept+=("$dir"); done
  (IFS=:; echo "${kept[*]}")
}

# Fails unless `cargo` on PATH is user_path's stub.
assert_no_rust() {
  [[ "$(command -v cargo)" == "$WORK/no-rust/cargo" ]] || { echo "cargo on PATH is $(command -v cargo), not the stub" >&2; exit 1; }
}

# The one file in dist/ matching a glob (an error for none or several).
artifact() {
  local matches=()
  for f in "$DIST"/$1; do [[ -e "$f" ]] && matches+=("$f"); done
  (( ${#matches[@]} == 1 )) || { echo "expected one dist/$1, found ${#matches[@]}: run make dist" >&2; return 1; }
  echo "${matches[0]}"
}

# Where `make dist-check` installs and tests the artifacts.
CHECK="$WORK/check"
