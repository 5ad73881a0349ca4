//! Bring your own HTTP client (asyncio, httpx, aiohttp …): build signed
//! requests and verify the answers without the bundled blocking client.
//! Exposed to Python as the module `latipay.wire`.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{self, text};
use crate::errors::{refuse_unexpected, OrRaise};
use crate::requests::{self, CreateArgs};
use crate::results::{BarcodeAccepted, CreatedTransaction, GatewayData, Payment, SignedRequest};

/// A merchant's user_id, wallet_id and api_key, checked once. Its `repr`
/// redacts the api_key.
#[pyclass(frozen, module = "latipay")]
pub(crate) struct Credentials(pub(crate) latipay::Credentials);

#[pymethods]
impl Credentials {
    /// Checks the values shown in the Latipay merchant portal.
    #[new]
    #[pyo3(signature = (user_id, wallet_id, api_key, **unexpected))]
    fn new(
        user_id: &Bound<'_, PyAny>,
        wallet_id: &Bound<'_, PyAny>,
        api_key: &Bound<'_, PyAny>,
        unexpected: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let key = latipay::ApiKey::new(text(api_key, "api_key")?).or_raise()?;
        refuse_unexpected("Credentials", unexpected, key.expose())?;
        latipay::Credentials::new(
            text(user_id, "user_id")?,
            text(wallet_id, "wallet_id")?,
            key,
        )
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
            latipay::ffi::shown_name(self.0.user_id(), self.0.api_key().expose()),
            latipay::ffi::shown_name(self.0.wallet_id(), self.0.api_key().expose()),
            latipay::REDACTED
        )
    }
}

/// The signed `POST /v2/transaction`.
#[pyfunction]
#[pyo3(signature = (
    credentials, merchant_reference, amount, payment_method, product_name, *, callback_url, ip,
    return_url=None, back_page_url=None,
    present_qr=false, merchant_hosted=false, **unexpected
))]
#[allow(clippy::too_many_arguments)] // one per Latipay field, as Python callers name them
pub(crate) fn create_transaction_request(
    credentials: &Bound<'_, PyAny>,
    merchant_reference: &Bound<'_, PyAny>,
    amount: &Bound<'_, PyAny>,
    payment_method: &Bound<'_, PyAny>,
    product_name: &Bound<'_, PyAny>,
    callback_url: &Bound<'_, PyAny>,
    ip: &Bound<'_, PyAny>,
    return_url: Option<&Bound<'_, PyAny>>,
    back_page_url: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = requests::present_qr)] present_qr: bool,
    #[pyo3(from_py_with = requests::merchant_hosted)] merchant_hosted: bool,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<SignedRequest> {
    let credentials = credentials_of(credentials)?;
    refuse_unexpected(
        "create_transaction_request",
        unexpected,
        credentials.api_key().expose(),
    )?;
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
    .build(credentials.api_key())?;
    order.signed(credentials).or_raise().map(Into::into)
}

/// The signed `GET /v2/transaction/{merchant_reference}`.
#[pyfunction]
#[pyo3(signature = (credentials, merchant_reference, block=false, **unexpected))]
pub(crate) fn query_request(
    credentials: &Bound<'_, PyAny>,
    merchant_reference: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = requests::block)] block: bool,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<SignedRequest> {
    let credentials = credentials_of(credentials)?;
    refuse_unexpected("query_request", unexpected, credentials.api_key().expose())?;
    latipay::Query::new(text(merchant_reference, "merchant_reference")?, block)
        .signed(credentials)
        .or_raise()
        .map(Into::into)
}

/// The signed `POST /refund`.
#[pyfunction]
#[pyo3(signature = (credentials, order_id, refund_amount, reference=None, **unexpected))]
pub(crate) fn refund_request(
    credentials: &Bound<'_, PyAny>,
    order_id: &Bound<'_, PyAny>,
    refund_amount: &Bound<'_, PyAny>,
    reference: Option<&Bound<'_, PyAny>>,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<SignedRequest> {
    let credentials = credentials_of(credentials)?;
    refuse_unexpected("refund_request", unexpected, credentials.api_key().expose())?;
    requests::refund(order_id, refund_amount, reference, credentials.api_key())?
        .signed(credentials)
        .or_raise()
        .map(Into::into)
}

