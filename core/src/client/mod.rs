//! A small blocking client: validates, signs, sends, and verifies every answer.

mod config;
mod transport;

pub use config::{Config, Environment, PRODUCTION_URL, STAGING_URL};

use std::time::Duration;

use crate::credentials::Credentials;
use crate::error::Result;
use crate::request::{Barcode, Cancel, CreateTransaction, Method, Query, Refund, SignedRequest};
use crate::response::{
    parse_barcode_response, parse_cancel_response, parse_create_response, parse_gateway_data,
    parse_query_response, parse_refund_response, BarcodeAccepted, CreatedTransaction, GatewayData,
    QueryResult,
};
use crate::validate;
use transport::Transport;

/// A Latipay client. Create one per merchant account and share it: it is
/// `Send + Sync` and reuses connections. Calls block the current thread.
///
/// Every answer is verified before it is returned: a wrong signature is an
/// error, never data. Errors never contain the api_key.
///
/// ```no_run
/// use latipay::{Amount, ApiKey, Client, Config, CreateTransaction, Environment, PaymentMethod};
///
/// let key = ApiKey::new("111222333")?;
/// let client = Client::new(Config::new("U000334333", "W00000001", key, Environment::Production))?;
/// let created = client.create_transaction(&CreateTransaction::hosted_online(
///     "order-1001",
///     Amount::parse("120.00")?,
///     PaymentMethod::Alipay,
///     "Pinot Noir, Otago",
///     "https://merchantsite.com/checkout",
///     "https://merchantsite.com/confirm",
///     "122.122.122.1",
/// ))?;
/// println!("send the customer to {}", created.payment_url);
/// # Ok::<(), latipay::Error>(())
/// ```
#[derive(Debug)]
pub struct Client {
    credentials: Credentials,
    base_url: String,
    timeout: Duration,
    block_timeout: Duration,
    transport: Transport,
}

impl Client {
    /// Checks the configuration and builds the client. Nothing is sent yet.
    pub fn new(config: Config) -> Result<Self> {
        let base = config.validate()?;
        let credentials = Credentials::new(
            config.user_id.clone(),
            config.wallet_id.clone(),
            config.api_key.clone(),
        )?;
        Ok(Client {
            transport: Transport::new(&config),
            base_url: base.as_str().trim_end_matches('/').to_owned(),
            credentials,
            timeout: config.timeout,
            block_timeout: config.block_timeout,
        })
    }

    /// The merchant this client signs for.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The base URL requests go to, e.g. `https://api.latipay.net`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Creates a transaction (`POST /v2/transaction`) and verifies the answer's
    /// signature. Not retried: on a timeout, query the order before trying again.
    pub fn create_transaction(
        &self,
        transaction: &CreateTransaction,
    ) -> Result<CreatedTransaction> {
        self.scrubbed(|| {
            let body = self.send(&transaction.signed(&self.credentials)?, self.timeout)?;
            parse_create_response(&body, self.key())
        })
    }

    /// Fetches the QR code of a merchant-hosted transaction
    /// (`GET {host_url}/{nonce}`) and verifies `data.signature`.
    pub fn gateway_data(&self, created: &CreatedTransaction) -> Result<GatewayData> {
        self.scrubbed(|| {
            validate::http_url("payment_url", &created.payment_url)?;
            let body =
                self.transport
                    .send(Method::Get, &created.payment_url, None, self.timeout)?;
            parse_gateway_data(&body, self.key())
        })
    }

    /// Asks for an order's status and verifies the answer. With `block`,
    /// Latipay holds the request until the status changes (up to 180 s; the
    /// client waits up to [`Config::block_timeout`]).
    pub fn query(&self, merchant_reference: &str, block: bool) -> Result<QueryResult> {
        self.scrubbed(|| {
            let timeout = if block {
                self.block_timeout
            } else {
                self.timeout
            };
            let request = Query::new(merchant_reference, block).signed(&self.credentials)?;
            let body = self.send(&request, timeout)?;
            parse_query_response(&body, self.key(), merchant_reference)
        })
    }

    /// Refunds all or part of a paid order (`POST /refund`). Not retried.
    pub fn refund(&self, refund: &Refund) -> Result<()> {
        self.scrubbed(|| {
            let body = self.send(&refund.signed(&self.credentials)?, self.timeout)?;
            parse_refund_response(&body)
        })
    }

    /// Cancels an unpaid order (`POST /cancel`). Not retried.
    pub fn cancel(&self, merchant_reference: &str) -> Result<()> {
        self.scrubbed(|| {
            let body = self.send(
                &Cancel::new(merchant_reference).signed(&self.credentials)?,
                self.timeout,
            )?;
            parse_cancel_response(&body)
        })
    }

    /// Submits a barcode payment (`POST /barcode`); read the outcome with
    /// [`Client::query`], usually blocking. Not retried.
    pub fn barcode(&self, barcode: &Barcode) -> Result<BarcodeAccepted> {
        self.scrubbed(|| {
            let body = self.send(&barcode.signed(&self.credentials)?, self.timeout)?;
            parse_barcode_response(&body)
        })
    }

    fn send(&self, request: &SignedRequest, timeout: Duration) -> Result<String> {
        let url = format!("{}{}", self.base_url, request.path_and_query);
        self.transport
            .send(request.method, &url, request.body.as_deref(), timeout)
    }

    fn key(&self) -> &str {
        self.credentials.api_key().expose()
    }

    fn scrubbed<T>(&self, call: impl FnOnce() -> Result<T>) -> Result<T> {
        call().map_err(|e| e.scrub(self.key()))
    }
}
