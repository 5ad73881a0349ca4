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
# Every platform package of dist/npm (macOS and Windows ones too, when the
# release workflow put them there): npm asks no registry for any of them.
platforms=()
for tarball in "$DIST"/npm/latipay-*-"$VERSION".tgz; do
  [[ "$tarball" == "$sandbox" ]] || platforms+=("$tarball")
done
node -e '
  const [version, ...platforms] = process.argv.slice(1)
  const name = (tarball) => require("node:path").basename(tarball).slice(0, -`-${version}.tgz`.length)
  const overrides = Object.fromEntries(platforms.map((tarball) => [name(tarball), `file:${tarball}`]))
  const manifest = { name: "shop", version: "1.0.0", private: true, overrides }
  require("node:fs").writeFileSync("package.json", JSON.stringify(manifest, null, 2) + "\n")
' "$VERSION" "${platforms[@]}"
# --ignore-scripts: the packages have none, and a check runs nobody else's.
npm install --no-audit --no-fund --loglevel=error --ignore-scripts --os="$os" --cpu="$cpu" --libc="$libc" \
  "$main" "$sandbox" "$@"
installed="$(cd node_modules && ls -d latipay-linux-* latipay-darwin-* latipay-win32-* 2>/dev/null || true)"
[[ "$installed" == "latipay-$platform" ]] ||
  { echo "npm installed '${installed//$'\n'/ }' as latipay's platform package, not latipay-$platform alone" >&2; exit 1; }
echo "npm chose latipay-$platform"
