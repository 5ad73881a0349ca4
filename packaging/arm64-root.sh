#!/usr/bin/env bash
# An arm64 Debian (trixie: Node 20, Python 3.13, OpenJDK 21 and musl, all
# Debian's own arm64 builds) in target/dist-work/arm64-root, run through qemu-user, for
# checking the aarch64 artifacts. Made once (about 5 minutes); kept after.
# Needs root (or sudo) for apt, binfmt_misc and debootstrap.
source "$(dirname "$0")/common.sh"

ROOT="$WORK/arm64-root"
SUITE=trixie
# musl: its dynamic linker, for check-tags.sh's aarch64 musl libraries.
PACKAGES=python3,python3-venv,nodejs,openjdk-21-jre-headless,musl
SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO=sudo

# musl (its x86_64 dynamic linker) is for check-tags.sh, like the root's own.
if ! command -v debootstrap >/dev/null || ! command -v qemu-aarch64-static >/dev/null || [[ ! -x /lib/ld-musl-x86_64.so.1 ]]; then
  step "installing Debian's qemu-user-static, binfmt-support, debootstrap and musl"
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q qemu-user-static binfmt-support debootstrap musl
fi
# arm64 executables run through qemu: the kernel's binfmt_misc hands them over.
[[ -e /proc/sys/fs/binfmt_misc/status ]] || $SUDO mount binfmt_misc -t binfmt_misc /proc/sys/fs/binfmt_misc
[[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] || $SUDO update-binfmts --enable qemu-aarch64

if [[ "$(cat "$ROOT/.made-with" 2>/dev/null)" != "$SUITE $PACKAGES" ]]; then
  # The Debian mirror this machine's apt uses.
  mirror="$({ grep -rhoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null || true; } | head -n 1 | tr -d ' ')"
  mirror="${mirror:-http://deb.debian.org/debian}"
  step "debootstrap $SUITE arm64 from $mirror into $ROOT"
  # A proc left mounted by an interrupted check goes first; rm stays on this file system.
  if mountpoint -q "$ROOT/proc"; then $SUDO umount -l "$ROOT/proc"; fi
  $SUDO rm -rf --one-file-system "$ROOT"
  $SUDO debootstrap --arch=arm64 --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOT" "$mirror"
  echo "$SUITE $PACKAGES" | $SUDO tee "$ROOT/.made-with" >/dev/null
fi
# This machine's name resolution and certificate authorities (pip inside the root uses both).
$SUDO cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
$SUDO cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/host-ca-certificates.crt"
