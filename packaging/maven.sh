#!/usr/bin/env bash
# dist/maven: io.latipay:latipay as a Maven repository (jar, sources jar, javadoc jar (Dokka), POM,
# checksums). The jar carries liblatipay_kotlin.so for linux-x86-64 and
# linux-aarch64, cross-built through zig for glibc 2.17, plus any library in
# $LATIPAY_EXTRA_ARTIFACTS/natives/<JNA platform>/ (the release workflow puts
# the macOS and Windows ones there). Beside it io.latipay:latipay-sandbox-junit,
# the JUnit 5 extension that runs the sandbox for a test suite. The Android AAR is built by
# bindings-kotlin/android/build-aar.sh (it needs the Android NDK).
source "$(dirname "$0")/common.sh"

natives="$WORK/natives"
rm -rf "$natives"
for target in "${GNU_TARGETS[@]}"; do
  step "liblatipay_kotlin.so for $target"
  build_libraries "$target"
  mkdir -p "$natives/$(jna_platform "$target")"
  strip_debug "$(release_dir "$target")/liblatipay_kotlin.so" "$natives/$(jna_platform "$target")/liblatipay_kotlin.so"
done
if [[ -d "${LATIPAY_EXTRA_ARTIFACTS:-}/natives" ]]; then
  cp -r "$LATIPAY_EXTRA_ARTIFACTS/natives/." "$natives/"
fi
rm -rf "$DIST/maven"
step "io.latipay:latipay-sandbox-junit:$VERSION into dist/maven"
# Its tests run in make test and, from dist/maven, in make dist-check. It goes first, as
# deploy installs it too: the tests of io.latipay:latipay use it (dist-check leaves only
# a copy taken from dist/maven, which Maven does not take for another build).
mvn -B --no-transfer-progress -f "$WORKSPACE/sandbox/junit/pom.xml" -DskipTests \
  -DaltDeploymentRepository="dist::file://$DIST/maven" clean deploy
step "io.latipay:latipay:$VERSION into dist/maven"
cd "$WORKSPACE/bindings-kotlin"
# Maven's own cargo steps (uniffi-bindgen) use the development target directory, with
# make test's settings: the host's RUSTFLAGS (common.sh's path remapping) would make
# cargo rebuild uniffi-bindgen and its dependencies there (110 s).
env -u CARGO_TARGET_DIR -u CARGO_PROFILE_RELEASE_DEBUG -u CARGO_PROFILE_RELEASE_STRIP \
  -u CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS -u CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS \
  -u CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_RUSTFLAGS -u CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_RUSTFLAGS \
  mvn -B --no-transfer-progress -P dist -Ddist.natives="$natives" \
  -DaltDeploymentRepository="dist::file://$DIST/maven" clean deploy
