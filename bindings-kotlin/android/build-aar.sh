#!/usr/bin/env bash
# Builds the Android library (AAR) of the Kotlin binding:
#   1. liblatipay_kotlin.so for arm64-v8a, armeabi-v7a and x86_64 (cargo-ndk, release);
#   2. the Kotlin sources, generated from that library with Android settings
#      (uniffi-android.toml: android = true, checksums omitted; see there);
#   3. library/build/outputs/aar/library-release.aar (Gradle, Android Gradle Plugin).
#
# Needs: Rust (rustup), the Android NDK r28 or newer (ANDROID_NDK_HOME), the
# Android SDK (ANDROID_HOME) and Gradle 8.9 to 8.14 (for Android Gradle Plugin
# 8.7) with access to Google's Maven repository.
# Usage: bindings-kotlin/android/build-aar.sh [--min-sdk N]   (default 21)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
workspace="$(cd "$here/../.." && pwd)"
CARGO_NDK_VERSION=4.1.2

die() { echo "build-aar.sh: $*" >&2; exit 1; }
min_sdk=21
while (($#)); do
  case "$1" in
    --min-sdk) [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--min-sdk needs a number"; min_sdk="$2"; shift 2 ;;
    *) die "unknown argument '$1' (usage: build-aar.sh [--min-sdk N])" ;;
  esac
done
: "${ANDROID_NDK_HOME:=${ANDROID_NDK_ROOT:-}}"
[[ -n "$ANDROID_NDK_HOME" && -d "$ANDROID_NDK_HOME" ]] || die "set ANDROID_NDK_HOME to an Android NDK (r28 or newer), e.g. \$ANDROID_HOME/ndk/28.2.13676358"
[[ -n "${ANDROID_HOME:-}" && -d "$ANDROID_HOME" ]] || die "set ANDROID_HOME to the Android SDK (Gradle's Android plugin needs it)"
command -v gradle >/dev/null || die "gradle (8.9 to 8.14) is not on PATH"
export ANDROID_NDK_HOME

rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
if [[ "$(cargo ndk --version 2>/dev/null)" != *" $CARGO_NDK_VERSION"* ]]; then
  cargo install --locked --force "cargo-ndk@$CARGO_NDK_VERSION"
fi

jni="$here/library/src/main/jniLibs"
generated="$here/library/src/main/kotlin"
rm -rf "$jni" "$generated"
cd "$workspace"
# 16 KB pages (Google Play, Android 15+) and no debug info in the APK; the
# workspace's release profile keeps debug info for profiling on the desktop.
export CARGO_PROFILE_RELEASE_STRIP=debuginfo
export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-Wl,-z,max-page-size=16384"
cargo ndk --platform "$min_sdk" -t arm64-v8a -t armeabi-v7a -t x86_64 -o "$jni" \
  build --locked --release -p latipay-kotlin

# The same sources for every ABI: generated once, from the arm64 library.
cargo run --locked --quiet -p uniffi-bindgen -- generate \
  --library "$jni/arm64-v8a/liblatipay_kotlin.so" --language kotlin \
  --config "$here/uniffi-android.toml" --out-dir "$generated" --no-format
# The two hand-written files of the package (NOTIFICATION_ACK, LatipayException.code).
cp -r "$workspace"/bindings-kotlin/jvm/src/main/kotlin/io/latipay/. "$generated/io/latipay/"

gradle --project-dir "$here" -PminSdk="$min_sdk" :library:assembleRelease
echo "built $here/library/build/outputs/aar/library-release.aar"
