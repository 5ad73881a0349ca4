//! A verified payment: what a notification and a query answer both report.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::amount::{received_matches, Amount};
use crate::error::Result;
use crate::fields::Fields;
use crate::outcome::{Carrier, OutcomeFields, SignedOutcome};
use crate::pay_time::parse_pay_time;
use crate::payment_method::PaymentMethod;
use crate::status::Status;

/// The verified state of one payment, from a notification
/// ([`crate::verify_notification`]) or a query ([`crate::Client::query`]).
///
/// The signature covers `merchant_reference`, `payment_method`, `status`,
/// `currency` and `amount`, all exactly as received and each within its
/// grammar; `order_id`, `pay_time` and `extra` are **not** signed by Latipay
/// (its rule B covers those five fields only), so anyone who can reach your
/// callback URL can change them: record them, never decide on them.
///
/// Before acting on a payment, check it is for the order you stored with
/// [`Payment::matches`] (a valid signature for another order or another
/// amount must not move this one), then apply its status only if
/// [`Status::transition_to`] says it advances the order. A notification carries
/// no timestamp or nonce, so a replayed one verifies too; it is harmless under
/// that rule, because status only moves forward: a replayed `paid` is a
/// duplicate, a replayed `pending` after `paid` is stale.
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

    /// The five fields Latipay signed, as received.
    pub fn signed_fields(&self) -> OutcomeFields<'_> {
        OutcomeFields {
            merchant_reference: &self.merchant_reference,
            payment_method: self.payment_method.as_str(),
            status: self.status.as_str(),
            currency: &self.currency,
            amount: &self.amount,
        }
    }

    /// Whether this payment is for the order the merchant stored: the same
    /// reference and currency, an amount worth the same, and the same payment
    /// method (or `onlineBank` for a `polipay` order). See
    /// [`OutcomeFields::matches`].
    ///
    /// ```
    /// use latipay::{verify_notification, Amount, PaymentMethod};
    /// let body = b"merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay\
    /// &status=paid&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
    /// let payment = verify_notification(body, "111222333")?;
    /// let ordered = Amount::parse("120.00")?;
    /// assert!(payment.matches("dsi39ej430sks03", &PaymentMethod::Alipay, "NZD", &ordered));
    /// assert!(!payment.matches("dsi39ej430sks0", &PaymentMethod::Alipay, "NZD", &ordered));
    /// # Ok::<(), latipay::Error>(())
    /// ```
    pub fn matches(
        &self,
        merchant_reference: &str,
        payment_method: &PaymentMethod,
        currency: &str,
        amount: &Amount,
    ) -> bool {
        self.signed_fields()
            .matches(merchant_reference, payment_method, currency, amount)
    }

    /// Verifies the signed fields, then takes the unsigned ones; whatever is
    /// left becomes `extra`.
    pub(crate) fn from_fields(mut fields: Fields, api_key: &str) -> Result<Self> {
        let outcome = SignedOutcome::take_verified(&mut fields, api_key, Carrier::Payment)?;
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
