//! `LatipayClient`: the core's blocking client for one merchant account.
//! Every call blocks its thread (call it from `Dispatchers.IO` or a worker,
//! never Android's main thread); one client is safe to share between threads.

use std::sync::Arc;
use std::time::Duration;

use latipay::{binding_type, ffi};

use crate::errors::{LatipayError, Result};
use crate::requests::{BarcodePayment, CreateTransaction, Refund};
use crate::results::{BarcodeAccepted, CreatedTransaction, GatewayData, Payment};

/// A merchant's api_key. Its `toString()` is `[REDACTED]`, so a `ClientConfig`
/// can be logged safely. Leave it to the garbage collector: once closed, it
/// can neither be used nor printed.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct ApiKey(latipay::ApiKey);

impl std::fmt::Display for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

#[uniffi::export]
impl ApiKey {
    /// Checks the key: not empty, no surrounding whitespace.
    #[uniffi::constructor]
    pub fn new(key: String) -> Result<Self> {
        Ok(ApiKey(latipay::ApiKey::new(key)?))
    }

    /// `text` for a `toString()`: this key redacted, had it been passed as another value by mistake.
    pub fn shown(&self, text: String) -> String {
        ffi::shown_name(&text, self.0.expose())
    }
}

/// How to reach Latipay as one merchant. Give `baseUrl` (the sandbox, a
/// proxy) or `environment` (`"production"`, the default, or `"staging"`), not both.
#[derive(uniffi::Record)]
pub struct ClientConfig {
    /// The Latipay user account (`U…`).
    pub user_id: String,
    /// The wallet payments go to (`W…`).
    pub wallet_id: String,
    /// The api_key from the merchant portal.
    pub api_key: Arc<ApiKey>,
    /// `"production"` or `"staging"`.
    #[uniffi(default = None)]
    pub environment: Option<String>,
    /// A base URL instead of an environment, e.g. the sandbox's.
    #[uniffi(default = None)]
    pub base_url: Option<String>,
    /// The whole-request timeout in milliseconds (30 000 when absent).
    #[uniffi(default = None)]
    pub timeout_ms: Option<i64>,
    /// The connect timeout in milliseconds (10 000 when absent).
    #[uniffi(default = None)]
    pub connect_timeout_ms: Option<i64>,
    /// How long a blocking query may wait, in milliseconds: more than
    /// Latipay's 180 s hold (200 000 when absent).
    #[uniffi(default = None)]
    pub block_timeout_ms: Option<i64>,
    /// Retries of a failed GET (2 when absent; POSTs are never retried).
    #[uniffi(default = None)]
    pub max_retries: Option<i32>,
    /// The User-Agent header.
    #[uniffi(default = None)]
    pub user_agent: Option<String>,
    /// The proxy every request goes through: `http://host:port` or
    /// `https://host:port` (anything else is refused). When absent, the
    /// environment's `https_proxy`, `http_proxy`, `all_proxy` and `no_proxy` apply.
    #[uniffi(default = None)]
    pub proxy: Option<String>,
    /// More certificate authorities to trust, as PEM text.
    #[uniffi(default = None)]
    pub ca_certificates: Option<String>,
    /// `"bundled"` (Mozilla's list, built in; the default) or `"system"`
    /// (the operating system's store; Android's system certificates).
    #[uniffi(default = None)]
    pub trust_store: Option<String>,
    /// Told of every attempt of every call, on the thread making the call.
    #[uniffi(default = None)]
    pub on_attempt: Option<Arc<dyn AttemptListener>>,
}

/// Told of each attempt of a client's calls (method, path, status, duration,
/// error code; never a key, signature or query string). Keep it quick: it
/// runs on the thread making the call.
#[uniffi::export(with_foreign)]
pub trait AttemptListener: Send + Sync {
    /// One attempt ended.
    fn on_attempt(&self, attempt: Attempt);
}

latipay::with_attempt_fields!(binding_type {
    /// One attempt of a call.
    #[derive(uniffi::Record)]
    pub struct Attempt from ffi::AttemptView, via latipay::Attempt, each [],
    |a| {}
});

