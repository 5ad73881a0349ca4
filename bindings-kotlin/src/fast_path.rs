//! A JNI fast path for the two calls a JVM back end makes on every request:
//! `sign` and `verifyNotification`.
//!
//! A UniFFI call costs 17–24 µs on the JVM (JNA's bookkeeping of every native
//! allocation), some thirty times an HMAC. These two functions cross once
//! through JNI instead, with UTF-8 byte arrays: the parameters packed as
//! `name\0value\0…`, the key, the body. Text with a NUL or a lone surrogate
//! takes the UniFFI path. They handle the success path only:
//! for anything else they return null and the Kotlin wrapper (`Signing.kt`)
//! makes the same call through UniFFI, which raises the typed exception. So
//! the two paths cannot disagree on an error, and every rule stays the core's.
//! (A panic, which would be a bug, becomes a Java `RuntimeException`, and the
//! wrapper falls back in the same way.)

use jni::errors::ThrowRuntimeExAndDefault;
use jni::objects::{JByteArray, JClass};
use jni::EnvUnowned;
use latipay::ffi;

/// `FastPath.signPacked(packed, apiKey)`: the rule-A signature (64 ASCII hex
/// digits) of the packed `name\0value\0…` pairs, or null when the core refuses them.
#[no_mangle]
pub extern "system" fn Java_io_latipay_internal_FastPath_signPacked<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    packed: JByteArray<'local>,
    api_key: JByteArray<'local>,
) -> JByteArray<'local> {
    env.with_env(|env| -> jni::errors::Result<JByteArray<'local>> {
        let packed = env.convert_byte_array(&packed)?;
        let api_key = env.convert_byte_array(&api_key)?;
        match sign_packed(&packed, &api_key) {
            Some(signature) => env.byte_array_from_slice(signature.as_bytes()),
            None => Ok(JByteArray::default()),
        }
    })
    .resolve::<ThrowRuntimeExAndDefault>()
}

/// `FastPath.verifyNotificationPacked(body, apiKey)`: the verified payment as
/// packed UTF-8 text (see [`ffi::pack_payment`]), or null when it does not verify.
#[no_mangle]
pub extern "system" fn Java_io_latipay_internal_FastPath_verifyNotificationPacked<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    body: JByteArray<'local>,
    api_key: JByteArray<'local>,
) -> JByteArray<'local> {
    env.with_env(|env| -> jni::errors::Result<JByteArray<'local>> {
        let body = env.convert_byte_array(&body)?;
        let api_key = env.convert_byte_array(&api_key)?;
        match verify_packed(&body, &api_key) {
            Some(packed) => env.byte_array_from_slice(packed.as_bytes()),
            None => Ok(JByteArray::default()),
        }
    })
    .resolve::<ThrowRuntimeExAndDefault>()
}

/// Signs UTF-8 `name\0value\0…` pairs with the UTF-8 key.
fn sign_packed(packed: &[u8], api_key: &[u8]) -> Option<String> {
    let pairs = ffi::unpack_pairs(std::str::from_utf8(packed).ok()?)?;
    latipay::sign(pairs, std::str::from_utf8(api_key).ok()?).ok()
}

/// Verifies a notification body with the UTF-8 key and packs the payment.
fn verify_packed(body: &[u8], api_key: &[u8]) -> Option<String> {
    let api_key = std::str::from_utf8(api_key).ok()?;
    ffi::pack_payment(&latipay::verify_notification(body, api_key).ok()?.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_core_refuses_is_null_for_the_uniffi_path_to_report() {
        let key = b"111222333";
        assert_eq!(
            sign_packed(b"user_id\0U000000013\0merchant_reference\x006000324", key).as_deref(),
            Some("58f93f458880120d650611f2452917a25a39edc2f5e3a03baac73a7a49bc81f4")
        );
        assert_eq!(sign_packed(b"a\x001\0a\x002", key), None, "a repeated name");
        assert_eq!(sign_packed(b"a\x001", b""), None, "an empty key");
        assert_eq!(
            sign_packed(b"a\x001", b"k\xFF"),
            None,
            "a key that is not UTF-8"
        );
        assert_eq!(verify_packed(b"status=paid", key), None, "no signature");
    }
}
