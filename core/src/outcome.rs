//! The five fields Latipay signs by rule B in notifications, redirects and
//! query responses: `merchant_reference + payment_method + status + currency + amount`.

use crate::error::{Error, Result};
use crate::fields::Fields;
use crate::payment_method::PaymentMethod;
use crate::signature::{require_key, sign_concat, verify_concat};
use crate::status::Status;

/// The five values Latipay signs by rule B on a payment outcome (notification,
/// redirect, query answer), as text exactly as sent. The field order of the
/// rule lives here, in one place.
///
/// Merchants seldom need it: [`crate::verify_notification`] and friends check
/// it. It lets a test of your notification handler, or a stand-in server such
/// as the project's sandbox, sign an outcome as Latipay does.
///
/// ```
/// use latipay::signature::OutcomeFields;
/// let fields = OutcomeFields {
///     merchant_reference: "dsi39ej430sks03",
///     payment_method: "alipay",
///     status: "paid",
///     currency: "NZD",
///     amount: "120.00",
/// };
/// assert_eq!(fields.sign("111222333"), "840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeFields<'a> {
    /// The merchant's order reference.
    pub merchant_reference: &'a str,
    /// The payment method's wire value (`alipay`, `onlineBank` …).
    pub payment_method: &'a str,
    /// The status's wire value (`paid`, `cancel_or_fail` …).
    pub status: &'a str,
    /// The currency (`NZD`).
    pub currency: &'a str,
    /// The amount as text (`120.00`).
    pub amount: &'a str,
}

impl OutcomeFields<'_> {
    /// The values in the order rule B concatenates them.
    fn parts(&self) -> [&str; 5] {
        [
            self.merchant_reference,
            self.payment_method,
            self.status,
            self.currency,
            self.amount,
        ]
    }

    /// The rule-B signature, lowercase hex.
    pub fn sign(&self, api_key: &str) -> String {
        sign_concat(&self.parts(), api_key)
    }

    /// Checks a rule-B signature in constant time.
    pub fn verify(&self, api_key: &str, signature: &str) -> bool {
        verify_concat(&self.parts(), api_key, signature)
    }
}

/// A verified payment outcome, its amount exactly as received.
#[derive(Debug)]
pub(crate) struct SignedOutcome {
    pub(crate) merchant_reference: String,
    pub(crate) payment_method: PaymentMethod,
    pub(crate) status: Status,
    pub(crate) currency: String,
    pub(crate) amount: String,
}

impl SignedOutcome {
    /// Takes the five signed fields and the signature out of `fields` and checks
    /// the signature in constant time over the text as received.
    pub(crate) fn take_verified(fields: &mut Fields, api_key: &str) -> Result<Self> {
        require_key(api_key)?;
        let signature = fields.signature()?;
        let merchant_reference = fields.required_text("merchant_reference")?;
        let payment_method = fields.required_text("payment_method")?;
        let status = fields.required_text("status")?;
        let currency = fields.required_text("currency")?;
        let amount = fields.required_text("amount")?;
        let signed = OutcomeFields {
            merchant_reference: &merchant_reference,
            payment_method: &payment_method,
            status: &status,
            currency: &currency,
            amount: &amount,
        };
        if !signed.verify(api_key, &signature) {
            return Err(Error::InvalidSignature {
                what: fields.what(),
            });
        }
        Ok(SignedOutcome {
            merchant_reference: merchant_reference.into_owned(),
            payment_method: PaymentMethod::from_wire(&payment_method),
            status: Status::from_wire(&status),
            currency: currency.into_owned(),
            amount: amount.into_owned(),
        })
    }
}
