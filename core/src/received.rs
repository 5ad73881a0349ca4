//! The grammar of every field Latipay signs, checked before its signature counts.
//!
//! Rule B concatenates values without separators, so one signature is valid
//! for every way of cutting the same characters: `order-12` `alipay` `paid`
//! `NZD` `20.00` and `order-1` `2alipay` `paid` `NZD` `20.00` are one message,
//! and every customer can read a valid signature in the return URL. Holding
//! each field to its grammar leaves one way to cut a message. Read from the end
//! of `merchant_reference + payment_method + status + currency + amount`:
//!
//! 1. the amount is the run of digits and dots after the last letter (the
//!    currency ends in a letter, and an amount holds none);
//! 2. the currency is the three capital letters before it;
//! 3. the status is the one documented status that ends what is left (no
//!    status ends another: `status.rs` tests it);
//! 4. the payment method likewise (no method ends another: `payment_method.rs`);
//! 5. the merchant reference is the rest, and must be non-empty.
//!
//! The create response signs `nonce + host_url`: a nonce holds no `:`, so the
//! first `:` is the host URL's scheme's, and its scheme must be `http` or
//! `https`, which cannot both end there.
//!
//! A field outside its grammar is `malformed_response` naming the field.

use crate::amount::parse_minor_units;
use crate::error::{quoted, Error, Result};
use crate::payment_method::PaymentMethod;
use crate::status::Status;
use crate::validate;

/// The longest nonce accepted (Latipay's are 64 hex digits).
const MAX_NONCE_LEN: usize = 128;

/// `merchant_reference`: what the request builder accepts (1–64 ASCII letters,
/// digits, `-`, `_` or `.`).
pub(crate) fn merchant_reference(what: &'static str, text: &str) -> Result<()> {
    validate::merchant_reference(text).map_err(|e| as_malformed(what, e))
}

/// `payment_method`: one of the documented methods, exact case.
pub(crate) fn payment_method(what: &'static str, text: &str) -> Result<PaymentMethod> {
    PaymentMethod::known(text).ok_or_else(|| {
        outside(
            what,
            "payment_method",
            "is not a payment method this library knows (a method Latipay adds later is \
             refused until the library knows it)",
            text,
        )
    })
}

/// `status`: one of the documented statuses, exact case; `cancel_or_fail`
/// only where `allow_cancel_or_fail` (WeChat's redirect).
pub(crate) fn status(what: &'static str, text: &str, allow_cancel_or_fail: bool) -> Result<Status> {
    match Status::known(text) {
        Some(Status::CancelOrFail) if !allow_cancel_or_fail => Err(outside(
            what,
            "status",
            "is cancel_or_fail, which only a redirect carries",
            text,
        )),
        Some(status) => Ok(status),
        None => Err(outside(what, "status", "is not a documented status", text)),
    }
}

/// `currency`: three capital ASCII letters (`NZD`).
pub(crate) fn currency(what: &'static str, text: &str) -> Result<()> {
    validate::currency(text).map_err(|e| as_malformed(what, e))
}

/// `amount` (or another amount field): the [`crate::Amount`] grammar.
pub(crate) fn amount(what: &'static str, field: &str, text: &str) -> Result<()> {
    parse_minor_units(text)
        .map(drop)
        .map_err(|reason| outside(what, field, reason, text))
}

/// `nonce`: 1–128 ASCII letters, digits, `-` or `_` (it becomes a URL's last
/// path segment).
pub(crate) fn nonce(what: &'static str, text: &str) -> Result<()> {
    let ok = (1..=MAX_NONCE_LEN).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        return Ok(());
    }
    Err(outside(
        what,
        "nonce",
        "is not 1-128 ASCII letters, digits, '-' or '_'",
        text,
    ))
}

/// `host_url`: an absolute `http(s)://host…` URL.
pub(crate) fn host_url(what: &'static str, text: &str) -> Result<()> {
    validate::http_url("host_url", text).map_err(|e| as_malformed(what, e))
}