/// The signed `POST /cancel`.
#[pyfunction]
#[pyo3(signature = (credentials, merchant_reference, **unexpected))]
pub(crate) fn cancel_request(
    credentials: &Bound<'_, PyAny>,
    merchant_reference: &Bound<'_, PyAny>,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<SignedRequest> {
    let credentials = credentials_of(credentials)?;
    refuse_unexpected("cancel_request", unexpected, credentials.api_key().expose())?;
    latipay::Cancel::new(text(merchant_reference, "merchant_reference")?)
        .signed(credentials)
        .or_raise()
        .map(Into::into)
}

/// The signed `POST /barcode`.
#[pyfunction]
#[pyo3(signature = (credentials, merchant_reference, amount, pay_code, **unexpected))]
pub(crate) fn barcode_request(
    credentials: &Bound<'_, PyAny>,
    merchant_reference: &Bound<'_, PyAny>,
    amount: &Bound<'_, PyAny>,
    pay_code: &Bound<'_, PyAny>,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<SignedRequest> {
    let credentials = credentials_of(credentials)?;
    refuse_unexpected(
        "barcode_request",
        unexpected,
        credentials.api_key().expose(),
    )?;
    requests::barcode(merchant_reference, amount, pay_code, credentials.api_key())?
        .signed(credentials)
        .or_raise()
        .map(Into::into)
}

/// Declares `#[pyfunction]`s that verify a signed answer: `body`, `api_key`
/// and the named text arguments, keywords refused without the key.
macro_rules! verifying_parsers {
    ($( $(#[$doc:meta])* fn $name:ident($($arg:ident),*) -> $out:ty = $parse:path; )*) => { $(
        $(#[$doc])*
        #[pyfunction]
        #[pyo3(signature = (body, api_key, $($arg,)* **unexpected))]
        pub(crate) fn $name(
            body: &Bound<'_, PyAny>,
            api_key: &Bound<'_, PyAny>,
            $($arg: &Bound<'_, PyAny>,)*
            unexpected: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<$out> {
            let api_key = text(api_key, "api_key")?;
            refuse_unexpected(stringify!($name), unexpected, &api_key)?;
            let body = text(body, "body")?;
            $parse(&body, &api_key, $(&text($arg, stringify!($arg))?),*)
                .or_raise()
                .map(Into::into)
        }
    )* };
}

verifying_parsers! {
    /// Verifies the answer to a create request.
    fn parse_create_response() -> CreatedTransaction = latipay::response::parse_create_response;
    /// Verifies gateway data (merchant-hosted QR code).
    fn parse_gateway_data() -> GatewayData = latipay::response::parse_gateway_data;
    /// Verifies the answer to a query for `merchant_reference`.
    fn parse_query_response(merchant_reference) -> Payment = latipay::response::parse_query_response;
}

/// Reads the answer to a refund; returns None when Latipay accepted it.
#[pyfunction]
pub(crate) fn parse_refund_response(body: &Bound<'_, PyAny>) -> PyResult<()> {
    latipay::response::parse_refund_response(&text(body, "body")?).or_raise()
}

/// Reads the answer to a cancel; returns None when the order was cancelled.
#[pyfunction]
pub(crate) fn parse_cancel_response(body: &Bound<'_, PyAny>) -> PyResult<()> {
    latipay::response::parse_cancel_response(&text(body, "body")?).or_raise()
}

/// Reads the answer to a barcode payment.
#[pyfunction]
pub(crate) fn parse_barcode_response(body: &Bound<'_, PyAny>) -> PyResult<BarcodeAccepted> {
    latipay::response::parse_barcode_response(&text(body, "body")?)
        .or_raise()
        .map(Into::into)
}

/// The core credentials inside a `Credentials` argument.
fn credentials_of<'a>(value: &'a Bound<'_, PyAny>) -> PyResult<&'a latipay::Credentials> {
    Ok(&convert::instance::<Credentials>(value, "credentials")?
        .get()
        .0)
}
