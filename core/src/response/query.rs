//! The query response, signed by rule B; its `amount` is often a JSON number.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::amount::{received_matches, Amount};
use crate::error::{scrubbed, Error, Result};
use crate::fields::Fields;
use crate::outcome::SignedOutcome;
use crate::pay_time::parse_pay_time;
use crate::payment_method::PaymentMethod;
use crate::status::Status;

/// The verified state of one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryResult {
    /// The merchant's order reference (checked to be the one asked for).
    pub merchant_reference: String,
    /// Latipay's transaction id (not covered by the signature).
    pub order_id: Option<String>,
    /// How the customer paid (`polipay` may come back as `onlineBank`).
    pub payment_method: PaymentMethod,
    /// The current status.
    pub status: Status,
    /// The wallet's currency.
    pub currency: String,
    /// The amount as received: a JSON number keeps its text (`120.00`).
    pub amount: String,
    /// `pay_time` read as UTC+08:00; `None` when absent or not in the documented form.
    pub pay_time: Option<DateTime<FixedOffset>>,
    /// `pay_time` exactly as received.
    pub pay_time_raw: Option<String>,
    /// Every other field received, unsigned (`amount_cny`, `rate`, …).
    pub extra: BTreeMap<String, String>,
}

impl QueryResult {
    /// Whether the amount is worth `expected`.
    pub fn amount_matches(&self, expected: &Amount) -> bool {
        received_matches(&self.amount, expected)
    }
}

/// Parses and verifies a query response for the order `merchant_reference`.
/// A validly signed answer about another order is refused as malformed.
pub fn parse_query_response(
    body: &str,
    api_key: &str,
    merchant_reference: &str,
) -> Result<QueryResult> {
    scrubbed(api_key, || {
        let mut fields = Fields::from_json(body, "query response")?;
        super::take_code(&mut fields, false)?;
        let outcome = SignedOutcome::take_verified(&mut fields, api_key)?;
        if outcome.merchant_reference != merchant_reference {
            return Err(Error::malformed(
                "query response",
                format!(
                    "it is about order {:?}, not {merchant_reference:?}",
                    outcome.merchant_reference
                ),
            ));
        }
        let order_id = fields.optional("order_id");
        let pay_time_raw = fields.optional("pay_time");
        Ok(QueryResult {
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
