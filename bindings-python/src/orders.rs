//! The core's request types built from Python arguments, shared by `Client`'s
//! methods and the `latipay.wire` request builders. Every argument arrives as
//! a Python object and is converted here, so a wrong type raises
//! `ArgumentTypeError` naming the field.

use pyo3::prelude::*;

use crate::convert::{self, optional_text, text};
use crate::errors::OrRaise;

/// The arguments of a create-transaction call, as Python passed them.
pub(crate) struct CreateArgs<'a, 'py> {
    pub merchant_reference: &'a Bound<'py, PyAny>,
    pub amount: &'a Bound<'py, PyAny>,
    pub payment_method: &'a Bound<'py, PyAny>,
    pub product_name: &'a Bound<'py, PyAny>,
    pub callback_url: &'a Bound<'py, PyAny>,
    pub ip: &'a Bound<'py, PyAny>,
    pub return_url: Option<&'a Bound<'py, PyAny>>,
    pub back_page_url: Option<&'a Bound<'py, PyAny>>,
    pub present_qr: bool,
    pub merchant_hosted: bool,
}

impl CreateArgs<'_, '_> {
    /// The core request (types converted, amount and payment method parsed;
    /// the rest is checked when it is signed).
    pub fn build(self, key: &latipay::ApiKey) -> PyResult<latipay::CreateTransaction> {
        let method = text(self.payment_method, "payment_method")?;
        Ok(latipay::CreateTransaction {
            merchant_reference: text(self.merchant_reference, "merchant_reference")?,
            amount: convert::amount(self.amount, "amount", Some(key))?,
            payment_method: latipay::PaymentMethod::parse(&method)
                .map_err(|e| e.redact(key))
                .or_raise()?,
            product_name: text(self.product_name, "product_name")?,
            callback_url: text(self.callback_url, "callback_url")?,
            return_url: optional_text(self.return_url, "return_url")?,
            back_page_url: optional_text(self.back_page_url, "backPage_url")?,
            ip: text(self.ip, "ip")?,
            present_qr: self.present_qr,
            merchant_hosted: self.merchant_hosted,
        })
    }
}

/// A refund of `refund_amount` on Latipay's `order_id`.
pub(crate) fn refund(
    order_id: &Bound<'_, PyAny>,
    refund_amount: &Bound<'_, PyAny>,
    reference: Option<&Bound<'_, PyAny>>,
    key: &latipay::ApiKey,
) -> PyResult<latipay::Refund> {
    Ok(latipay::Refund {
        order_id: text(order_id, "order_id")?,
        refund_amount: convert::amount(refund_amount, "refund_amount", Some(key))?,
        reference: optional_text(reference, "reference")?,
    })
}

/// A barcode payment of `amount` with the customer's `pay_code`.
pub(crate) fn barcode(
    merchant_reference: &Bound<'_, PyAny>,
    amount: &Bound<'_, PyAny>,
    pay_code: &Bound<'_, PyAny>,
    key: &latipay::ApiKey,
) -> PyResult<latipay::Barcode> {
    Ok(latipay::Barcode::new(
        text(merchant_reference, "merchant_reference")?,
        convert::amount(amount, "amount", Some(key))?,
        text(pay_code, "pay_code")?,
    ))
}

/// Reads the `present_qr` switch (`from_py_with`, so its default stays `False`).
pub(crate) fn present_qr(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    convert::flag(value, "present_qr")
}

/// Reads the `merchant_hosted` switch.
pub(crate) fn merchant_hosted(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    convert::flag(value, "merchant_hosted")
}

/// Reads a query's `block` switch.
pub(crate) fn block(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    convert::flag(value, "block")
}
