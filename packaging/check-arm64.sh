#!/usr/bin/env bash
# The aarch64 artifacts on arm64 under qemu, in the Debian root of
# arm64-root.sh, each with Debian's own arm64 runtime:
#   - the latipay (with its async extra) and latipay_sandbox aarch64 wheels, pip-installed into a
#     virtualenv there: the vector, bad-input, redaction and client suites;
#   - latipay with latipay-linux-arm64-gnu and latipay-sandbox, installed by
#     npm for linux/arm64/glibc: the vector, bad-input, export, redaction and
#     client suites under Debian's arm64 nodejs;
#   - the jar's linux-aarch64 library: the JUnit vector, bad-input and client
#     suites (compiled by check-maven.sh) under Debian's arm64 OpenJDK.
# The client suites talk to the aarch64 sandbox executable.
source "$(dirname "$0")/common.sh"

ROOT="$WORK/arm64-root"
SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO=sudo
[[ -f "$ROOT/.made-with" ]] || { echo "no arm64 root: run packaging/arm64-root.sh" >&2; exit 1; }
[[ -d "$CHECK/maven/test-classes" ]] || { echo "no compiled JUnit suites: run packaging/check-maven.sh first" >&2; exit 1; }

stage="$ROOT/check"
$SUDO rm -rf --one-file-system "$stage"
$SUDO mkdir -p "$stage"
$SUDO chown "$(id -u):$(id -g)" "$stage"
cp "$(artifact 'python/latipay-*-manylinux*_aarch64.whl')" "$(artifact 'python/latipay_sandbox-*-manylinux*_aarch64.whl')" "$stage/"
# What they need from PyPI (httpx for the async extra, pytest), downloaded here for the
# root's Python and CPU: pip under qemu then installs from this folder, without the
# network (TLS and resolving under emulation took a minute more). pip judges environment
# markers by this machine's Python, not --python-version: a dependency the root needs and
# this machine does not would be missing, and the install below fails saying which.
root_python="$($SUDO chroot "$ROOT" /usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
"$TOOLS/bin/python" -m pip download --quiet --disable-pip-version-check --dest "$stage/wheels" \
  --only-binary=:all: --implementation cp --python-version "$root_python" \
  --platform manylinux2014_aarch64 --platform manylinux_2_17_aarch64 --platform manylinux_2_28_aarch64 \
  "$(echo "$stage"/latipay-*.whl)[async]" pytest==9.2.0
# The suites read the repository's vectors and hostile cases from their place in it.
mkdir -p "$stage/repo/bindings-python" "$stage/repo/tests"
cp -r "$WORKSPACE/tests/vectors" "$WORKSPACE/tests/hostile" "$stage/repo/tests/"
cp -r "$WORKSPACE/bindings-python/tests" "$stage/repo/bindings-python/"
PATH="$(user_path)" "$WORKSPACE/packaging/npm-install.sh" "$stage/node" linux-arm64-gnu
cp -r "$WORKSPACE/bindings-node/test" "$stage/node/node_modules/latipay/"
mkdir -p "$stage/java"
cp -r "$CHECK/maven/test-classes" "$CHECK/maven/dependency" "$stage/java/"

mountpoint -q "$ROOT/proc" || $SUDO mount -t proc proc "$ROOT/proc"
trap '$SUDO umount -l "$ROOT/proc"' EXIT
$SUDO chroot "$ROOT" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
  PIP_CERT=/etc/ssl/host-ca-certificates.crt PIP_DISABLE_PIP_VERSION_CHECK=1 \
  /bin/bash -euo pipefail -c '
    cd /check
    printf "\n== on %s: %s, %s, %s\n" "$(uname -m)" "$(python3 --version)" "node $(node --version)" "$(java -version 2>&1 | head -n 1)"

    printf "\n== Python: pip install of the aarch64 wheels, then pytest\n"
    # pip from Debian'"'"'s bundled wheel, without compiling what it installs: under qemu, `venv`
    # with pip and a compiling install from PyPI took 3 minutes, this takes under 1.
    python3 -m venv --without-pip venv
    pip_wheel="$(echo /usr/share/python-wheels/pip-*.whl)"
    venv/bin/python "$pip_wheel/pip" install --no-compile --quiet --no-index --find-links wheels \
      "$(echo latipay-*.whl)[async]" latipay_sandbox-*.whl pytest==9.2.0
    (cd repo && LATIPAY_SANDBOX_BIN=/check/venv/bin/latipay-sandbox /check/venv/bin/python -m pytest -p no:cacheprovider \
      bindings-python/tests/test_vectors.py bindings-python/tests/test_bad_inputs.py \
      bindings-python/tests/test_redaction.py bindings-python/tests/test_client_e2e.py)

    printf "\n== Node: latipay-linux-arm64-gnu, then node --test\n"
    cd /check/node
    LATIPAY_REPO=/check/repo LATIPAY_SANDBOX_BIN="$(node -p "require(\"latipay-sandbox\").binaryPath()")" \
      node --test --test-reporter=spec node_modules/latipay/test/{vectors,bad-inputs,exports,redaction,client}.test.js

    printf "\n== Java: the jar'"'"'s linux-aarch64 library, then JUnit\n"
    cd /check/java
    LATIPAY_SANDBOX_BIN=/check/venv/bin/latipay-sandbox java -Dlatipay.workspace=/check/repo -jar dependency/junit-platform-console-standalone-*.jar execute \
      --disable-banner --details=summary --fail-if-no-tests \
      --class-path "test-classes:$(ls dependency/*.jar | tr "\n" ":")" \
      --select-class io.latipay.VectorsTest --select-class io.latipay.BadInputsTest --select-class io.latipay.ClientTest
  '
