//! Checks on caller input, shared by every request builder. Each check names
//! the wire field in its `invalid_argument` error.

use std::net::Ipv4Addr;

use crate::error::{quoted, Error, Result};
use crate::secret::without_userinfo;

/// Longest accepted URL, in bytes.
const MAX_URL_LEN: usize = 2048;
/// Longest accepted free text (product name, refund note), in characters.
const MAX_TEXT_CHARS: usize = 255;
/// Longest accepted reference or id, in bytes.
const MAX_ID_LEN: usize = 64;

/// An id issued by Latipay or the merchant (`user_id`, `wallet_id`, `order_id`):
/// 1–64 ASCII letters, digits, `-` or `_`.
pub(crate) fn identifier(field: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if value.len() > MAX_ID_LEN
        || !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(Error::invalid(
            field,
            format!(
                "must be 1-64 ASCII letters, digits, '-' or '_' (got {})",
                quoted(value)
            ),
        ));
    }
    Ok(())
}

/// A `merchant_reference`: 1–64 ASCII letters, digits, `-`, `_` or `.`; it is
/// used verbatim in the query URL's path and in signatures.
pub(crate) fn merchant_reference(value: &str) -> Result<()> {
    const FIELD: &str = "merchant_reference";
    if value.is_empty() {
        return Err(Error::invalid(FIELD, "must not be empty"));
    }
    let ok = value.len() <= MAX_ID_LEN
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && value != "."
        && value != "..";
    if !ok {
        return Err(Error::invalid(
            FIELD,
            format!(
                "must be 1-64 ASCII letters, digits, '-', '_' or '.' (got {})",
                quoted(value)
            ),
        ));
    }
    Ok(())
}

/// A `currency` as Latipay writes it: three capital ASCII letters (`NZD`).
pub(crate) fn currency(value: &str) -> Result<()> {
    if value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()) {
        return Ok(());
    }
    Err(Error::invalid(
        "currency",
        format!(
            "must be three capital letters, as Latipay writes it (got {})",
            quoted(value)
        ),
    ))
}

/// Free text such as `product_name`: 1–255 characters, no control characters.
pub(crate) fn text(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "must not be empty or blank"));
    }
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::invalid(field, "is longer than 255 characters"));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            "must not contain control characters (newlines, tabs, …)",
        ));
    }
    Ok(())
}

/// An absolute `http` or `https` URL with a host. The text is checked, never
/// rewritten: it is signed and sent exactly as given.
pub(crate) fn http_url(field: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if value.len() > MAX_URL_LEN {
        return Err(Error::invalid(field, "is longer than 2048 bytes"));
    }
    if value.trim() != value || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid(
            field,
            format!(
                "must not contain spaces (got {})",
                quoted(&without_userinfo(value))
            ),
        ));
    }
    let url = url::Url::parse(value).map_err(|e| {
        Error::invalid(
            field,
            format!(
                "is not a valid URL: {e} (got {})",
                quoted(&without_userinfo(value))
            ),
        )
    })?;
    // The URL parser forgives `http:///host`; Latipay gets the text, so insist on `scheme://host`.
    let after_scheme = value.get(url.scheme().len()..).unwrap_or_default();
    let host_follows = after_scheme.starts_with("://") && !after_scheme[3..].starts_with('/');
    if !matches!(url.scheme(), "http" | "https")
        || !host_follows
        || url.host_str().is_none_or(str::is_empty)
    {
        return Err(Error::invalid(
            field,
            format!(
                "must be an absolute http(s) URL (got {})",
                quoted(&without_userinfo(value))
            ),
        ));
    }
    Ok(())
}

/// The customer's IPv4 address in dotted-decimal form.
pub(crate) fn ipv4(field: &str, value: &str) -> Result<()> {
    value.parse::<Ipv4Addr>().map(drop).map_err(|_| {
        Error::invalid(
            field,
            format!(
                "must be an IPv4 address like 122.122.122.1 (got {})",
                quoted(value)
            ),
        )
    })
}

/// A customer's payment code as scanned from Alipay or WeChat: 10–32 digits.
pub(crate) fn pay_code(value: &str) -> Result<()> {
    let ok = (10..=32).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return Err(Error::invalid(
            "pay_code",
            format!(
                "must be the 10-32 digit code from the customer's app (got {})",
                quoted(value)
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: Result<()>) -> &'static str {
        r.err().map_or("ok", |e| e.code())
    }

    #[test]
    fn identifiers() {
        assert_eq!(code(identifier("user_id", "U000334333")), "ok");
        for bad in ["", "U 1", "U/1", "Ü1", &"U".repeat(65)] {
            assert_eq!(
                code(identifier("user_id", bad)),
                "invalid_argument",
                "{bad}"
            );
        }
    }

    #[test]
    fn references() {
        for good in ["dsi39ej430sks03", "ORDER-2024_01.3", "6000324"] {
            assert_eq!(code(merchant_reference(good)), "ok", "{good}");
        }
        for bad in [
            "",
            ".",
            "..",
            "a/b",
            "a?b",
            "a b",
            "a#b",
            "a%20",
            "订单",
            &"r".repeat(65),
        ] {
            assert_eq!(code(merchant_reference(bad)), "invalid_argument", "{bad}");
        }
    }

    #[test]
    fn free_text() {
        assert_eq!(code(text("product_name", "Pinot Noir, Otago & co")), "ok");
        assert_eq!(code(text("product_name", "红酒")), "ok");
        for bad in ["", "   ", "a\nb", "tab\there", &"x".repeat(256)] {
            assert_eq!(
                code(text("product_name", bad)),
                "invalid_argument",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn urls() {
        for good in [
            "https://merchantsite.com/confirm",
            "http://127.0.0.1:8080/cb?x=1",
        ] {
            assert_eq!(code(http_url("callback_url", good)), "ok", "{good}");
        }
        for bad in [
            "",
            "merchantsite.com/confirm",
            "ftp://merchantsite.com/x",
            "javascript:alert(1)",
            "https://",
            " https://a.com",
            "https://a.com/ x",
            "http:///nohost",
        ] {
            assert_eq!(
                code(http_url("callback_url", bad)),
                "invalid_argument",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn ips() {
        assert_eq!(code(ipv4("ip", "122.122.122.1")), "ok");
        for bad in [
            "",
            "::1",
            "256.1.1.1",
            "1.2.3",
            "01.2.3.4",
            " 1.2.3.4",
            "localhost",
        ] {
            assert_eq!(code(ipv4("ip", bad)), "invalid_argument", "{bad}");
        }
    }

    #[test]
    fn pay_codes() {
        assert_eq!(code(pay_code("134588558514585062")), "ok");
        for bad in ["", "123", "13458855851458506x", &"1".repeat(33)] {
            assert_eq!(code(pay_code(bad)), "invalid_argument", "{bad}");
        }
    }
}
