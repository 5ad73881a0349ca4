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

/// Separates names and values in the packed texts (`name\0value\0…`).
const SEPARATOR: &str = "\0";

/// `FastPath.signPacked(packed, apiKey)`: the rule-A signature (64 ASCII hex
/// digits) of the packed `name\0value\0…` pairs, or null when the core refuses them.
#[no_mangle]
pub extern "system" fn Java_io_latipay_FastPath_signPacked<'local>(
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
/// packed UTF-8 text (see [`pack_payment`]), or null when it does not verify.
#[no_mangle]
pub extern "system" fn Java_io_latipay_FastPath_verifyNotificationPacked<'local>(
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
    let api_key = std::str::from_utf8(api_key).ok()?;
    let mut parts = std::str::from_utf8(packed).ok()?.split(SEPARATOR);
    let mut pairs = Vec::with_capacity(16);
    while let Some(name) = parts.next() {
        pairs.push((name, parts.next()?));
    }
    latipay::sign(pairs, api_key).ok()
}

/// Verifies a notification body with the UTF-8 key and packs the payment.
fn verify_packed(body: &[u8], api_key: &[u8]) -> Option<String> {
    let api_key = std::str::from_utf8(api_key).ok()?;
    pack_payment(&latipay::verify_notification(body, api_key).ok()?)
}

/// `merchantReference\0orderId\0paymentMethod\0status\0currency\0amount\0
/// payTimeMillis\0payTimeRaw` then `\0name\0value` per extra field; an absent
/// value is empty (a present one never is). None when a value holds a NUL.
fn pack_payment(payment: &latipay::Payment) -> Option<String> {
    let millis = payment
        .pay_time
        .map(|t| t.timestamp_millis().to_string())
        .unwrap_or_default();
    let mut fields: Vec<&str> = vec![
        &payment.merchant_reference,
        payment.order_id.as_deref().unwrap_or_default(),
        payment.payment_method.as_str(),
        payment.status.as_str(),
        &payment.currency,
        &payment.amount,
        &millis,
        payment.pay_time_raw.as_deref().unwrap_or_default(),
    ];
    for (name, value) in &payment.extra {
        fields.extend([name.as_str(), value.as_str()]);
    }
    if fields.iter().any(|f| f.contains(SEPARATOR)) {
        return None;
    }
    Some(fields.join(SEPARATOR))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"111222333";

    #[test]
    fn packed_pairs_sign_as_the_core_does() {
        let packed = b"user_id\0U000000013\0merchant_reference\x006000324";
        assert_eq!(
            sign_packed(packed, KEY).as_deref(),
            Some("58f93f458880120d650611f2452917a25a39edc2f5e3a03baac73a7a49bc81f4")
        );
        assert_eq!(
            sign_packed(b"a\0", KEY),
            latipay::sign([("a", "")], "111222333").ok()
        );
        assert_eq!(
            sign_packed("À\0ü".as_bytes(), KEY),
            latipay::sign([("À", "ü")], "111222333").ok()
        );
        assert_eq!(sign_packed(b"odd", KEY), None);
        assert_eq!(sign_packed(b"a\x001\0a\x002", KEY), None, "a repeated name");
        assert_eq!(sign_packed(b"a\x001", b""), None, "an empty key");
        assert_eq!(
            sign_packed(b"a\x001", b"k\xFF"),
            None,
            "a key that is not UTF-8"
        );
    }

    #[test]
    fn a_verified_payment_packs_in_field_order() {
        let body =
            b"merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay\
&status=paid&pay_time=2017-07-07%2010%3A53%3A50&payId=P%3D1\
&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
        assert_eq!(
            verify_packed(body, KEY).as_deref(),
            Some(
                [
                    "dsi39ej430sks03",
                    "",
                    "alipay",
                    "paid",
                    "NZD",
                    "120.00",
                    "1499396030000",
                    "2017-07-07 10:53:50",
                    "payId",
                    "P=1"
                ]
                .join("\0")
                .as_str()
            )
        );
        assert_eq!(verify_packed(body, b"wrong"), None);
        let with_nul = [&body[..], b"&x=%00"].concat();
        assert_eq!(
            verify_packed(&with_nul, KEY),
            None,
            "a NUL cannot be packed"
        );
    }
}
