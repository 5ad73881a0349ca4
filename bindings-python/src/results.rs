//! Immutable Python views of the core's results, from its flat views
//! (`latipay::ffi`): read-only attributes, and a `repr` naming the class and
//! every field (none of them is secret).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use latipay::ffi;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert;
use crate::errors::OrRaise;

/// `Name(field=value, …)`, each value shown by Python's `repr` of the attribute.
fn repr(object: &Bound<'_, PyAny>, name: &str, fields: &[&str]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(fields.len());
    for field in fields {
        parts.push(format!("{field}={}", object.getattr(*field)?.repr()?));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

/// Holds the signed fields of a verified payment or redirect to the order
/// given as Python values; the core checks each of the order's fields first.
fn matches_order(
    received: latipay::signature::OutcomeFields<'_>,
    order: [&Bound<'_, PyAny>; 4],
) -> PyResult<bool> {
    let order = ffi::Order {
        merchant_reference: convert::text(order[0], "merchant_reference")?,
        payment_method: convert::text(order[1], "payment_method")?,
        currency: convert::text(order[2], "currency")?,
        amount: convert::amount_text(order[3], "amount")?,
    };
    received.matches_stored(&order.stored()).or_raise()
}

/// Whether `amount` (as received) is worth `expected` (`str` or `decimal.Decimal`).
fn amount_matches(amount: &str, expected: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(ffi::amount_matches(
        amount,
        &convert::amount(expected, "expected")?,
    ))
}

/// A verified payment, from a notification or a query.
#[pyclass(frozen, eq, get_all, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct Payment {
    /// The merchant's order reference (signed).
    merchant_reference: String,
    /// Latipay's transaction id, when sent (unsigned).
    order_id: Option<String>,
    /// The payment method's wire value, e.g. `alipay` (signed).
    payment_method: String,
    /// The status's wire value, e.g. `paid` (signed).
    status: String,
    /// The wallet's currency, e.g. `NZD` (signed).
    currency: String,
    /// The amount exactly as received, e.g. `120.00` (signed).
    amount: String,
    /// `pay_time` as an aware datetime in UTC+08:00, or None (unsigned).
    pay_time: Option<DateTime<FixedOffset>>,
    /// `pay_time` exactly as received (unsigned).
    pay_time_raw: Option<String>,
    /// Every other field received (unsigned), as a new dict.
    extra: BTreeMap<String, String>,
}

impl From<ffi::PaymentView> for Payment {
    fn from(p: ffi::PaymentView) -> Self {
        Payment {
            pay_time: p.pay_time(),
            merchant_reference: p.merchant_reference,
            order_id: p.order_id,
            payment_method: p.payment_method,
            status: p.status,
            currency: p.currency,
            amount: p.amount,
            pay_time_raw: p.pay_time_raw,
            extra: p.extra,
        }
    }
}

impl From<latipay::Payment> for Payment {
    fn from(p: latipay::Payment) -> Self {
        ffi::PaymentView::from(p).into()
    }
}

#[pymethods]
impl Payment {
    /// Whether the amount is worth `expected` (`str` or `decimal.Decimal`).
    fn amount_matches(&self, expected: &Bound<'_, PyAny>) -> PyResult<bool> {
        amount_matches(&self.amount, expected)
    }
    /// Whether this payment is for the order you stored: the same reference and
    /// currency, an amount worth the same, the same method (or `onlineBank` for
    /// a `polipay` order). Check it before acting on a notification or a query.
    /// An order field the library could not have sent (a mis-cased currency
    /// or method) raises `ValidationError` rather than never matching.
    fn matches(
        &self,
        merchant_reference: &Bound<'_, PyAny>,
        payment_method: &Bound<'_, PyAny>,
        currency: &Bound<'_, PyAny>,
        amount: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        let received = latipay::signature::OutcomeFields {
            merchant_reference: &self.merchant_reference,
            payment_method: &self.payment_method,
            status: &self.status,
            currency: &self.currency,
            amount: &self.amount,
        };
        matches_order(
            received,
            [merchant_reference, payment_method, currency, amount],
        )
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let fields = [
            "merchant_reference",
            "order_id",
            "payment_method",
            "status",
            "currency",
            "amount",
            "pay_time",
            "extra",
        ];
        repr(slf.as_any(), "Payment", &fields)
    }
}

/// A verified browser redirect: for display only, never for fulfilment.
#[pyclass(frozen, eq, get_all, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct Redirect {
    /// The merchant's order reference.
    merchant_reference: String,
    /// The payment method's wire value.
    payment_method: String,
    /// `paid`, or `cancel_or_fail` (WeChat), `failed`, `canceled`.
    status: String,
    /// The wallet's currency.
    currency: String,
    /// The amount exactly as received.
    amount: String,
    /// Every other query parameter (unsigned), as a new dict.
    extra: BTreeMap<String, String>,
}

impl From<latipay::Redirect> for Redirect {
    fn from(r: latipay::Redirect) -> Self {
        let r = ffi::RedirectView::from(r);
        Redirect {
            merchant_reference: r.merchant_reference,
            payment_method: r.payment_method,
            status: r.status,
            currency: r.currency,
            amount: r.amount,
            extra: r.extra,
        }
    }
}

#[pymethods]
impl Redirect {
    /// Whether the amount is worth `expected` (`str` or `decimal.Decimal`).
    fn amount_matches(&self, expected: &Bound<'_, PyAny>) -> PyResult<bool> {
        amount_matches(&self.amount, expected)
    }
    /// Whether this redirect is about the order you stored (see `Payment.matches`).
    fn matches(
        &self,
        merchant_reference: &Bound<'_, PyAny>,
        payment_method: &Bound<'_, PyAny>,
        currency: &Bound<'_, PyAny>,
        amount: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        let received = latipay::signature::OutcomeFields {
            merchant_reference: &self.merchant_reference,
            payment_method: &self.payment_method,
            status: &self.status,
            currency: &self.currency,
            amount: &self.amount,
        };
        matches_order(
            received,
            [merchant_reference, payment_method, currency, amount],
        )
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let fields = [
            "merchant_reference",
            "payment_method",
            "status",
            "currency",
            "amount",
            "extra",
        ];
        repr(slf.as_any(), "Redirect", &fields)
    }
}

/// A created transaction: send the customer to `payment_url`, or pass it to
/// `Client.gateway_data` for a merchant-hosted QR code.
#[pyclass(frozen, eq, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct CreatedTransaction(pub(crate) latipay::CreatedTransaction);

#[pymethods]
impl CreatedTransaction {
    /// Latipay's pay page (or gateway) base URL.
    #[getter]
    fn host_url(&self) -> &str {
        &self.0.host_url
    }
    /// The single-use nonce.
    #[getter]
    fn nonce(&self) -> &str {
        &self.0.nonce
    }
    /// `host_url/nonce`: where the customer pays.
    #[getter]
    fn payment_url(&self) -> &str {
        &self.0.payment_url
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let fields = ["host_url", "nonce", "payment_url"];
        repr(slf.as_any(), "CreatedTransaction", &fields)
    }
}

/// The QR code of a merchant-hosted transaction, verified.
#[pyclass(frozen, eq, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct GatewayData {
    /// The merchant's order reference.
    #[pyo3(get)]
    merchant_reference: String,
    /// Latipay's transaction id, when sent.
    #[pyo3(get)]
    order_id: Option<String>,
    /// The nonce the data was fetched with.
    #[pyo3(get)]
    nonce: String,
    /// `alipay` or `wechat`.
    #[pyo3(get)]
    payment_method: String,
    /// The amount exactly as received.
    #[pyo3(get)]
    amount: String,
    /// The wallet's currency.
    #[pyo3(get)]
    currency: String,
    /// The amount in CNY, when sent.
    #[pyo3(get)]
    amount_cny: Option<String>,
    /// The product name, when sent.
    #[pyo3(get)]
    product_name: Option<String>,
    /// The merchant organisation's name, when sent.
    #[pyo3(get)]
    organisation_name: Option<String>,
    /// The QR code's text, for rendering it yourself.
    #[pyo3(get)]
    qr_code_url: String,
    /// The QR code as a `data:image/png;base64,…` URL.
    #[pyo3(get)]
    qr_code: String,
    /// The PNG decoded (or why it could not be), read through `qr_code_png()`.
    png: latipay::Result<Vec<u8>>,
}

