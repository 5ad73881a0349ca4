//! The synchronous redirect: the customer's browser arriving at `return_url?…`.

use std::collections::BTreeMap;

use crate::amount::{received_matches, Amount};
use crate::error::{scrubbed, Error, Result};
use crate::fields::Fields;
use crate::outcome::{Carrier, OutcomeFields, SignedOutcome};
use crate::payment_method::PaymentMethod;
use crate::status::Status;

/// A verified redirect. **For display only**: Latipay's documentation tells
/// merchants never to act on its status. Fulfil orders from the notification
/// or the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The merchant's order reference.
    pub merchant_reference: String,
    /// How the customer paid (`polipay` may come back as `onlineBank`).
    pub payment_method: PaymentMethod,
    /// `paid`, or `cancel_or_fail` for WeChat.
    pub status: Status,
    /// The wallet's currency.
    pub currency: String,
    /// The amount exactly as received.
    pub amount: String,
    /// Every other query parameter (the merchant's own ones included), unsigned.
    pub extra: BTreeMap<String, String>,
}

impl Redirect {
    /// Whether the amount is worth `expected`.
    pub fn amount_matches(&self, expected: &Amount) -> bool {
        received_matches(&self.amount, expected)
    }

    /// The five fields Latipay signed, as received; `signed_fields().matches(…)`
    /// holds them to the stored order (for display: never fulfil from a redirect).
    pub fn signed_fields(&self) -> OutcomeFields<'_> {
        OutcomeFields {
            merchant_reference: &self.merchant_reference,
            payment_method: self.payment_method.as_str(),
            status: self.status.as_str(),
            currency: &self.currency,
            amount: &self.amount,
        }
    }
}

/// Verifies a redirect from the full URL the browser requested
/// (`https://shop.example/done?merchant_reference=…`), from the request target
/// a web framework hands you (`/done?merchant_reference=…`), or from the query
/// string alone, with or without the leading `?`. A `#fragment` is ignored.
///
/// Errors as for [`crate::verify_notification`].
pub fn verify_redirect(url_or_query: &str, api_key: &str) -> Result<Redirect> {
    scrubbed(api_key, || {
        let query = query_part(url_or_query)?;
        let mut fields = Fields::from_form(query.as_bytes(), "redirect")?;
        let outcome = SignedOutcome::take_verified(&mut fields, api_key, Carrier::Redirect)?;
        Ok(Redirect {
            merchant_reference: outcome.merchant_reference,
            payment_method: outcome.payment_method,
            status: outcome.status,
            currency: outcome.currency,
            amount: outcome.amount,
            extra: fields.into_extra(),
        })
    })
}

/// The query string of a URL (text starting with `scheme://`) or of a request
/// target (text starting with `/`), or the text itself (less one leading `?`)
/// when it is already a query string.
fn query_part(url_or_query: &str) -> Result<&str> {
    let is_url = url_or_query.split_once("://").is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if !is_url && !url_or_query.starts_with('/') {
        return Ok(url_or_query.strip_prefix('?').unwrap_or(url_or_query));
    }
    let without_fragment = url_or_query.split('#').next().unwrap_or_default();
    match without_fragment.split_once('?') {
        Some((_, query)) => Ok(query),
        None => Err(Error::malformed("redirect", "the URL has no query string")),
    }
}

#[cfg(test)]
mod tests {
    use super::query_part;

    #[test]
    fn finds_the_query_string() {
        assert_eq!(query_part("https://a.example/r?x=1#frag").unwrap(), "x=1");
        assert_eq!(query_part("?x=1").unwrap(), "x=1");
        assert_eq!(query_part("/done?x=1#frag").unwrap(), "x=1");
        assert!(query_part("/done").is_err());
        assert_eq!(
            query_part("x=a?b&y=http://c#d").unwrap(),
            "x=a?b&y=http://c#d"
        );
        assert_eq!(
            query_part("https://a.example/r").unwrap_err().code(),
            "malformed_response"
        );
    }
}
