//! The core's request types built from Python arguments, shared by `Client`'s
//! methods and the `latipay.wire` request builders.

use pyo3::prelude::*;

use crate::convert;
use crate::errors::OrRaise;

/// The arguments of a create-transaction call, as Python passed them.
pub(crate) struct CreateArgs<'a, 'py> {
    pub merchant_reference: String,
    pub amount: &'a Bound<'py, PyAny>,
    pub payment_method: &'a str,
    pub product_name: String,
    pub callback_url: String,
    pub ip: String,
    pub return_url: Option<String>,
    pub back_page_url: Option<String>,
    pub present_qr: bool,
    pub merchant_hosted: bool,
}

impl CreateArgs<'_, '_> {
    /// The core request (amount and payment method parsed; the rest is checked
    /// when it is signed).
    pub fn build(self) -> PyResult<latipay::CreateTransaction> {
        Ok(latipay::CreateTransaction {
            merchant_reference: self.merchant_reference,
            amount: convert::amount(self.amount, "amount")?,
            payment_method: latipay::PaymentMethod::parse(self.payment_method).or_raise()?,
            product_name: self.product_name,
            callback_url: self.callback_url,
            return_url: self.return_url,
            back_page_url: self.back_page_url,
            ip: self.ip,
            present_qr: self.present_qr,
            merchant_hosted: self.merchant_hosted,
        })
    }
}

/// A refund of `refund_amount` on Latipay's `order_id`.
pub(crate) fn refund(
    order_id: String,
    refund_amount: &Bound<'_, PyAny>,
    reference: Option<String>,
) -> PyResult<latipay::Refund> {
    Ok(latipay::Refund {
        order_id,
        refund_amount: convert::amount(refund_amount, "refund_amount")?,
        reference,
    })
}

/// A barcode payment of `amount` with the customer's `pay_code`.
pub(crate) fn barcode(
    merchant_reference: String,
    amount: &Bound<'_, PyAny>,
    pay_code: String,
) -> PyResult<latipay::Barcode> {
    Ok(latipay::Barcode::new(
        merchant_reference,
        convert::amount(amount, "amount")?,
        pay_code,
    ))
}
