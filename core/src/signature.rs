//! Latipay's two signature rules, both HMAC-SHA256 with the api_key, lowercase hex.
//!
//! * **Rule A, "sorted"** ([`sign`]): every request the merchant sends. Drop
//!   `signature` and every absent or empty value, sort by key in byte order,
//!   join `key=value` (unencoded) with `&`, append the api_key, HMAC.
//! * **Rule B, "concat"** ([`sign_concat`]): what Latipay sends back. Plain
//!   concatenation of field values, nothing appended, HMAC.
//!
//! Verification ([`verify_sorted`], [`verify_concat`]) accepts a signature only
//! in its one canonical form, exactly 64 lowercase hex digits (so a signature is
//! a stable key for spotting a duplicate), and compares the MAC bytes in
//! constant time.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::error::{scrubbed, Error, Result};

pub use crate::outcome::{OutcomeFields, StoredOrder};

type HmacSha256 = Hmac<Sha256>;

/// The field that carries a signature; rule A never signs it.
pub const SIGNATURE_FIELD: &str = "signature";

/// A parameter value for rule A: some text, or absent. Implemented for `&str`,
/// `String` and `Option`s of either, so maps and arrays of pairs sign directly.
pub trait ParamValue {
    /// The value's text, or `None` when absent (left out, as is `""`).
    fn as_param(&self) -> Option<&str>;
}

impl ParamValue for &str {
    fn as_param(&self) -> Option<&str> {
        Some(self)
    }
}

impl ParamValue for String {
    fn as_param(&self) -> Option<&str> {
        Some(self)
    }
}

impl ParamValue for &String {
    fn as_param(&self) -> Option<&str> {
        Some(self)
    }
}

impl<T: AsRef<str>> ParamValue for Option<T> {
    fn as_param(&self) -> Option<&str> {
        self.as_ref().map(AsRef::as_ref)
    }
}

impl<T: AsRef<str>> ParamValue for &Option<T> {
    fn as_param(&self) -> Option<&str> {
        self.as_ref().map(AsRef::as_ref)
    }
}

/// Signs parameters by rule A and returns the lowercase hex signature.
///
/// `params` are key/value pairs; absent and empty values are left out, as is
/// any `signature` key. Values are signed exactly as given: pass amounts as the
/// decimal text that will be sent (`"120.00"`, never a float).
///
/// Fails with `invalid_argument` when the api_key is empty, a key is empty, or
/// a key appears twice. The api_key never appears in the error, even when it
/// was passed as a parameter's name by mistake.
///
/// ```
/// let sig = latipay::sign([("merchant_reference", "6000324"), ("user_id", "U000000013")], "111222333")?;
/// assert_eq!(sig, "58f93f458880120d650611f2452917a25a39edc2f5e3a03baac73a7a49bc81f4");
///
/// // Absent values are skipped, so optional fields can be passed as they are:
/// let is_block: Option<&str> = None;
/// let same = latipay::sign(
///     [("merchant_reference", Some("6000324")), ("user_id", Some("U000000013")), ("is_block", is_block)],
///     "111222333",
/// )?;
/// assert_eq!(same, sig);
/// # Ok::<(), latipay::Error>(())
/// ```
pub fn sign<K, V>(params: impl IntoIterator<Item = (K, V)>, api_key: &str) -> Result<String>
where
    K: AsRef<str>,
    V: ParamValue,
{
    require_key(api_key)?;
    let message = scrubbed(api_key, || sorted_message(params))?;
    Ok(hmac_hex([message.as_str(), api_key], api_key))
}

/// The rule-A string for `params`, *without* the api_key that [`sign`] appends:
/// `amount=120.00&callback_url=…&wallet_id=W00000001`. Useful to compare with
/// another implementation while debugging; it contains no secret.
pub fn sorted_message<K, V>(params: impl IntoIterator<Item = (K, V)>) -> Result<String>
where
    K: AsRef<str>,
    V: ParamValue,
{
    let items: Vec<(K, V)> = params.into_iter().collect();
    let mut kept: Vec<(&str, &str)> = Vec::with_capacity(items.len());
    kept.extend(
        items
            .iter()
            .map(|(k, v)| (k.as_ref(), v.as_param()))
            .filter(|(k, _)| *k != SIGNATURE_FIELD)
            .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v))),
    );
    kept.sort_unstable_by(|a, b| byte_order(a.0, b.0));
    if let Some((k, _)) = kept.iter().find(|(k, _)| k.is_empty()) {
        return Err(Error::invalid(*k, "a parameter name must not be empty"));
    }
    if let Some(w) = kept.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(Error::invalid(w[0].0, "parameter given twice"));
    }
    let len = kept.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    let mut message = String::with_capacity(len);
    for (i, (k, v)) in kept.iter().enumerate() {
        if i > 0 {
            message.push('&');
        }
        message.push_str(k);
        message.push('=');
        message.push_str(v);
    }
    Ok(message)
}

/// Byte order of two names. Names nearly always differ in their first byte,
/// which is compared inline before the full comparison.
fn byte_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.first().cmp(&b.first()).then_with(|| a.cmp(b))
}