impl ClientConfig {
    /// The core's configuration.
    fn to_core(&self) -> Result<latipay::Config> {
        let options = latipay::ffi::ClientOptions {
            user_id: self.user_id.clone(),
            wallet_id: self.wallet_id.clone(),
            api_key: self.api_key.0.clone(),
            environment: self.environment.clone(),
            base_url: self.base_url.clone(),
            timeout: millis("timeout", self.timeout_ms)?,
            connect_timeout: millis("connect_timeout", self.connect_timeout_ms)?,
            block_timeout: millis("block_timeout", self.block_timeout_ms)?,
            max_retries: self
                .max_retries
                .map(|n| u32::try_from(n).map_err(|_| invalid("max_retries", n)))
                .transpose()?,
            user_agent: self.user_agent.clone(),
            proxy: self.proxy.clone(),
            ca_certificates: self.ca_certificates.clone(),
            trust_store: self.trust_store.clone(),
        };
        let mut config =
            options.into_config(concat!("latipay-kotlin/", env!("CARGO_PKG_VERSION")))?;
        config.on_attempt = self.on_attempt.clone().map(|listener| {
            latipay::AttemptListener::new(move |attempt| {
                listener.on_attempt(attempt.clone().into())
            })
        });
        Ok(config)
    }
}

/// Milliseconds as a `Duration` (the core checks the range); negative is refused.
/// Kotlin gets `Long` milliseconds rather than `java.time.Duration`, which
/// Android has only from API 26.
fn millis(field: &str, value: Option<i64>) -> Result<Option<Duration>> {
    value
        .map(|ms| {
            u64::try_from(ms)
                .map(Duration::from_millis)
                .map_err(|_| invalid(field, format!("{ms} ms")))
        })
        .transpose()
}

/// A negative number where only 0 and up make sense.
fn invalid(field: &str, value: impl std::fmt::Display) -> LatipayError {
    LatipayError::InvalidArgument {
        field: field.to_owned(),
        reason: format!("must not be negative (got {value})"),
    }
}

/// `text` (a proxy URL) with any `user:password@` replaced by `[REDACTED]`,
/// for `ClientConfig.toString()`.
#[uniffi::export]
pub fn shown_url(text: String) -> String {
    ffi::shown_url(&text)
}

/// A Latipay client for one merchant account (`AutoCloseable`: `use { }` it,
/// or keep one for the app's lifetime). Its `toString()` shows no key.
#[derive(uniffi::Object)]
pub struct LatipayClient(latipay::Client);

#[uniffi::export]
impl LatipayClient {
    /// Checks the configuration; nothing is sent yet.
    #[uniffi::constructor]
    pub fn new(config: ClientConfig) -> Result<Self> {
        Ok(LatipayClient(latipay::Client::new(config.to_core()?)?))
    }

    /// The Latipay user account.
    pub fn user_id(&self) -> String {
        self.0.credentials().user_id().to_owned()
    }

    /// The wallet payments go to.
    pub fn wallet_id(&self) -> String {
        self.0.credentials().wallet_id().to_owned()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> String {
        self.0.base_url().to_owned()
    }

    /// `text` for `toString()`: the api_key redacted, had it been passed as an id by mistake.
    pub fn shown(&self, text: String) -> String {
        ffi::shown_name(&text, self.key().expose())
    }

    /// Creates a transaction and verifies Latipay's answer.
    pub fn create_transaction(&self, order: CreateTransaction) -> Result<CreatedTransaction> {
        let order = ffi::CreateTransactionText::from(order).into_request(self.key())?;
        Ok(self.0.create_transaction(&order)?.into())
    }

    /// Fetches and verifies the QR code of a merchant-hosted transaction.
    pub fn gateway_data(&self, created: CreatedTransaction) -> Result<GatewayData> {
        let data = self.0.gateway_data(&created.into())?;
        Ok(ffi::GatewayView::try_from(data)?.into())
    }

    /// The verified state of an order. With `block = true`, Latipay holds the
    /// answer until the order leaves `pending` (or about 180 s pass).
    #[uniffi::method(default(block = false))]
    pub fn query(&self, merchant_reference: String, block: bool) -> Result<Payment> {
        Ok(self.0.query(&merchant_reference, block)?.into())
    }

    /// Refunds (part of) a paid order. Not retried: query before trying again.
    pub fn refund(&self, refund: Refund) -> Result<()> {
        let refund = ffi::RefundText::from(refund).into_request(self.key())?;
        Ok(self.0.refund(&refund)?)
    }

    /// Cancels an unpaid order. Not retried.
    pub fn cancel(&self, merchant_reference: String) -> Result<()> {
        Ok(self.0.cancel(&merchant_reference)?)
    }

    /// Takes an in-store payment from the code the customer shows. Not
    /// retried; `query(block = true)` tells whether it was paid.
    pub fn barcode(&self, payment: BarcodePayment) -> Result<BarcodeAccepted> {
        let barcode = ffi::BarcodeText::from(payment).into_request(self.key())?;
        Ok(self.0.barcode(&barcode)?.into())
    }
}

impl LatipayClient {
    fn key(&self) -> &latipay::ApiKey {
        self.0.credentials().api_key()
    }
}
