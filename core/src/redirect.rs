//! The synchronous redirect: the customer's browser arriving at `return_url?…`.

use std::collections::BTreeMap;

use crate::amount::{received_matches, Amount};
use crate::error::{Error, Result};
use crate::fields::Fields;
use crate::outcome::SignedOutcome;
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
    /// Every other query parameter (the merchant's own ones included).
    pub extra: BTreeMap<String, String>,
}

impl Redirect {
    /// Whether the amount is worth `expected`.
    pub fn amount_matches(&self, expected: &Amount) -> bool {
        received_matches(&self.amount, expected)
    }
}

/// Verifies a redirect from the full URL the browser requested
/// (`https://shop.example/done?merchant_reference=…`) or from its query string
/// alone, with or without the leading `?`. A `#fragment` is ignored.
///
/// Errors as for [`crate::verify_notification`].
pub fn verify_redirect(url_or_query: &str, api_key: &str) -> Result<Redirect> {
    let without_fragment = url_or_query.split('#').next().unwrap_or_default();
    let query = match without_fragment.split_once('?') {
        Some((_, query)) => query,
        None if without_fragment.contains("://") => {
            return Err(Error::malformed("redirect", "the URL has no query string"));
        }
        None => without_fragment,
    };
    let mut fields = Fields::from_form(query.as_bytes(), "redirect")?;
    let outcome = SignedOutcome::take_verified(&mut fields, api_key)?;
    Ok(Redirect {
        merchant_reference: outcome.merchant_reference,
        payment_method: outcome.payment_method,
        status: outcome.status,
        currency: outcome.currency,
        amount: outcome.amount,
        extra: fields.into_extra(),
    })
}