/// Signs by rule B: the HMAC of the concatenated `parts`.
///
/// ```
/// let sig = latipay::signature::sign_concat(
///     &["dsi39ej430sks03", "alipay", "paid", "NZD", "120.00"],
///     "111222333",
/// );
/// assert_eq!(sig, "840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1");
/// ```
pub fn sign_concat(parts: &[&str], api_key: &str) -> String {
    hmac_hex(parts.iter().copied(), api_key)
}

/// Checks a rule-B signature in constant time. `signature` must be exactly 64
/// lowercase hex digits: anything else (upper case, a wrong length, spaces) is
/// simply not valid, and nothing is valid under an empty or blank api_key.
///
/// Rule B has no separators: `order-12` + `alipay` and `order-1` + `2alipay`
/// are one message. Before trusting parts checked here, hold each to its
/// grammar, as [`crate::verify_notification`] and [`crate::verify_redirect`] do.
pub fn verify_concat(parts: &[&str], api_key: &str, signature: &str) -> bool {
    require_key(api_key).is_ok() && verify_hex(parts.iter().copied(), api_key, signature)
}

/// Checks a rule-A signature in constant time (see [`sign`] for the rule).
/// An input that [`sign`] would refuse is never valid.
pub fn verify_sorted<K, V>(
    params: impl IntoIterator<Item = (K, V)>,
    api_key: &str,
    signature: &str,
) -> bool
where
    K: AsRef<str>,
    V: ParamValue,
{
    match sorted_message(params) {
        Ok(message) if require_key(api_key).is_ok() => {
            verify_hex([message.as_str(), api_key], api_key, signature)
        }
        _ => false,
    }
}

/// Refuses an empty or blank api_key (white space and invisible characters
/// only) with `invalid_argument`: a signature under it is one anyone can make.
pub(crate) fn require_key(api_key: &str) -> Result<()> {
    if api_key.is_empty() {
        return Err(Error::invalid("api_key", "must not be empty"));
    }
    let invisible = |c: char| {
        c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
    };
    if api_key.chars().all(invisible) {
        return Err(Error::invalid("api_key", "must not be blank"));
    }
    Ok(())
}

fn mac_over<'a>(parts: impl IntoIterator<Item = &'a str>, api_key: &str) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = HmacSha256::new_from_slice(api_key.as_bytes()).expect("HMAC takes any key");
    for part in parts {
        mac.update(part.as_bytes());
    }
    mac
}

fn hmac_hex<'a>(parts: impl IntoIterator<Item = &'a str>, api_key: &str) -> String {
    lower_hex(&mac_over(parts, api_key).finalize().into_bytes().into())
}

/// Lowercase hex by table lookup: `hex::encode`'s char iterator cost as much
/// as the HMAC itself on a short message.
fn lower_hex(digest: &[u8; 32]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = [0u8; 64];
    for (pair, &byte) in text.chunks_exact_mut(2).zip(digest) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    // Only ASCII digits were written, so this never fails.
    std::str::from_utf8(&text)
        .map(str::to_owned)
        .unwrap_or_default()
}

/// The MAC written in `signature`, if it is in the one form Latipay writes it:
/// exactly 64 lowercase hex digits. The text is public, so reading it need
/// not be constant-time; the comparison of the MACs is.
fn canonical_mac(signature: &str) -> Option<[u8; 32]> {
    /// Each byte's value as a lowercase hex digit, or 0xff.
    const DIGIT: [u8; 256] = {
        let mut table = [0xff; 256];
        let mut i = 0;
        while i < 10 {
            table[b'0' as usize + i] = i as u8;
            i += 1;
        }
        let mut i = 0;
        while i < 6 {
            table[b'a' as usize + i] = 10 + i as u8;
            i += 1;
        }
        table
    };
    let text: &[u8; 64] = signature.as_bytes().try_into().ok()?;
    let mut mac = [0u8; 32];
    let mut bad = 0u8;
    for (byte, pair) in mac.iter_mut().zip(text.chunks_exact(2)) {
        let (high, low) = (DIGIT[usize::from(pair[0])], DIGIT[usize::from(pair[1])]);
        bad |= high | low;
        *byte = (high << 4) | (low & 0x0f);
    }
    (bad & 0xf0 == 0).then_some(mac)
}

