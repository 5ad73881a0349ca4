#!/usr/bin/env bash
# Every Linux native library in dist/ is what its name promises, and every
# package has its libraries and license texts:
#   - the CPU its platform names;
#   - -gnu / manylinux: linked against glibc (libc.so.6), no symbol newer than
#     glibc 2.17, and auditwheel agrees with each manylinux wheel's tag;
#   - musl / musllinux: not linked against glibc, and loaded by musl's own
#     dynamic linker (Debian's musl on x86_64, the arm64 root's under qemu on
#     aarch64), which finds every library the file needs and every symbol but
#     those of its host process (Python's Py*, Node's napi_*).
# Python and Node themselves are not run on musl: no musl build of either can
# be had here. auditwheel cannot analyse musllinux wheels on a glibc machine
# (it reads the host's libc.so); their tags come from maturin. macOS and
# Windows artifacts (from the release workflow) are listed, not checked.
source "$(dirname "$0")/common.sh"

ARM64_ROOT="$WORK/arm64-root"
MUSL_X86_64=/lib/ld-musl-x86_64.so.1
MUSL_AARCH64="$ARM64_ROOT/lib/ld-musl-aarch64.so.1"
[[ -x "$MUSL_X86_64" ]] || { echo "no $MUSL_X86_64: run packaging/arm64-root.sh (it installs Debian's musl)" >&2; exit 1; }
[[ -x "$MUSL_AARCH64" ]] || { echo "no musl in the arm64 root: run packaging/arm64-root.sh" >&2; exit 1; }
command -v qemu-aarch64-static >/dev/null || { echo "no qemu-aarch64-static: run packaging/arm64-root.sh" >&2; exit 1; }

unpacked="$CHECK/unpacked"
rm -rf "$unpacked"
mkdir -p "$unpacked"
failures=0 checked=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
pass() { echo "ok   $*"; }

# check <file> <x86_64|aarch64> <gnu|musl>: one library or executable.
check() {
  local file="$1" cpu="$2" libc="$3" name machine needed newest report unresolved loader
  name="$(realpath --relative-to="$unpacked" "$file")"
  checked=$((checked + 1))
  machine="$(readelf -h "$file" | sed -n 's/^ *Machine: *//p')"
  case "$cpu:$machine" in
    x86_64:*X86-64*|aarch64:AArch64) ;;
    *) fail "$name: machine '$machine', expected $cpu"; return ;;
  esac
  needed="$(readelf -d "$file" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')"
  if [[ "$libc" == gnu ]]; then
    grep -qx 'libc.so.6' <<<"$needed" || { fail "$name: not linked against glibc (needs: $(echo $needed))"; return; }
    newest="$(readelf -W --dyn-syms "$file" | { grep -o 'GLIBC_[0-9.]*' || true; } | sed 's/GLIBC_//' | sort -V | tail -n 1)"
    if [[ -z "$newest" || "$(printf '%s\n%s\n' "$newest" "$GLIBC" | sort -V | tail -n 1)" != "$GLIBC" ]]; then
      fail "$name: needs glibc '${newest:-?}' (the floor is $GLIBC)"; return
    fi
    pass "$name: $cpu, glibc $newest <= $GLIBC"
  else
    ! grep -q 'libc.so.6' <<<"$needed" || { fail "$name: linked against glibc"; return; }
    loader=("$MUSL_X86_64")
    [[ "$cpu" == aarch64 ]] && loader=(qemu-aarch64-static "$MUSL_AARCH64")
    report="$("${loader[@]}" --list "$file" 2>&1 || true)"
    # What the loader prints for a file it loaded: itself, as the file's libc.
    grep -q '=> .*ld-musl-' <<<"$report" || { fail "$name: musl's loader did not load it:"; echo "$report"; return; }
    if grep -q 'Error loading shared library' <<<"$report"; then
      fail "$name: musl cannot load what it needs:"; echo "$report"; return
    fi
    unresolved="$(sed -n 's/^Error relocating .*: \([^:]*\): symbol not found$/\1/p' <<<"$report" | grep -vE '^(_?Py|napi_|node_api_)' || true)"
    [[ -z "$unresolved" ]] || { fail "$name: symbols musl does not have: $(echo $unresolved)"; return; }
    pass "$name: $cpu, loaded by musl's dynamic linker"
  fi
}

