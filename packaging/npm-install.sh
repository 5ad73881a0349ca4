#!/usr/bin/env bash
# npm-install.sh <dir> <platform> [package...]: a fresh npm project in <dir>
# with dist/npm's latipay, its latipay-<platform> and latipay-sandbox
# installed as a user installs them (plus any further registry packages).
# For another machine's platform (linux-arm64-gnu), npm is told its cpu and
# libc, so that it picks that platform's optional package.
source "$(dirname "$0")/common.sh"

dir="$1" platform="$2"
shift 2
main="$(artifact "npm/latipay-$VERSION.tgz")"
native="$(artifact "npm/latipay-$platform-$VERSION.tgz")"
sandbox="$(artifact "npm/latipay-sandbox-$VERSION.tgz")"
IFS=- read -r os cpu libc <<<"$platform"
[[ "$libc" == gnu ]] && libc=glibc

rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
echo '{ "name": "shop", "version": "1.0.0", "private": true }' > package.json
# The platform tarball is named too: dist/npm is not a registry, and npm would
# otherwise look for latipay-<platform> there.
npm install --no-audit --no-fund --loglevel=error --os="$os" --cpu="$cpu" --libc="$libc" \
  "$main" "$native" "$sandbox" "$@"