/// Fields signed by rule A (gateway data): `name=value` pairs joined by `&`.
/// A message cuts one way only when every name is letters, digits and `_`
/// (no `=` or `&`), and no value holds `&` followed by such a name and `=`:
/// otherwise a value could swallow a field, or give one up. A value may hold
/// `&` otherwise (`Pinot & co`).
pub(crate) fn sorted_fields<'f>(
    what: &'static str,
    fields: impl IntoIterator<Item = (&'f str, Option<&'f str>)>,
) -> Result<()> {
    let is_name =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    for (name, value) in fields {
        if !is_name(name) {
            return Err(Error::malformed(
                what,
                format!(
                    "a field's name is not letters, digits and '_' (got {})",
                    quoted(name)
                ),
            ));
        }
        let value = value.unwrap_or_default();
        let holds_a_field = value
            .split('&')
            .skip(1)
            .any(|after| after.split_once('=').is_some_and(|(name, _)| is_name(name)));
        if holds_a_field {
            return Err(outside(
                what,
                name,
                "holds '&name=', which would move a field boundary",
                value,
            ));
        }
    }
    Ok(())
}

/// The error for a received field outside its grammar.
fn outside(what: &'static str, field: &str, reason: &str, text: &str) -> Error {
    Error::malformed_field(what, field, format!("{reason} (got {})", quoted(text)))
}

/// A caller-input check's refusal, as a fault in what was received.
fn as_malformed(what: &'static str, error: Error) -> Error {
    match error {
        Error::InvalidArgument { field, reason } => Error::malformed_field(what, &field, reason),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(result: Result<impl Sized>, field: &str) -> bool {
        match result {
            Err(Error::MalformedResponse {
                what,
                field: Some(f),
                reason,
            }) => {
                what == "notification"
                    && f == field
                    && reason.starts_with(&format!("field `{field}` "))
            }
            _ => false,
        }
    }

    #[test]
    fn each_field_is_held_to_its_grammar_and_named() {
        const W: &str = "notification";
        assert!(merchant_reference(W, "order-12").is_ok());
        for bad in ["", "order 1", "a/b", "..", &"r".repeat(65)] {
            assert!(
                named(merchant_reference(W, bad), "merchant_reference"),
                "{bad}"
            );
        }
        assert_eq!(
            payment_method(W, "onlineBank").unwrap(),
            PaymentMethod::OnlineBank
        );
        for bad in ["2alipay", "alipay2", "Alipay", "latipay_card", ""] {
            assert!(named(payment_method(W, bad), "payment_method"), "{bad}");
        }
        assert_eq!(status(W, "paid", false).unwrap(), Status::Paid);
        assert_eq!(
            status(W, "cancel_or_fail", true).unwrap(),
            Status::CancelOrFail
        );
        for bad in ["paidN", "apaid", "PAID", "refunded", ""] {
            assert!(named(status(W, bad, true), "status"), "{bad}");
        }
        assert!(named(status(W, "cancel_or_fail", false), "status"));
        assert!(currency(W, "NZD").is_ok());
        for bad in ["NZD2", "NZ", "nzd", "DNZD", "ÑZD", ""] {
            assert!(named(currency(W, bad), "currency"), "{bad}");
        }
        assert!(amount(W, "amount", "120.00").is_ok());
        for bad in ["20.000", "D120.00", "0.00", "0120", "1e3", ""] {
            assert!(named(amount(W, "amount", bad), "amount"), "{bad}");
        }
        assert!(nonce(W, &"a1".repeat(32)).is_ok());
        for bad in ["", "a:b", "a/b", "a?b", &"n".repeat(129)] {
            assert!(named(nonce(W, bad), "nonce"), "{bad}");
        }
        assert!(sorted_fields(
            W,
            [("product_name", Some("Pinot & co")), ("a_1", Some("x=y&"))]
        )
        .is_ok());
        assert!(named(
            sorted_fields(W, [("qr_code_url", Some("q&user_id=U1"))]),
            "qr_code_url"
        ));
        assert!(named(
            sorted_fields(W, [("order_id", Some("1&&organisation_id=1"))]),
            "order_id"
        ));
        for bad_name in ["a=b", "a&b", "", "ü"] {
            assert!(
                sorted_fields(W, [(bad_name, Some("1"))]).is_err(),
                "{bad_name}"
            );
        }
        assert!(host_url(W, "https://pay.latipay.net/pay").is_ok());
        for bad in ["://pay.latipay.net", "ttps://x", "pay.latipay.net/pay"] {
            assert!(named(host_url(W, bad), "host_url"), "{bad}");
        }
    }
}
