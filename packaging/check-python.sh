#!/usr/bin/env bash
# The x86_64 manylinux wheels as a user installs them: a fresh virtualenv, no
# Rust on PATH, `pip install` of the latipay and latipay_sandbox wheels, then
# the binding's whole pytest suite, the plugin's and the Django recipe's against
# them (the sandbox from its wheel, found by its pytest plugin).
# Then the last resort: the sdist built by pip with cargo, and the known
# answers checked with what it built.
source "$(dirname "$0")/common.sh"

rust_path="$PATH"
sdist="$(artifact "python/latipay-$VERSION.tar.gz")"
wheel="$(artifact 'python/latipay-*-manylinux*_x86_64.whl')"
sandbox_wheel="$(artifact 'python/latipay_sandbox-*-manylinux*_x86_64.whl')"
venv="$CHECK/python"
export PATH="$(user_path)"
assert_no_rust

step "pip install $(basename "$wheel") $(basename "$sandbox_wheel") into a fresh virtualenv"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "$wheel[async]" "$sandbox_wheel"
# What the suite itself uses (its examples' frameworks), without maturin.
grep -v '^maturin' "$WORKSPACE/bindings-python/requirements-dev.txt" | "$venv/bin/pip" install --quiet -r /dev/stdin
installed="$("$venv/bin/python" -c 'import latipay, os; print(os.path.dirname(latipay.__file__))')"
[[ "$installed" == "$venv"/lib/* ]] || { echo "latipay came from $installed, not the wheel" >&2; exit 1; }

step "pytest bindings-python/tests against the installed wheels (the sandbox through its pytest plugin)"
cd "$CHECK"
unset LATIPAY_SANDBOX_BIN  # the plugin finds the executable its wheel installed
"$venv/bin/python" -m pytest -p no:cacheprovider "$WORKSPACE/bindings-python/tests"

step "the pytest plugin's own tests, and the Django recipe's tests through it"
"$venv/bin/python" -m pytest -p no:cacheprovider "$WORKSPACE/sandbox/python/tests"
(cd "$WORKSPACE/bindings-python/examples/django_shop" && "$venv/bin/python" -m pytest -p no:cacheprovider)

step "pip install $(basename "$sdist") (built from source with cargo) into a fresh virtualenv"
from_source="$CHECK/python-sdist"
rm -rf "$from_source"
python3 -m venv "$from_source"
start=$SECONDS
# A user's environment: none of make dist's cargo settings. (The sandbox wheel too: the
# suite's conftest.py takes the sandbox from its pytest plugin.)
env -u CARGO_PROFILE_RELEASE_DEBUG -u CARGO_PROFILE_RELEASE_STRIP -u CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS \
  PATH="$rust_path" CARGO_TARGET_DIR="$WORK/sdist-cargo" "$from_source/bin/pip" install --quiet "$sdist" "$sandbox_wheel" pytest==9.2.0
echo "built and installed from the sdist in $((SECONDS - start)) s"
"$from_source/bin/python" -m pytest -p no:cacheprovider -q "$WORKSPACE/bindings-python/tests/test_vectors.py"
