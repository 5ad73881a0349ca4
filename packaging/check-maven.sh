#!/usr/bin/env bash
# dist/maven as a user's Maven project takes it: io.latipay:latipay resolved
# from that repository (nothing of it left in the local repository first), no
# Rust on PATH, then the binding's JUnit suites against the jar (the sandbox
# from the x86_64 sandbox wheel's executable).
source "$(dirname "$0")/common.sh"

export PATH="$(user_path)"
assert_no_rust
# (Maven colours even this one line on some terminals: the escapes are removed.)
local_repo="$(mvn -B -q help:evaluate -Dexpression=settings.localRepository -DforceStdout | sed 's/\x1b\[[0-9;]*m//g')"
rm -rf "$local_repo/io/latipay"
sandbox="$CHECK/python/bin/latipay-sandbox"
[[ -x "$sandbox" ]] || { echo "$sandbox is missing: run packaging/check-python.sh first" >&2; exit 1; }

# The Kotlin and Java suites, but FastPathTest, ApiParityTest and PackedJarIT: they
# reach the binding's internals.
tests="$CHECK/maven-tests"
rm -rf "$tests"
cp -r "$WORKSPACE/bindings-kotlin/jvm/src/test/kotlin" "$tests"
cp -r "$WORKSPACE/bindings-kotlin/jvm/src/test/java/." "$tests/"
rm "$tests/io/latipay/FastPathTest.kt" "$tests/io/latipay/ApiParityTest.kt" "$tests/io/latipay/PackedJarIT.kt"

step "JUnit suites against io.latipay:latipay:$VERSION from dist/maven"
cd "$WORKSPACE/packaging/maven-check"
LATIPAY_SANDBOX_BIN="$sandbox" mvn -B --no-transfer-progress test \
  -Dlatipay.version="$VERSION" -Ddist.repo="$DIST/maven" -Dcheck.dir="$CHECK/maven" -Dcheck.tests="$tests"
jar="$local_repo/io/latipay/latipay/$VERSION/latipay-$VERSION.jar"
cmp -s "$jar" "$DIST/maven/io/latipay/latipay/$VERSION/latipay-$VERSION.jar" ||
  { echo "the suites did not run against dist/maven's jar ($jar)" >&2; exit 1; }

step "the sources and javadoc jars beside it"
repo_dir="$DIST/maven/io/latipay/latipay/$VERSION"
# Each listing is read whole before it is searched: `unzip | grep -q` under pipefail fails at
# random when grep stops reading first (unzip gets SIGPIPE).
sources_list="$(unzip -Z1 "$repo_dir/latipay-$VERSION-sources.jar")"
javadoc_list="$(unzip -Z1 "$repo_dir/latipay-$VERSION-javadoc.jar")"
checked=0
for entry in sources:io/latipay/LatipayClient.kt sources:META-INF/LICENSE-MIT javadoc:io/latipay/Latipay.html javadoc:io/latipay/LatipayClient.html; do
  listing="${entry%%:*}_list"
  grep -qx "${entry#*:}" <<<"${!listing}" || { echo "latipay-$VERSION-${entry%%:*}.jar lacks ${entry#*:}" >&2; exit 1; }
  checked=$((checked + 1))
done
if grep -q '^io/latipay/internal/' <<<"$javadoc_list"; then
  echo "the javadoc jar documents io.latipay.internal" >&2; exit 1
fi
echo "sources and javadoc jars: $((checked + 1)) passed, 0 failed"
