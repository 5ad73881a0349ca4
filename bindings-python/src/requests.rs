//! The core's requests from Python arguments, shared by `Client`'s methods
//! and the `latipay.wire` request builders: each argument converted to text
//! here (a wrong type raises `ArgumentTypeError` naming the field), then
//! checked by the core's binding layer.

use latipay::ffi;
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
    /// The core request; `key` is kept out of any error.
    pub fn build(self, key: &latipay::ApiKey) -> PyResult<latipay::CreateTransaction> {
        ffi::CreateTransactionText {
            merchant_reference: text(self.merchant_reference, "merchant_reference")?,
            amount: convert::amount_text(self.amount, "amount")?,
            payment_method: text(self.payment_method, "payment_method")?,
            product_name: text(self.product_name, "product_name")?,
            callback_url: text(self.callback_url, "callback_url")?,
            ip: text(self.ip, "ip")?,
            return_url: optional_text(self.return_url, "return_url")?,
            back_page_url: optional_text(self.back_page_url, "backPage_url")?,
            present_qr: self.present_qr,
            merchant_hosted: self.merchant_hosted,
        }
        .into_request(key)
        .or_raise()
    }
}

/// A refund of `refund_amount` on Latipay's `order_id`.
pub(crate) fn refund(
    order_id: &Bound<'_, PyAny>,
    refund_amount: &Bound<'_, PyAny>,
    reference: Option<&Bound<'_, PyAny>>,
    key: &latipay::ApiKey,
) -> PyResult<latipay::Refund> {
    ffi::RefundText {
        order_id: text(order_id, "order_id")?,
        refund_amount: convert::amount_text(refund_amount, "refund_amount")?,
        reference: optional_text(reference, "reference")?,
    }
    .into_request(key)
    .or_raise()
}

/// A barcode payment of `amount` with the customer's `pay_code`.
pub(crate) fn barcode(
    merchant_reference: &Bound<'_, PyAny>,
    amount: &Bound<'_, PyAny>,
    pay_code: &Bound<'_, PyAny>,
    key: &latipay::ApiKey,
) -> PyResult<latipay::Barcode> {
    ffi::BarcodeText {
        merchant_reference: text(merchant_reference, "merchant_reference")?,
        amount: convert::amount_text(amount, "amount")?,
        pay_code: text(pay_code, "pay_code")?,
    }
    .into_request(key)
    .or_raise()
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
