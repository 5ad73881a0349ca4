//! The signing helpers bindings expose, each under the key rule of
//! [`crate::sign`]: no signature is made under an empty or blank api_key
//! (anyone could make it).

use crate::amount::Amount;
use crate::error::Result;
use crate::outcome::{OutcomeFields, StoredOrder};
use crate::signature::{self, require_key};
use crate::status::{Status, Transition};

use super::fields::view;
use super::results::CheckedAmount;

/// Signs by rule B: the HMAC of the concatenated `parts`.
pub fn sign_concat<S: AsRef<str>>(parts: &[S], api_key: &str) -> Result<String> {
    require_key(api_key)?;
    let parts: Vec<&str> = parts.iter().map(AsRef::as_ref).collect();
    Ok(signature::sign_concat(&parts, api_key))
}

crate::with_outcome_fields!(view {
    /// The five fields Latipay signs in a payment outcome, as text.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    Outcome {}
});

impl Outcome {
    /// The fields, borrowed.
    pub fn fields(&self) -> OutcomeFields<'_> {
        OutcomeFields {
            merchant_reference: &self.merchant_reference,
            payment_method: &self.payment_method,
            status: &self.status,
            currency: &self.currency,
            amount: &self.amount,
        }
    }

    /// The rule-B signature Latipay would send (to test a notification handler).
    pub fn sign(&self, api_key: &str) -> Result<String> {
        require_key(api_key)?;
        Ok(self.fields().sign(api_key))
    }
}

/// An order as the merchant stored it, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Order {
    /// The order's reference.
    pub merchant_reference: String,
    /// The payment method it was created with.
    pub payment_method: String,
    /// The wallet's currency.
    pub currency: String,
    /// The amount ordered.
    pub amount: String,
}

impl Order {
    /// The order, borrowed, for [`OutcomeFields::matches_stored`].
    pub fn stored(&self) -> StoredOrder<'_> {
        StoredOrder {
            merchant_reference: &self.merchant_reference,
            payment_method: &self.payment_method,
            currency: &self.currency,
            amount: &self.amount,
        }
    }
}

/// Whether an amount as received (`120.00`) is worth `expected`; text that
/// is not an amount is worth nothing.
pub fn amount_matches(received: &str, expected: &Amount) -> bool {
    crate::amount::received_matches(received, expected)
}

/// Checks an amount by the core's rules, naming `field` in the error.
pub fn parse_amount(text: &str, field: &str) -> Result<CheckedAmount> {
    Amount::parse_field(text, field).map(CheckedAmount::from)
}

/// What moving an order from `stored` to `incoming` (wire values) means.
pub fn transition(stored: &str, incoming: &str) -> Transition {
    Status::from_wire(stored).transition_to(&Status::from_wire(incoming))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_signed_under_an_empty_or_blank_key() {
        let outcome = Outcome {
            merchant_reference: "dsi39ej430sks03".into(),
            payment_method: "alipay".into(),
            status: "paid".into(),
            currency: "NZD".into(),
            amount: "120.00".into(),
        };
        let signature = "840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
        assert_eq!(outcome.sign("111222333").unwrap(), signature);
        let parts = ["dsi39ej430sks03", "alipay", "paid", "NZD", "120.00"];
        assert_eq!(sign_concat(&parts, "111222333").unwrap(), signature);
        for key in ["", " ", "\t\n"] {
            assert_eq!(outcome.sign(key).unwrap_err().code(), "invalid_argument");
            assert_eq!(
                sign_concat(&parts, key).unwrap_err().code(),
                "invalid_argument"
            );
            assert_eq!(
                crate::sign([("a", "1")], key).unwrap_err().code(),
                "invalid_argument"
            );
        }
    }

    #[test]
    fn an_order_is_matched_by_value() {
        let outcome = Outcome {
            merchant_reference: "r1".into(),
            payment_method: "onlineBank".into(),
            status: "paid".into(),
            currency: "NZD".into(),
            amount: "12.30".into(),
        };
        let order = Order {
            merchant_reference: "r1".into(),
            payment_method: "polipay".into(),
            currency: "NZD".into(),
            amount: "12.3".into(),
        };
        assert!(outcome.fields().matches_stored(&order.stored()).unwrap());
        assert_eq!(parse_amount("12.30", "amount").unwrap().minor_units, 1230);
        assert_eq!(transition("pending", "paid"), Transition::Advance);
    }
}
