//! Bring your own HTTP client (asyncio, httpx, aiohttp …): build signed
//! requests and verify the answers without the bundled blocking client.
//! Exposed to Python as the module `latipay.wire`.

use pyo3::prelude::*;

use crate::errors::OrRaise;
use crate::orders::{self, CreateArgs};
use crate::results::{BarcodeAccepted, CreatedTransaction, GatewayData, Payment, SignedRequest};

/// A merchant's user_id, wallet_id and api_key, checked once. Its `repr`
/// redacts the api_key.
#[pyclass(frozen, module = "latipay")]
pub(crate) struct Credentials(pub(crate) latipay::Credentials);

#[pymethods]
impl Credentials {
    /// Checks the values shown in the Latipay merchant portal.
    #[new]
    fn new(user_id: String, wallet_id: String, api_key: String) -> PyResult<Self> {
        let key = latipay::ApiKey::new(api_key).or_raise()?;
        latipay::Credentials::new(user_id, wallet_id, key)
            .or_raise()
            .map(Credentials)
    }
    /// The Latipay user account, e.g. `U000334333`.
    #[getter]
    fn user_id(&self) -> &str {
        self.0.user_id()
    }
    /// The wallet payments go to, e.g. `W00000001`.
    #[getter]
    fn wallet_id(&self) -> &str {
        self.0.wallet_id()
    }
    fn __repr__(&self) -> String {
        format!(
            "Credentials(user_id='{}', wallet_id='{}', api_key='{}')",
            self.0.user_id(),
            self.0.wallet_id(),
            latipay::REDACTED
        )
    }
}

/// The signed `POST /v2/transaction`.
#[pyfunction]
#[pyo3(signature = (
    credentials, merchant_reference, amount, payment_method, product_name, *,
    callback_url, ip, return_url=None, back_page_url=None, present_qr=false, merchant_hosted=false
))]
#[allow(clippy::too_many_arguments)] // one per Latipay field, as Python callers name them
pub(crate) fn create_transaction_request(
    credentials: &Credentials,
    merchant_reference: String,
    amount: &Bound<'_, PyAny>,
    payment_method: &str,
    product_name: String,
    callback_url: String,
    ip: String,
    return_url: Option<String>,
    back_page_url: Option<String>,
    present_qr: bool,
    merchant_hosted: bool,
) -> PyResult<SignedRequest> {
    let order = CreateArgs {
        merchant_reference,
        amount,
        payment_method,
        product_name,
        callback_url,
        ip,
        return_url,
        back_page_url,
        present_qr,
        merchant_hosted,
    }
    .build()?;
    order.signed(&credentials.0).or_raise().map(SignedRequest)
}

/// The signed `GET /v2/transaction/{merchant_reference}`.
#[pyfunction]
#[pyo3(signature = (credentials, merchant_reference, block=false))]
pub(crate) fn query_request(
    credentials: &Credentials,
    merchant_reference: String,
    block: bool,
) -> PyResult<SignedRequest> {
    latipay::Query::new(merchant_reference, block)
        .signed(&credentials.0)
        .or_raise()
        .map(SignedRequest)
}

/// The signed `POST /refund`.
#[pyfunction]
#[pyo3(signature = (credentials, order_id, refund_amount, reference=None))]
pub(crate) fn refund_request(
    credentials: &Credentials,
    order_id: String,
    refund_amount: &Bound<'_, PyAny>,
    reference: Option<String>,
) -> PyResult<SignedRequest> {
    orders::refund(order_id, refund_amount, reference)?
        .signed(&credentials.0)
        .or_raise()
        .map(SignedRequest)
}

/// The signed `POST /cancel`.
#[pyfunction]
pub(crate) fn cancel_request(
    credentials: &Credentials,
    merchant_reference: String,
) -> PyResult<SignedRequest> {
    latipay::Cancel::new(merchant_reference)
        .signed(&credentials.0)
        .or_raise()
        .map(SignedRequest)
}

/// The signed `POST /barcode`.
#[pyfunction]
pub(crate) fn barcode_request(
    credentials: &Credentials,
    merchant_reference: String,
    amount: &Bound<'_, PyAny>,
    pay_code: String,
) -> PyResult<SignedRequest> {
    orders::barcode(merchant_reference, amount, pay_code)?
        .signed(&credentials.0)
        .or_raise()
        .map(SignedRequest)
}

/// Verifies the answer to a create request.
#[pyfunction]
pub(crate) fn parse_create_response(body: &str, api_key: &str) -> PyResult<CreatedTransaction> {
    latipay::response::parse_create_response(body, api_key)
        .or_raise()
        .map(CreatedTransaction)
}

/// Verifies gateway data (merchant-hosted QR code).
#[pyfunction]
pub(crate) fn parse_gateway_data(body: &str, api_key: &str) -> PyResult<GatewayData> {
    latipay::response::parse_gateway_data(body, api_key)
        .or_raise()
        .map(GatewayData)
}

/// Verifies the answer to a query for `merchant_reference`.
#[pyfunction]
pub(crate) fn parse_query_response(
    body: &str,
    api_key: &str,
    merchant_reference: &str,
) -> PyResult<Payment> {
    latipay::response::parse_query_response(body, api_key, merchant_reference)
        .or_raise()
        .map(Payment)
}

/// Reads the answer to a refund; returns None when Latipay accepted it.
#[pyfunction]
pub(crate) fn parse_refund_response(body: &str) -> PyResult<()> {
    latipay::response::parse_refund_response(body).or_raise()
}

/// Reads the answer to a cancel; returns None when the order was cancelled.
#[pyfunction]
pub(crate) fn parse_cancel_response(body: &str) -> PyResult<()> {
    latipay::response::parse_cancel_response(body).or_raise()
}

/// Reads the answer to a barcode payment.
#[pyfunction]
pub(crate) fn parse_barcode_response(body: &str) -> PyResult<BarcodeAccepted> {
    latipay::response::parse_barcode_response(body)
        .or_raise()
        .map(BarcodeAccepted)
}
