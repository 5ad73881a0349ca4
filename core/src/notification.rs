//! The asynchronous notification Latipay POSTs to `callback_url`.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::amount::{received_matches, Amount};
use crate::error::{scrubbed, Result};
use crate::fields::Fields;
use crate::outcome::SignedOutcome;
use crate::pay_time::parse_pay_time;
use crate::payment_method::PaymentMethod;
use crate::status::Status;

/// The body the merchant must answer with (HTTP 200) once a notification is
/// handled; until then Latipay retries about every 30 s, without limit.
pub const NOTIFICATION_ACK: &str = "sent";

/// A verified notification. The signature covers `merchant_reference`,
/// `payment_method`, `status`, `currency` and `amount`, all exactly as
/// received; `order_id`, `pay_time` and `extra` are **not** signed by Latipay.
///
/// A notification carries no timestamp or nonce, so a replayed one verifies
/// too: apply it only if [`Status::transition_to`] says it advances the order,
/// and check the amount with [`Notification::amount_matches`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// The merchant's order reference.
    pub merchant_reference: String,
    /// Latipay's transaction id, when sent (unsigned).
    pub order_id: Option<String>,
    /// How the customer paid.
    pub payment_method: PaymentMethod,
    /// The order's new status.
    pub status: Status,
    /// The wallet's currency, e.g. `NZD`.
    pub currency: String,
    /// The amount exactly as received (signed text), e.g. `"120.00"`.
    pub amount: String,
    /// `pay_time` read as UTC+08:00; `None` when absent or not in the documented form.
    pub pay_time: Option<DateTime<FixedOffset>>,
    /// `pay_time` exactly as received.
    pub pay_time_raw: Option<String>,
    /// Every other field received, unsigned (PayID's `message`, `payId`, `blockData`, …).
    pub extra: BTreeMap<String, String>,
}

impl Notification {
    /// Whether the notified amount is worth `expected` (the order's amount).
    pub fn amount_matches(&self, expected: &Amount) -> bool {
        received_matches(&self.amount, expected)
    }
}

/// Verifies a notification from the **raw** request body, exactly as received
/// (form-urlencoded bytes, before any framework has parsed them).
///
/// Fails with `invalid_signature` when the signature is missing or wrong,
/// `malformed_response` when the body cannot be decoded, a field is repeated or
/// a signed field is missing, and `invalid_argument` for an empty api_key.
///
/// ```
/// let body = b"merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay\
/// &status=paid&pay_time=2017-07-07%2010%3A53%3A50\
/// &signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
/// let n = latipay::verify_notification(body, "111222333").unwrap();
/// assert_eq!(n.status, latipay::Status::Paid);
/// assert_eq!(n.amount, "120.00");
/// ```
pub fn verify_notification(body: &[u8], api_key: &str) -> Result<Notification> {
    scrubbed(api_key, || {
        let mut fields = Fields::from_form(body, "notification")?;
        let outcome = SignedOutcome::take_verified(&mut fields, api_key)?;
        let order_id = fields.optional("order_id");
        let pay_time_raw = fields.optional("pay_time");
        Ok(Notification {
            merchant_reference: outcome.merchant_reference,
            order_id,
            payment_method: outcome.payment_method,
            status: outcome.status,
            currency: outcome.currency,
            amount: outcome.amount,
            pay_time: pay_time_raw.as_deref().and_then(parse_pay_time),
            pay_time_raw,
            extra: fields.into_extra(),
        })
    })
}
