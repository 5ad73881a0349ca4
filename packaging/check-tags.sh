#!/usr/bin/env bash
# Every native library in dist/ is what its name promises: the CPU its
# platform names; for -gnu / manylinux, no glibc symbol newer than 2.17 (and
# auditwheel agrees with each manylinux wheel's tag); for musl / musllinux,
# loaded by musl's own dynamic linker (Debian's musl on x86_64, the arm64
# root's under qemu on aarch64): it finds every library the file needs, and
# every symbol but those of its host process (Python's Py*, Node's napi_*).
# Python and Node themselves are not run on musl: no musl build of either
# can be had here. auditwheel cannot analyse musllinux wheels on a glibc
# machine (it reads the host's libc.so); their tags come from maturin.
source "$(dirname "$0")/common.sh"

ARM64_ROOT="$WORK/arm64-root"
[[ -x /lib/ld-musl-x86_64.so.1 ]] || { echo "no /lib/ld-musl-x86_64.so.1: apt-get install musl" >&2; exit 1; }
[[ -x "$ARM64_ROOT/lib/ld-musl-aarch64.so.1" ]] || { echo "no musl in the arm64 root: run packaging/arm64-root.sh" >&2; exit 1; }

unpacked="$CHECK/unpacked"
rm -rf "$unpacked"
mkdir -p "$unpacked"
failures=0 checked=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# check <file> <x86_64|aarch64> <gnu|musl>
check() {
  local file="$1" cpu="$2" libc="$3" machine newest
  checked=$((checked + 1))
  machine="$(readelf -h "$file" | sed -n 's/^ *Machine: *//p')"
  case "$cpu:$machine" in
    x86_64:*X86-64*|aarch64:AArch64) ;;
    *) fail "$file: machine '$machine', expected $cpu"; return ;;
  esac
  if [[ "$libc" == gnu ]]; then
    newest="$(readelf -W --dyn-syms "$file" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)"
    if [[ -n "$newest" && "$(printf '%s\n%s\n' "$newest" "$GLIBC" | sort -V | tail -n 1)" != "$GLIBC" ]]; then
      fail "$file: needs glibc $newest (> $GLIBC)"; return
    fi
    echo "ok   $(realpath --relative-to="$unpacked" "$file"): $cpu, glibc ${newest:-none} <= $GLIBC"
  else
    local loader=(/lib/ld-musl-x86_64.so.1) report unresolved
    [[ "$cpu" == aarch64 ]] && loader=(qemu-aarch64-static "$ARM64_ROOT/lib/ld-musl-aarch64.so.1")
    report="$("${loader[@]}" --list "$file" 2>&1 || true)"
    if grep -q 'Error loading shared library' <<<"$report"; then
      fail "$file: musl cannot load what it needs:"; echo "$report"; return
    fi
    unresolved="$(sed -n 's/^Error relocating .*: \([^:]*\): symbol not found$/\1/p' <<<"$report" | grep -vE '^(_?Py|napi_|node_api_)' || true)"
    [[ -z "$unresolved" ]] || { fail "$file: symbols musl does not have: $(echo $unresolved)"; return; }
    echo "ok   $(realpath --relative-to="$unpacked" "$file"): $cpu, loaded by musl's dynamic linker"
  fi
}

step "wheels"
for wheel in "$DIST"/python/*.whl; do
  name="$(basename "$wheel" .whl)"
  case "$name" in *x86_64*) cpu=x86_64 ;; *aarch64*) cpu=aarch64 ;; *) fail "$name: no cpu in its tag"; continue ;; esac
  case "$name" in *musllinux*) libc=musl; tag=musllinux_1_2 ;; *) libc=gnu; tag=manylinux_2_17 ;; esac
  if [[ "$libc" == gnu ]]; then
    checked=$((checked + 1))
    auditwheel show "$wheel" > "$unpacked/$name.auditwheel" 2>&1 || true
    grep -q "\"${tag}_$cpu\"" "$unpacked/$name.auditwheel" ||
      { fail "$name: auditwheel does not see ${tag}_$cpu:"; cat "$unpacked/$name.auditwheel"; }
  fi
  mkdir -p "$unpacked/$name"
  (cd "$unpacked/$name" && python3 -m zipfile -e "$wheel" .)
  while IFS= read -r -d '' lib; do check "$lib" "$cpu" "$libc"; done \
    < <(find "$unpacked/$name" -type f \( -name '*.so' -o -path '*/scripts/*' \) -print0)
done

step "sdist"
sdist="$(artifact "python/latipay-$VERSION.tar.gz")"
mkdir -p "$unpacked/sdist"
tar -xzf "$sdist" -C "$unpacked/sdist"
for file in pyproject.toml Cargo.lock core/Cargo.toml python/latipay/__init__.py LICENSE-MIT LICENSE-APACHE; do
  checked=$((checked + 1))
  [[ -f "$unpacked/sdist/latipay-$VERSION/$file" ]] && echo "ok   sdist has $file" || fail "the sdist has no $file"
done

checked=$((checked + 1))
if cargo metadata --offline --format-version 1 --manifest-path "$unpacked/sdist/latipay-$VERSION/Cargo.toml" >/dev/null; then
  echo "ok   the sdist's workspace resolves offline from its Cargo.lock"
else
  fail "cargo metadata fails in the sdist"
fi

step "npm packages"
for tarball in "$DIST"/npm/*.tgz; do
  name="$(basename "$tarball" .tgz)"
  mkdir -p "$unpacked/$name"
  tar -xzf "$tarball" -C "$unpacked/$name"
  while IFS= read -r -d '' lib; do
    case "$lib" in *x64*) cpu=x86_64 ;; *arm64*) cpu=aarch64 ;; esac
    case "$lib" in *musl*) libc=musl ;; *) libc=gnu ;; esac
    check "$lib" "$cpu" "$libc"
  done < <(find "$unpacked/$name" -type f \( -name '*linux*.node' -o -path '*/vendor/linux-*' \) -print0)
done

step "jar"
jar="$(artifact "maven/io/latipay/latipay/$VERSION/latipay-$VERSION.jar")"
mkdir -p "$unpacked/jar"
(cd "$unpacked/jar" && python3 -m zipfile -e "$jar" .)
check "$unpacked/jar/linux-x86-64/liblatipay_kotlin.so" x86_64 gnu
check "$unpacked/jar/linux-aarch64/liblatipay_kotlin.so" aarch64 gnu

step "licenses"
for dir in "$unpacked"/*/; do
  checked=$((checked + 1))
  found="$(find "$dir" -name 'LICENSE-MIT' -o -name 'LICENSE-APACHE' | wc -l)"
  (( found >= 2 )) || fail "$(basename "$dir"): no LICENSE-MIT and LICENSE-APACHE"
done

echo "$((checked - failures)) passed, $failures failed"
(( failures == 0 ))