# libraries <dir> <expected count> <find predicates...>: checks each file found, by its
# platform in the artifact's name ($cpu, $libc), and that there are as many as expected.
libraries() {
  local dir="$1" expected="$2" found=0 lib
  shift 2
  while IFS= read -r -d '' lib; do
    check "$lib" "$cpu" "$libc"
    found=$((found + 1))
  done < <(find "$dir" -type f \( "$@" \) -print0)
  checked=$((checked + 1))
  (( found == expected )) || fail "$(basename "$dir"): $found native files, expected $expected"
}

step "wheels"
for wheel in "$DIST"/python/*.whl; do
  name="$(basename "$wheel" .whl)"
  case "$name" in
    *-macosx_*|*-win_*) echo "not checked here: $name"; continue ;;
    *_x86_64) cpu=x86_64 ;;
    *_aarch64) cpu=aarch64 ;;
    *) fail "$name: no Linux CPU in its tag"; continue ;;
  esac
  case "$name" in *musllinux*) libc=musl tag=musllinux_1_2 ;; *manylinux*) libc=gnu tag=manylinux_2_17 ;;
    *) fail "$name: neither manylinux nor musllinux"; continue ;; esac
  if [[ "$libc" == gnu ]]; then
    checked=$((checked + 1))
    auditwheel show "$wheel" > "$unpacked/$name.auditwheel" 2>&1 || true
    if grep -q "\"${tag}_$cpu\"" "$unpacked/$name.auditwheel"; then pass "$name: auditwheel sees ${tag}_$cpu"
    else fail "$name: auditwheel does not see ${tag}_$cpu:"; cat "$unpacked/$name.auditwheel"; fi
  fi
  mkdir -p "$unpacked/$name"
  (cd "$unpacked/$name" && python3 -m zipfile -e "$wheel" .)
  libraries "$unpacked/$name" 1 -name '*.so' -o -path '*/scripts/*'
done

step "sdist"
sdist="$(artifact "python/latipay-$VERSION.tar.gz")"
mkdir -p "$unpacked/sdist"
tar -xzf "$sdist" -C "$unpacked/sdist"
for file in pyproject.toml Cargo.lock core/Cargo.toml python/latipay/__init__.py; do
  checked=$((checked + 1))
  if [[ -f "$unpacked/sdist/latipay-$VERSION/$file" ]]; then pass "the sdist has $file"; else fail "the sdist has no $file"; fi
done

step "npm packages"
for tarball in "$DIST"/npm/*.tgz; do
  name="$(basename "$tarball" "-$VERSION.tgz")"
  mkdir -p "$unpacked/$name"
  tar -xzf "$tarball" -C "$unpacked/$name"
  case "$name" in
    latipay) libraries "$unpacked/$name" 0 -name '*.node' ;;
    latipay-sandbox)
      cpu=x86_64 libc=gnu libraries "$unpacked/$name/package/vendor/linux-x64" 1 -name latipay-sandbox
      cpu=aarch64 libc=gnu libraries "$unpacked/$name/package/vendor/linux-arm64" 1 -name latipay-sandbox ;;
    latipay-linux-*)
      platform="${name#latipay-}"
      case "$platform" in linux-x64-*) cpu=x86_64 ;; linux-arm64-*) cpu=aarch64 ;; *) fail "$name: unknown CPU"; continue ;; esac
      case "$platform" in *-gnu) libc=gnu ;; *-musl) libc=musl ;; *) fail "$name: unknown libc"; continue ;; esac
      libraries "$unpacked/$name" 1 -name "latipay.$platform.node" ;;
    *) echo "not checked here: $name" ;;
  esac
done

step "jar"
jar="$(artifact "maven/io/latipay/latipay/$VERSION/latipay-$VERSION.jar")"
mkdir -p "$unpacked/jar"
(cd "$unpacked/jar" && python3 -m zipfile -e "$jar" .)
cpu=x86_64 libc=gnu libraries "$unpacked/jar/linux-x86-64" 1 -name liblatipay_kotlin.so
cpu=aarch64 libc=gnu libraries "$unpacked/jar/linux-aarch64" 1 -name liblatipay_kotlin.so

step "licenses"
for dir in "$unpacked"/*/; do
  checked=$((checked + 1))
  found="$(find "$dir" -name 'LICENSE-MIT' -o -name 'LICENSE-APACHE' | wc -l)"
  if (( found >= 2 )); then pass "$(basename "$dir") has LICENSE-MIT and LICENSE-APACHE"
  else fail "$(basename "$dir"): no LICENSE-MIT and LICENSE-APACHE"; fi
done

echo "$((checked - failures)) passed, $failures failed"
(( failures == 0 ))
