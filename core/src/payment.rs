//! A verified payment: what a notification and a query answer both report.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::amount::{received_matches, Amount};
use crate::error::Result;
use crate::fields::Fields;
use crate::outcome::SignedOutcome;
use crate::pay_time::parse_pay_time;
use crate::payment_method::PaymentMethod;
use crate::status::Status;

/// The verified state of one payment, from a notification
/// ([`crate::verify_notification`]) or a query ([`crate::Client::query`]).
///
/// The signature covers `merchant_reference`, `payment_method`, `status`,
/// `currency` and `amount`, all exactly as received; `order_id`, `pay_time`
/// and `extra` are **not** signed by Latipay.
///
/// A notification carries no timestamp or nonce, so a replayed one verifies
/// too: apply it only if [`Status::transition_to`] says it advances the order,
/// and check the amount with [`Payment::amount_matches`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// The merchant's order reference (for a query, checked to be the one asked for).
    pub merchant_reference: String,
    /// Latipay's transaction id, when sent (unsigned).
    pub order_id: Option<String>,
    /// How the customer paid (`polipay` may come back as `onlineBank`).
    pub payment_method: PaymentMethod,
    /// The order's status.
    pub status: Status,
    /// The wallet's currency, e.g. `NZD`.
    pub currency: String,
    /// The amount exactly as received (signed text): a JSON number keeps its
    /// text, e.g. `"120.00"`.
    pub amount: String,
    /// `pay_time` read as UTC+08:00; `None` when absent or not in the documented form.
    pub pay_time: Option<DateTime<FixedOffset>>,
    /// `pay_time` exactly as received.
    pub pay_time_raw: Option<String>,
    /// Every other field received, unsigned (`amount_cny`, PayID's `payId`, …).
    pub extra: BTreeMap<String, String>,
}

impl Payment {
    /// Whether the amount is worth `expected` (the order's amount).
    pub fn amount_matches(&self, expected: &Amount) -> bool {
        received_matches(&self.amount, expected)
    }

    /// Verifies the signed fields, then takes the unsigned ones; whatever is
    /// left becomes `extra`.
    pub(crate) fn from_fields(mut fields: Fields, api_key: &str) -> Result<Self> {
        let outcome = SignedOutcome::take_verified(&mut fields, api_key)?;
        let order_id = fields.optional("order_id");
        let pay_time_raw = fields.optional("pay_time");
        Ok(Payment {
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
    }
}
