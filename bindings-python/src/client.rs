//! `latipay.Client`: the core's blocking client, with the GIL released while
//! it waits on the network so other Python threads keep running. One client
//! may be shared by every thread of a web app.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{self, optional_text, text};
use crate::errors::{self, OrRaise};
use crate::requests::{self, CreateArgs};
use crate::results::{BarcodeAccepted, CreatedTransaction, GatewayData, Payment};

/// The keyword options `Client()` takes.
const OPTIONS: [&str; 7] = [
    "environment",
    "base_url",
    "timeout",
    "connect_timeout",
    "block_timeout",
    "max_retries",
    "user_agent",
];

/// A Latipay client for one merchant account. Its `repr` redacts the api_key.
#[pyclass(frozen, module = "latipay")]
pub(crate) struct Client(latipay::Client);

#[pymethods]
impl Client {
    /// Checks the configuration; nothing is sent yet. Options are keywords
    /// (`environment`, `base_url`, `timeout`, `connect_timeout`,
    /// `block_timeout`, `max_retries`, `user_agent`); durations are seconds and
    /// `None` keeps the core's default. They are read here rather than by
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
                if !OPTIONS.contains(&name.as_str()) {
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
        }
        .into_config(concat!("latipay-python/", env!("CARGO_PKG_VERSION")))
        .or_raise()?;
        latipay::Client::new(config).or_raise().map(Client)
    }

    /// The Latipay user account.
    #[getter]
    fn user_id(&self) -> &str {
        self.0.credentials().user_id()
    }

    /// The wallet payments go to.
    #[getter]
    fn wallet_id(&self) -> &str {
        self.0.credentials().wallet_id()
    }

    /// The base URL requests go to.
    #[getter]
    fn base_url(&self) -> &str {
        self.0.base_url()
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
    ) -> PyResult<CreatedTransaction> {
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
        .build(self.0.credentials().api_key())?;
        py.detach(|| self.0.create_transaction(&order))
            .or_raise()
            .map(Into::into)
    }

    /// Fetches and verifies the QR code of a merchant-hosted transaction.
    #[pyo3(signature = (created, **unexpected))]
    fn gateway_data(
        &self,
        py: Python<'_>,
        created: &Bound<'_, PyAny>,
        unexpected: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<GatewayData> {
        self.refuse_unexpected("gateway_data", unexpected)?;
        let created = convert::instance::<CreatedTransaction>(created, "created")?
            .get()
            .to_core();
        py.detach(|| self.0.gateway_data(&created))
            .or_raise()
            .map(Into::into)
    }

    /// Asks for an order's status; with `block`, waits until it changes.
    #[pyo3(signature = (merchant_reference, block=false, **unexpected))]
    fn query(
        &self,
        py: Python<'_>,
        merchant_reference: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = requests::block)] block: bool,
        unexpected: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Payment> {
        self.refuse_unexpected("query", unexpected)?;
        let reference = text(merchant_reference, "merchant_reference")?;
        py.detach(|| self.0.query(&reference, block))
            .or_raise()
            .map(Into::into)
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
    ) -> PyResult<()> {
        self.refuse_unexpected("refund", unexpected)?;
        let refund = requests::refund(
            order_id,
            refund_amount,
            reference,
            self.0.credentials().api_key(),
        )?;
        py.detach(|| self.0.refund(&refund)).or_raise()
    }

    /// Cancels an unpaid order. Not retried.
    #[pyo3(signature = (merchant_reference, **unexpected))]
    fn cancel(
        &self,
        py: Python<'_>,
        merchant_reference: &Bound<'_, PyAny>,
        unexpected: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        self.refuse_unexpected("cancel", unexpected)?;
        let reference = text(merchant_reference, "merchant_reference")?;
        py.detach(|| self.0.cancel(&reference)).or_raise()
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
    ) -> PyResult<BarcodeAccepted> {
        self.refuse_unexpected("barcode", unexpected)?;
        let barcode = requests::barcode(
            merchant_reference,
            amount,
            pay_code,
            self.0.credentials().api_key(),
        )?;
        py.detach(|| self.0.barcode(&barcode))
            .or_raise()
            .map(Into::into)
    }

    fn __repr__(&self) -> String {
        format!(
            "Client(user_id='{}', wallet_id='{}', base_url='{}', api_key='{}')",
            self.user_id(),
            self.wallet_id(),
            self.base_url(),
            latipay::REDACTED
        )
    }
}

impl Client {
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
            self.0.credentials().api_key().expose(),
        )
    }
}
