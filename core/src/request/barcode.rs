//! `POST /barcode`: the merchant scans the payment code shown in the
//! customer's Alipay or WeChat app.

use super::{signed_post, SignedRequest};
use crate::amount::Amount;
use crate::credentials::Credentials;
use crate::error::{scrubbed, Result};
use crate::validate;

/// A barcode (payment code) payment. Its outcome is read with a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Barcode {
    /// The merchant's unique order id.
    pub merchant_reference: String,
    /// The amount to take.
    pub amount: Amount,
    /// The digits scanned from the customer's app.
    pub pay_code: String,
}

impl Barcode {
    /// A barcode payment of `amount` with the scanned `pay_code`.
    pub fn new(
        merchant_reference: impl Into<String>,
        amount: Amount,
        pay_code: impl Into<String>,
    ) -> Self {
        Barcode {
            merchant_reference: merchant_reference.into(),
            amount,
            pay_code: pay_code.into(),
        }
    }

    /// Validates and signs the payment.
    pub fn signed(&self, credentials: &Credentials) -> Result<SignedRequest> {
        // Caller input is quoted in errors: a key pasted into a field is not shown.
        scrubbed(credentials.api_key().expose(), || {
            validate::merchant_reference(&self.merchant_reference)?;
            validate::pay_code(&self.pay_code)?;
            let fields = [
                ("user_id", Some(credentials.user_id())),
                ("wallet_id", Some(credentials.wallet_id())),
                ("amount", Some(self.amount.as_str())),
                ("merchant_reference", Some(self.merchant_reference.as_str())),
                ("pay_code", Some(self.pay_code.as_str())),
            ];
            signed_post("/barcode", &fields, credentials)
        })
    }
}