impl From<latipay::GatewayData> for GatewayData {
    fn from(g: latipay::GatewayData) -> Self {
        GatewayData {
            png: g.qr_code_png(),
            merchant_reference: g.merchant_reference,
            order_id: g.order_id,
            nonce: g.nonce,
            payment_method: g.payment_method.as_str().to_owned(),
            amount: g.amount,
            currency: g.currency,
            amount_cny: g.amount_cny,
            product_name: g.product_name,
            organisation_name: g.organisation_name,
            qr_code_url: g.qr_code_url,
            qr_code: g.qr_code,
        }
    }
}

#[pymethods]
impl GatewayData {
    /// The QR code picture as PNG bytes.
    fn qr_code_png<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let png = self.png.clone().or_raise()?;
        Ok(PyBytes::new(py, &png))
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let fields = [
            "merchant_reference",
            "order_id",
            "nonce",
            "payment_method",
            "amount",
            "currency",
            "qr_code_url",
        ];
        repr(slf.as_any(), "GatewayData", &fields)
    }
}

/// Latipay accepted a barcode payment; read its outcome with a blocking query.
#[pyclass(frozen, eq, get_all, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct BarcodeAccepted {
    /// Latipay's transaction id.
    order_id: String,
}

impl From<latipay::BarcodeAccepted> for BarcodeAccepted {
    fn from(b: latipay::BarcodeAccepted) -> Self {
        BarcodeAccepted {
            order_id: b.order_id,
        }
    }
}

