//! Immutable Python views of the core's results. Each wraps the core value and
//! exposes its fields as read-only properties; `repr` names the class and every
//! field (none of them is secret).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert;
use crate::errors::OrRaise;

/// `Name(field='value', …)`, each value shown by Python's `repr`.
fn repr(name: &str, fields: &[(&str, Bound<'_, PyAny>)]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(fields.len());
    for (field, value) in fields {
        parts.push(format!("{field}={}", value.repr()?));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

macro_rules! py_any {
    ($py:expr, $value:expr) => {
        $value.into_pyobject($py)?.into_any()
    };
}

/// Holds `fields` (a verified payment's or redirect's) to the order given as
/// Python values; the core checks each of the order's fields first.
fn matches_order(
    fields: latipay::signature::OutcomeFields<'_>,
    merchant_reference: &Bound<'_, PyAny>,
    payment_method: &Bound<'_, PyAny>,
    currency: &Bound<'_, PyAny>,
    amount: &Bound<'_, PyAny>,
) -> PyResult<bool> {
    let amount = convert::amount_text(amount, "amount")?;
    let order = latipay::StoredOrder {
        merchant_reference: convert::str_arg(merchant_reference, "merchant_reference")?,
        payment_method: convert::str_arg(payment_method, "payment_method")?,
        currency: convert::str_arg(currency, "currency")?,
        amount: &amount,
    };
    fields.matches_stored(&order).or_raise()
}

/// A verified payment, from a notification or a query.
#[pyclass(frozen, eq, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct Payment(pub(crate) latipay::Payment);

#[pymethods]
impl Payment {
    /// The merchant's order reference (signed).
    #[getter]
    fn merchant_reference(&self) -> &str {
        &self.0.merchant_reference
    }
    /// Latipay's transaction id, when sent (unsigned).
    #[getter]
    fn order_id(&self) -> Option<&str> {
        self.0.order_id.as_deref()
    }
    /// The payment method's wire value, e.g. `alipay` (signed).
    #[getter]
    fn payment_method(&self) -> &str {
        self.0.payment_method.as_str()
    }
    /// The status's wire value, e.g. `paid` (signed).
    #[getter]
    fn status(&self) -> &str {
        self.0.status.as_str()
    }
    /// The wallet's currency, e.g. `NZD` (signed).
    #[getter]
    fn currency(&self) -> &str {
        &self.0.currency
    }
    /// The amount exactly as received, e.g. `120.00` (signed).
    #[getter]
    fn amount(&self) -> &str {
        &self.0.amount
    }
    /// `pay_time` as an aware datetime in UTC+08:00, or None (unsigned).
    #[getter]
    fn pay_time(&self) -> Option<DateTime<FixedOffset>> {
        self.0.pay_time
    }
    /// `pay_time` exactly as received (unsigned).
    #[getter]
    fn pay_time_raw(&self) -> Option<&str> {
        self.0.pay_time_raw.as_deref()
    }
    /// Every other field received (unsigned), as a new dict.
    #[getter]
    fn extra(&self) -> BTreeMap<String, String> {
        self.0.extra.clone()
    }
    /// Whether the amount is worth `expected` (`str` or `decimal.Decimal`).
    fn amount_matches(&self, expected: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self
            .0
            .amount_matches(&convert::amount(expected, "expected", None)?))
    }
    /// Whether this payment is for the order you stored: the same reference and
    /// currency, an amount worth the same, the same method (or `onlineBank` for
    /// a `polipay` order). Check it before acting on a notification or a query.
    /// An order field the library could not have sent (a mis-cased currency
    /// or method) raises `ValidationError` rather than never matching.
    #[pyo3(signature = (merchant_reference, payment_method, currency, amount))]
    fn matches(
        &self,
        merchant_reference: &Bound<'_, PyAny>,
        payment_method: &Bound<'_, PyAny>,
        currency: &Bound<'_, PyAny>,
        amount: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        matches_order(
            self.0.signed_fields(),
            merchant_reference,
            payment_method,
            currency,
            amount,
        )
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "Payment",
            &[
                ("merchant_reference", py_any!(py, self.merchant_reference())),
                ("order_id", py_any!(py, self.order_id())),
                ("payment_method", py_any!(py, self.payment_method())),
                ("status", py_any!(py, self.status())),
                ("currency", py_any!(py, self.currency())),
                ("amount", py_any!(py, self.amount())),
                ("pay_time", py_any!(py, self.pay_time())),
                ("extra", py_any!(py, self.extra())),
            ],
        )
    }
}

/// A verified browser redirect: for display only, never for fulfilment.
#[pyclass(frozen, eq, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct Redirect(pub(crate) latipay::Redirect);

#[pymethods]
impl Redirect {
    /// The merchant's order reference.
    #[getter]
    fn merchant_reference(&self) -> &str {
        &self.0.merchant_reference
    }
    /// The payment method's wire value.
    #[getter]
    fn payment_method(&self) -> &str {
        self.0.payment_method.as_str()
    }
    /// `paid`, or `cancel_or_fail` (WeChat), `failed`, `canceled`.
    #[getter]
    fn status(&self) -> &str {
        self.0.status.as_str()
    }
    /// The wallet's currency.
    #[getter]
    fn currency(&self) -> &str {
        &self.0.currency
    }
    /// The amount exactly as received.
    #[getter]
    fn amount(&self) -> &str {
        &self.0.amount
    }
    /// Every other query parameter (unsigned), as a new dict.
    #[getter]
    fn extra(&self) -> BTreeMap<String, String> {
        self.0.extra.clone()
    }
    /// Whether the amount is worth `expected` (`str` or `decimal.Decimal`).
    fn amount_matches(&self, expected: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self
            .0
            .amount_matches(&convert::amount(expected, "expected", None)?))
    }
    /// Whether this redirect is about the order you stored (see `Payment.matches`).
    #[pyo3(signature = (merchant_reference, payment_method, currency, amount))]
    fn matches(
        &self,
        merchant_reference: &Bound<'_, PyAny>,
        payment_method: &Bound<'_, PyAny>,
        currency: &Bound<'_, PyAny>,
        amount: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        matches_order(
            self.0.signed_fields(),
            merchant_reference,
            payment_method,
            currency,
            amount,
        )
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "Redirect",
            &[
                ("merchant_reference", py_any!(py, self.merchant_reference())),
                ("payment_method", py_any!(py, self.payment_method())),
                ("status", py_any!(py, self.status())),
                ("currency", py_any!(py, self.currency())),
                ("amount", py_any!(py, self.amount())),
                ("extra", py_any!(py, self.extra())),
            ],
        )
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
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "CreatedTransaction",
            &[
                ("host_url", py_any!(py, self.host_url())),
                ("nonce", py_any!(py, self.nonce())),
                ("payment_url", py_any!(py, self.payment_url())),
            ],
        )
    }
}

