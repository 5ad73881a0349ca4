//! The five fields Latipay signs by rule B in notifications, redirects and
//! query responses: `merchant_reference + payment_method + status + currency + amount`.

use crate::error::{Error, Result};
use crate::fields::Fields;
use crate::payment_method::PaymentMethod;
use crate::signature::{require_key, verify_concat};
use crate::status::Status;

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
        let merchant_reference = fields.required("merchant_reference")?;
        let payment_method = fields.required("payment_method")?;
        let status = fields.required("status")?;
        let currency = fields.required("currency")?;
        let amount = fields.required("amount")?;
        let parts = [
            merchant_reference.as_str(),
            payment_method.as_str(),
            status.as_str(),
            currency.as_str(),
            amount.as_str(),
        ];
        if !verify_concat(&parts, api_key, &signature) {
            return Err(Error::InvalidSignature {
                what: fields.what(),
            });
        }
        Ok(SignedOutcome {
            merchant_reference,
            payment_method: PaymentMethod::from_wire(&payment_method),
            status: Status::from_wire(&status),
            currency,
            amount,
        })
    }
}