#[pymethods]
impl BarcodeAccepted {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr(slf.as_any(), "BarcodeAccepted", &["order_id"])
    }
}

/// A validated, signed request for your own HTTP client: send `method` to the
/// API base URL + `path`, with `body` (JSON) and `content_type` for a `POST`.
#[pyclass(frozen, eq, get_all, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct SignedRequest {
    /// `GET` or `POST`.
    method: String,
    /// The path and query to append to the base URL.
    path: String,
    /// The JSON body of a `POST`, or None for a `GET`.
    body: Option<String>,
    /// The `Content-Type` to send with a body.
    content_type: String,
}

impl From<latipay::SignedRequest> for SignedRequest {
    fn from(r: latipay::SignedRequest) -> Self {
        let r = ffi::SignedRequestView::from(r);
        SignedRequest {
            method: r.method,
            path: r.path,
            body: r.body,
            content_type: r.content_type,
        }
    }
}

#[pymethods]
impl SignedRequest {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr(slf.as_any(), "SignedRequest", &["method", "path", "body"])
    }
}

/// An amount checked by Latipay's rules (decimal text, at most two decimals,
/// within the limits); `str(amount)` is the text that is signed and sent.
#[pyclass(frozen, eq, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct Amount(pub(crate) latipay::Amount);

#[pymethods]
impl Amount {
    /// Checks `value` (`str` or `decimal.Decimal`).
    #[new]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        convert::amount(value, "amount").map(Amount)
    }
    /// The amount in cents (minor units).
    #[getter]
    fn minor_units(&self) -> u64 {
        self.0.minor_units()
    }
    fn __str__(&self) -> &str {
        self.0.as_str()
    }
    fn __repr__(&self) -> String {
        format!("Amount('{}')", self.0.as_str())
    }
}