/// The QR code of a merchant-hosted transaction, verified.
#[pyclass(frozen, eq, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct GatewayData(pub(crate) latipay::GatewayData);

#[pymethods]
impl GatewayData {
    /// The merchant's order reference.
    #[getter]
    fn merchant_reference(&self) -> &str {
        &self.0.merchant_reference
    }
    /// Latipay's transaction id, when sent.
    #[getter]
    fn order_id(&self) -> Option<&str> {
        self.0.order_id.as_deref()
    }
    /// The nonce the data was fetched with.
    #[getter]
    fn nonce(&self) -> &str {
        &self.0.nonce
    }
    /// `alipay` or `wechat`.
    #[getter]
    fn payment_method(&self) -> &str {
        self.0.payment_method.as_str()
    }
    /// The amount exactly as received.
    #[getter]
    fn amount(&self) -> &str {
        &self.0.amount
    }
    /// The wallet's currency.
    #[getter]
    fn currency(&self) -> &str {
        &self.0.currency
    }
    /// The amount in CNY, when sent.
    #[getter]
    fn amount_cny(&self) -> Option<&str> {
        self.0.amount_cny.as_deref()
    }
    /// The product name, when sent.
    #[getter]
    fn product_name(&self) -> Option<&str> {
        self.0.product_name.as_deref()
    }
    /// The merchant organisation's name, when sent.
    #[getter]
    fn organisation_name(&self) -> Option<&str> {
        self.0.organisation_name.as_deref()
    }
    /// The QR code's text, for rendering it yourself.
    #[getter]
    fn qr_code_url(&self) -> &str {
        &self.0.qr_code_url
    }
    /// The QR code as a `data:image/png;base64,…` URL.
    #[getter]
    fn qr_code(&self) -> &str {
        &self.0.qr_code
    }
    /// The QR code picture as PNG bytes.
    fn qr_code_png<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let png = self.0.qr_code_png().or_raise()?;
        Ok(PyBytes::new(py, &png))
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "GatewayData",
            &[
                ("merchant_reference", py_any!(py, self.merchant_reference())),
                ("order_id", py_any!(py, self.order_id())),
                ("nonce", py_any!(py, self.nonce())),
                ("payment_method", py_any!(py, self.payment_method())),
                ("amount", py_any!(py, self.amount())),
                ("currency", py_any!(py, self.currency())),
                ("qr_code_url", py_any!(py, self.qr_code_url())),
            ],
        )
    }
}

/// Latipay accepted a barcode payment; read its outcome with a blocking query.
#[pyclass(frozen, eq, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct BarcodeAccepted(pub(crate) latipay::BarcodeAccepted);

#[pymethods]
impl BarcodeAccepted {
    /// Latipay's transaction id.
    #[getter]
    fn order_id(&self) -> &str {
        &self.0.order_id
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "BarcodeAccepted",
            &[("order_id", py_any!(py, self.order_id()))],
        )
    }
}

/// A validated, signed request for your own HTTP client: send `method` to the
/// API base URL + `path`, with `body` (JSON) and `content_type` for a `POST`.
#[pyclass(frozen, eq, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct SignedRequest(pub(crate) latipay::SignedRequest);

#[pymethods]
impl SignedRequest {
    /// `GET` or `POST`.
    #[getter]
    fn method(&self) -> &str {
        self.0.method.as_str()
    }
    /// The path and query to append to the base URL.
    #[getter]
    fn path(&self) -> &str {
        &self.0.path_and_query
    }
    /// The JSON body of a `POST`, or None for a `GET`.
    #[getter]
    fn body(&self) -> Option<&str> {
        self.0.body.as_deref()
    }
    /// The `Content-Type` to send with a body.
    #[getter]
    fn content_type(&self) -> &str {
        latipay::request::CONTENT_TYPE_JSON
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "SignedRequest",
            &[
                ("method", py_any!(py, self.method())),
                ("path", py_any!(py, self.path())),
                ("body", py_any!(py, self.body())),
            ],
        )
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
        convert::amount(value, "amount", None).map(Amount)
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