fn verify_hex<'a>(
    parts: impl IntoIterator<Item = &'a str>,
    api_key: &str,
    signature: &str,
) -> bool {
    match canonical_mac(signature) {
        Some(given) => mac_over(parts, api_key).verify_slice(&given).is_ok(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "111222333";

    #[test]
    fn only_lowercase_hex_of_64_digits_is_canonical() {
        let sig = "840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
        let mut expected = [0u8; 32];
        hex::decode_to_slice(sig, &mut expected).unwrap();
        assert_eq!(canonical_mac(sig), Some(expected));
        for bad in [
            sig.to_uppercase(),
            sig[..63].to_owned(),
            format!("{sig}0"),
            sig.replacen('8', "g", 1),
            sig.replacen('8', " ", 1),
            sig.replacen('8', "\u{ff}", 1)[..64].to_owned(),
        ] {
            assert!(canonical_mac(&bad).is_none(), "{bad}");
        }
        for byte in 0..=255u8 {
            let canonical = byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte);
            let text: String = std::iter::repeat_n(char::from(byte), 64).collect();
            assert_eq!(
                canonical_mac(&text).is_some(),
                canonical && text.len() == 64,
                "{byte}"
            );
        }
    }

    #[test]
    fn lower_hex_matches_the_hex_crate() {
        for start in [0u8, 32, 64, 96, 128, 160, 192, 224] {
            let digest: [u8; 32] = std::array::from_fn(|i| start + i as u8);
            assert_eq!(lower_hex(&digest), hex::encode(digest));
        }
    }

    #[test]
    fn drops_absent_empty_and_signature() {
        let msg = sorted_message([
            ("b", Some("2")),
            ("a", Some("1")),
            ("c", None),
            ("d", Some("")),
            ("signature", Some("abc")),
        ])
        .unwrap();
        assert_eq!(msg, "a=1&b=2");
    }

    #[test]
    fn sorts_in_byte_order_not_case_folded() {
        // 'P' (0x50) sorts before 'a' (0x61): `backPage_url` keeps JS sort() order.
        let msg = sorted_message([
            ("b", Some("1")),
            ("Z", Some("2")),
            ("backPage_url", Some("3")),
        ])
        .unwrap();
        assert_eq!(msg, "Z=2&b=1&backPage_url=3");
    }

    #[test]
    fn values_are_not_url_encoded() {
        let msg = sorted_message([("product_name", Some("Pinot Noir, Otago & co"))]).unwrap();
        assert_eq!(msg, "product_name=Pinot Noir, Otago & co");
    }

    #[test]
    fn refuses_duplicates_empty_keys_and_empty_api_key() {
        let dup = sign([("a", "1"), ("a", "2")], KEY).unwrap_err();
        assert_eq!(dup.code(), "invalid_argument");
        assert!(sign([("", "1")], KEY).is_err());
        assert!(sign([("a", "1")], "").is_err());
    }

    #[test]
    fn the_key_used_as_a_name_is_not_shown() {
        for params in [vec![(KEY, "1"), (KEY, "2")], vec![("", "1"), (KEY, "2")]] {
            let shown = sign(params, KEY).unwrap_err().to_string();
            assert!(!shown.contains(KEY), "{shown}");
        }
    }

    #[test]
    fn verify_accepts_only_the_canonical_form() {
        let parts = ["dsi39ej430sks03", "alipay", "paid", "NZD", "120.00"];
        let sig = sign_concat(&parts, KEY);
        assert!(verify_concat(&parts, KEY, &sig));
        assert!(!verify_concat(&parts, KEY, &sig.to_uppercase()));
        let letter = sig.find(|c: char| c.is_ascii_alphabetic()).unwrap();
        let mut one_upper = sig.clone();
        one_upper[letter..=letter].make_ascii_uppercase();
        assert!(!verify_concat(&parts, KEY, &one_upper));
        assert!(!verify_sorted(
            [("a", Some("1"))],
            KEY,
            &sign([("a", "1")], KEY).unwrap().to_uppercase()
        ));
        assert!(!verify_concat(&parts, KEY, &sig[..62]));
        assert!(!verify_concat(&parts, KEY, ""));
        assert!(!verify_concat(&parts, KEY, &format!("{sig}00")));
        assert!(!verify_concat(&parts, KEY, &format!(" {sig}")[..64]));
        assert!(!verify_concat(&parts, "other", &sig));
        assert!(!verify_concat(&parts, "", &sign_concat(&parts, "")));
        // Under a blank key, a signature anyone can compute is never valid.
        for blank in [" ", "\t", "\u{a0}", "\u{3000}", "\u{200b}", "\u{feff}"] {
            assert!(!verify_concat(&parts, blank, &sign_concat(&parts, blank)));
            let forged = hmac_hex(["a=1", blank], blank);
            assert!(!verify_sorted([("a", "1")], blank, &forged));
            assert!(sign([("a", "1")], blank).is_err(), "{blank:?}");
        }
    }

    #[test]
    fn maps_of_strings_and_options_sign_alike() {
        use std::collections::HashMap;
        let plain: HashMap<String, String> = [
            ("b".to_owned(), "2".to_owned()),
            ("a".to_owned(), "1".to_owned()),
        ]
        .into();
        let optional: HashMap<&str, Option<String>> = [
            ("a", Some("1".to_owned())),
            ("b", Some("2".to_owned())),
            ("c", None),
        ]
        .into();
        let expected = sign([("a", "1"), ("b", "2")], KEY).unwrap();
        assert_eq!(sign(&plain, KEY).unwrap(), expected);
        assert_eq!(sign(&optional, KEY).unwrap(), expected);
    }

    #[test]
    fn verify_sorted_round_trip() {
        let params = [("b", Some("2")), ("a", Some("1"))];
        let sig = sign(params, KEY).unwrap();
        assert!(verify_sorted(params, KEY, &sig));
        assert!(!verify_sorted([("a", Some("1"))], KEY, &sig));
        assert!(!verify_sorted(params, "", &sig));
    }
}
