//! `latipay.Client`: the core's blocking client, with the GIL released while
//! it waits on the network so other Python threads keep running. One client
//! may be shared by every thread of a web app.
//!
//! Made with `_exchanges=True` (by `latipay.AsyncClient` only), its methods
//! return the call as an [`Exchange`] for httpx to carry instead of running it.

use latipay::ffi::CallRequest;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{self, optional_text, text};
use crate::errors::{self, OrRaise};
use crate::exchange::{reply, Exchange};
use crate::logging;
use crate::requests::{self, CreateArgs};
use crate::results::CreatedTransaction;

/// The keyword options `Client()` takes.
const OPTIONS: [&str; 10] = [
    "environment",
    "base_url",
    "timeout",
    "connect_timeout",
    "block_timeout",
    "max_retries",
    "user_agent",
    "proxy",
    "ca_certificates",
    "trust_store",
];

/// The hidden option of `latipay.AsyncClient`'s native half.
const EXCHANGES: &str = "_exchanges";

/// A Latipay client for one merchant account. Its `repr` redacts the api_key.
#[pyclass(frozen, module = "latipay")]
pub(crate) struct Client {
    client: latipay::Client,
    /// Whether calls are handed out as exchanges (for `AsyncClient`).
    exchanges: bool,
}

#[pymethods]
impl Client {
    /// Checks the configuration; nothing is sent yet. Options are keywords
    /// (`environment`, `base_url`, `timeout`, `connect_timeout`,
    /// `block_timeout`, `max_retries`, `user_agent`, `proxy`,
    /// `ca_certificates`, `trust_store`); durations are seconds and `None`
    /// keeps the core's default. They are read here rather than by
    /// Python's argument binding so that a name it does not know is reported
    /// without the api_key, should the key have been passed as a name.
    #[new]
    #[pyo3(signature = (user_id, wallet_id, api_key, **options))]
    fn new(
        user_id: &Bound<'_, PyAny>,
        wallet_id: &Bound<'_, PyAny>,
        api_key: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let key = latipay::ApiKey::new(text(api_key, "api_key")?).or_raise()?;
        let option = |name: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
            Ok(match options {
                Some(options) => options.get_item(name)?.filter(|v| !v.is_none()),
                None => None,
            })
        };
        if let Some(options) = options {
            for name in options.keys() {
                let name = text(&name, "options")?;
                if !OPTIONS.contains(&name.as_str()) && name != EXCHANGES {
                    let shown = latipay::ffi::shown_name(&name, key.expose());
                    return Err(errors::wrong_type(
                        options.py(),
                        "options",
                        format!("Client() got an unexpected keyword argument '{shown}'"),
                    ));
                }
            }
        }
        let text_option = |name| optional_text(option(name)?.as_ref(), name);
        let seconds = |name| {
            option(name)?
                .map(|t| convert::seconds(&t, name))
                .transpose()
        };
        let config = latipay::ffi::ClientOptions {
            user_id: text(user_id, "user_id")?,
            wallet_id: text(wallet_id, "wallet_id")?,
            api_key: key,
            environment: text_option("environment")?,
            base_url: text_option("base_url")?,
            timeout: seconds("timeout")?,
            connect_timeout: seconds("connect_timeout")?,
            block_timeout: seconds("block_timeout")?,
            max_retries: option("max_retries")?
                .map(|n| convert::count(&n, "max_retries"))
                .transpose()?,
            user_agent: text_option("user_agent")?,
            proxy: text_option("proxy")?,
            ca_certificates: text_option("ca_certificates")?,
            trust_store: text_option("trust_store")?,
        }
        .into_config(concat!("latipay-python/", env!("CARGO_PKG_VERSION")))
        .or_raise()?;
        let exchanges = match option(EXCHANGES)? {
            Some(flag) => convert::flag(&flag, EXCHANGES)?,
            None => false,
        };
        let config = latipay::Config {
            on_attempt: Some(logging::listener()),
            ..config
        };
        let client = latipay::Client::new(config).or_raise()?;
        Ok(Client { client, exchanges })
    }

    /// The certificate authorities to trust as PEM text, when they are not
    /// the usual Mozilla list (for `AsyncClient`'s SSL context).
    fn _trusted_pem(&self) -> Option<String> {
        self.client.calls().network().trusted_pem()
    }

    /// The Latipay user account.
    #[getter]
    fn user_id(&self) -> &str {
        self.client.credentials().user_id()
    }

    /// The wallet payments go to.
    #[getter]
    fn wallet_id(&self) -> &str {
        self.client.credentials().wallet_id()
    }

    /// The base URL requests go to.
    #[getter]
    fn base_url(&self) -> &str {
        self.client.base_url()
    }

    /// Creates a transaction and verifies the answer.
    #[pyo3(signature = (
        merchant_reference, amount, payment_method, product_name, *, callback_url, ip,
        return_url=None, back_page_url=None,
        present_qr=false, merchant_hosted=false, **unexpected
    ))]
    #[allow(clippy::too_many_arguments)] // one per Latipay field, as Python callers name them
    fn create_transaction(
        &self,
        py: Python<'_>,
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
    ) -> PyResult<Py<PyAny>> {
        self.refuse_unexpected("create_transaction", unexpected)?;
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
        .build(self.client.credentials().api_key())?;
        self.call(py, CallRequest::CreateTransaction(order))
    }

    /// Fetches and verifies the QR code of a merchant-hosted transaction.
    #[pyo3(signature = (created, **unexpected))]
    fn gateway_data(
        &self,
        py: Python<'_>,
        created: &Bound<'_, PyAny>,
        unexpected: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        self.refuse_unexpected("gateway_data", unexpected)?;
        let created = convert::instance::<CreatedTransaction>(created, "created")?
            .get()
            .to_core();
        self.call(py, CallRequest::GatewayData(created))
    }

    /// Asks for an order's status; with `block`, waits until it changes.
    #[pyo3(signature = (merchant_reference, block=false, **unexpected))]
    fn query(
        &self,
        py: Python<'_>,
        merchant_reference: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = requests::block)] block: bool,
        unexpected: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        self.refuse_unexpected("query", unexpected)?;
        let merchant_reference = text(merchant_reference, "merchant_reference")?;
        self.call(
            py,
            CallRequest::Query {
                merchant_reference,
                block,
            },
        )
    }

    /// Refunds all or part of a paid order. Not retried.
    #[pyo3(signature = (order_id, refund_amount, reference=None, **unexpected))]
    fn refund(
        &self,
        py: Python<'_>,
        order_id: &Bound<'_, PyAny>,
        refund_amount: &Bound<'_, PyAny>,
        reference: Option<&Bound<'_, PyAny>>,
        unexpected: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        self.refuse_unexpected("refund", unexpected)?;
        let refund = requests::refund(
            order_id,
            refund_amount,
            reference,
            self.client.credentials().api_key(),
        )?;
        self.call(py, CallRequest::Refund(refund))
    }

    /// Cancels an unpaid order. Not retried.
    #[pyo3(signature = (merchant_reference, **unexpected))]
    fn cancel(
        &self,
        py: Python<'_>,
        merchant_reference: &Bound<'_, PyAny>,
        unexpected: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        self.refuse_unexpected("cancel", unexpected)?;
        let reference = text(merchant_reference, "merchant_reference")?;
        self.call(py, CallRequest::Cancel(reference))
    }

    /// Submits a barcode payment scanned from the customer's phone.
    #[pyo3(signature = (merchant_reference, amount, pay_code, **unexpected))]
    fn barcode(
        &self,
        py: Python<'_>,
        merchant_reference: &Bound<'_, PyAny>,
        amount: &Bound<'_, PyAny>,
        pay_code: &Bound<'_, PyAny>,
        unexpected: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        self.refuse_unexpected("barcode", unexpected)?;
        let barcode = requests::barcode(
            merchant_reference,
            amount,
            pay_code,
            self.client.credentials().api_key(),
        )?;
        self.call(py, CallRequest::Barcode(barcode))
    }

    fn __repr__(&self) -> String {
        format!(
            "Client(user_id='{}', wallet_id='{}', base_url='{}', api_key='{}')",
            self.shown(self.user_id()),
            self.shown(self.wallet_id()),
            self.base_url(),
            latipay::REDACTED
        )
    }
}

impl Client {
    /// `text` for the repr: the api_key redacted, had it been passed as an id by mistake.
    fn shown(&self, text: &str) -> String {
        latipay::ffi::shown_name(text, self.client.credentials().api_key().expose())
    }

    /// Runs a call with the GIL released, or hands it out as an exchange.
    fn call(&self, py: Python<'_>, request: CallRequest) -> PyResult<Py<PyAny>> {
        if self.exchanges {
            let pending = request.start(self.client.calls()).or_raise()?;
            return Ok(Py::new(py, Exchange::new(pending))?.into_any());
        }
        let answer = py.detach(|| request.run(&self.client)).or_raise()?;
        reply(py, answer)
    }

    /// Refuses keyword arguments `method` does not take, naming them without the api_key.
    fn refuse_unexpected(
        &self,
        method: &str,
        unexpected: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        if unexpected.is_none_or(|kwargs| kwargs.is_empty()) {
            return Ok(());
        }
        errors::refuse_unexpected(
            &format!("Client.{method}"),
            unexpected,
            self.client.credentials().api_key().expose(),
        )
    }
}
