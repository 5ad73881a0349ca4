#!/usr/bin/env bash
# npm-install.sh <dir> <platform> [package...]: a fresh npm project in <dir>
# with dist/npm's latipay and latipay-sandbox installed as a user installs
# them (plus any further registry packages). npm picks latipay's platform
# package among its optional dependencies by itself: each is pointed at its
# tarball in dist/npm (an override, since dist/npm is not a registry), and
# npm is told the platform (linux-arm64-gnu for the arm64 root), so that it
# installs that one and skips the rest.
source "$(dirname "$0")/common.sh"

dir="$1" platform="$2"
shift 2
main="$(artifact "npm/latipay-$VERSION.tgz")"
sandbox="$(artifact "npm/latipay-sandbox-$VERSION.tgz")"
IFS=- read -r os cpu libc <<<"$platform"
[[ "$libc" == gnu ]] && libc=glibc

rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
node -e '
  const [main, ...platforms] = process.argv.slice(1)
  const overrides = Object.fromEntries(platforms.map((tarball) =>
    [require("node:path").basename(tarball).replace(/-[^-]+\.tgz$/, ""), `file:${tarball}`]))
  const manifest = { name: "shop", version: "1.0.0", private: true, overrides }
  require("node:fs").writeFileSync("package.json", JSON.stringify(manifest, null, 2) + "\n")
' "$main" "$DIST"/npm/latipay-linux-*-"$VERSION".tgz
npm install --no-audit --no-fund --loglevel=error --os="$os" --cpu="$cpu" --libc="$libc" "$main" "$sandbox" "$@"
installed="$(ls -d node_modules/latipay-linux-* 2>/dev/null | xargs -n 1 basename)"
[[ "$installed" == "latipay-$platform" ]] ||
  { echo "npm installed '${installed//$'\n'/ }', not latipay-$platform alone" >&2; exit 1; }
echo "npm chose latipay-$platform"
