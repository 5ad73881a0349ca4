//! A small blocking client: validates, signs, sends, and verifies every answer.

mod config;
mod deadline;
mod proxy;
mod transport;

pub use config::{Config, Environment, LONG_POLL_HOLD, PRODUCTION_URL, STAGING_URL};

use std::fmt;
use std::time::Duration;

use crate::credentials::Credentials;
use crate::error::{quoted, scrubbed, Error, Result};
use crate::payment::Payment;
use crate::request::{Barcode, Cancel, CreateTransaction, Method, Query, Refund, SignedRequest};
use crate::response::{
    parse_barcode_response, parse_cancel_response, parse_create_response, parse_gateway_data,
    parse_query_response, parse_refund_response, BarcodeAccepted, CreatedTransaction, GatewayData,
};
use crate::validate;
use deadline::Deadline;
use transport::{Retry, Transport};

/// A Latipay client. Create one per merchant account and share it: it is
/// `Send + Sync` and reuses connections. Calls block the current thread.
///
/// Every signed answer (create, gateway data, query) is verified before it is
/// returned: a wrong signature is an error, never data. Refund, cancel and
/// barcode answers are unsigned by Latipay: confirm money movements with a
/// query. Errors never contain the api_key.
///
/// ```no_run
/// use latipay::{Amount, ApiKey, Client, Config, CreateTransaction, Environment, PaymentMethod};
///
/// let key = ApiKey::new("111222333")?;
/// let client = Client::new(Config::new("U000334333", "W00000001", key, Environment::Production))?;
/// let order = CreateTransaction::new("order-1001", Amount::parse("120.00")?, PaymentMethod::Alipay, "Pinot Noir, Otago")
///     .return_url("https://merchantsite.com/checkout")
///     .callback_url("https://merchantsite.com/confirm")
///     .ip("122.122.122.1");
/// let created = client.create_transaction(&order)?;
/// println!("send the customer to {}", created.payment_url);
/// # Ok::<(), latipay::Error>(())
/// ```
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
        let base = scrubbed(config.api_key.expose(), || config.validate())?;
        let credentials = Credentials::new(
            config.user_id.clone(),
            config.wallet_id.clone(),
            config.api_key.clone(),
        )?;
        Ok(Client {
            transport: scrubbed(config.api_key.expose(), || Transport::new(&config, &base))?,
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
        scrubbed(self.key(), || {
            let body = self.send(&transaction.signed(&self.credentials)?, self.deadline())?;
            parse_create_response(&body, self.key())
        })
    }

    /// Fetches the QR code of a merchant-hosted transaction
    /// (`GET {host_url}/{nonce}`), verifies `data.signature` and checks that the
    /// data is for this nonce. Not retried: the nonce is single-use, and errors
    /// show it as `[REDACTED]` (it is not to be stored, in logs either).
    pub fn gateway_data(&self, created: &CreatedTransaction) -> Result<GatewayData> {
        // A real nonce is 64 hex digits; a short one could not be told from other text.
        let nonce = |e: Error| match created.nonce.len() {
            16.. => e.scrub(&created.nonce),
            _ => e,
        };
        scrubbed(self.key(), || {
            let url = format!(
                "{}/{}",
                created.host_url.trim_end_matches('/'),
                created.nonce
            );
            validate::http_url("host_url", &url).map_err(|_| {
                Error::malformed(
                    "create response",
                    format!("host_url is not an http(s) URL (got {})", quoted(&url)),
                )
            })?;
            let deadline = Deadline::after(self.timeout, "timeout");
            let body = self
                .transport
                .send(Method::Get, &url, None, deadline, Retry::Never)?;
            let data = parse_gateway_data(&body, self.key())?;
            if data.nonce != created.nonce {
                return Err(Error::malformed_field(
                    "gateway data",
                    "nonce",
                    format!("is {}, not the one requested", quoted(&data.nonce)),
                ));
            }
            Ok(data)
        })
        .map_err(nonce)
    }

    /// Asks for an order's status and verifies the answer. With `block`,
    /// Latipay holds the request until the status changes (up to 180 s; the
    /// client waits up to [`Config::block_timeout`]).
    pub fn query(&self, merchant_reference: &str, block: bool) -> Result<Payment> {
        scrubbed(self.key(), || {
            let deadline = if block {
                Deadline::after(self.block_timeout, "block_timeout")
            } else {
                self.deadline()
            };
            let request = Query::new(merchant_reference, block).signed(&self.credentials)?;
            let body = self.send(&request, deadline)?;
            parse_query_response(&body, self.key(), merchant_reference)
        })
    }

    /// Refunds all or part of a paid order (`POST /refund`). Not retried.
    pub fn refund(&self, refund: &Refund) -> Result<()> {
        scrubbed(self.key(), || {
            let body = self.send(&refund.signed(&self.credentials)?, self.deadline())?;
            parse_refund_response(&body)
        })
    }

    /// Cancels an unpaid order (`POST /cancel`). Not retried.
    pub fn cancel(&self, merchant_reference: &str) -> Result<()> {
        scrubbed(self.key(), || {
            let body = self.send(
                &Cancel::new(merchant_reference).signed(&self.credentials)?,
                self.deadline(),
            )?;
            parse_cancel_response(&body)
        })
    }

    /// Submits a barcode payment (`POST /barcode`); read the outcome with
    /// [`Client::query`], usually blocking. Not retried.
    pub fn barcode(&self, barcode: &Barcode) -> Result<BarcodeAccepted> {
        scrubbed(self.key(), || {
            let body = self.send(&barcode.signed(&self.credentials)?, self.deadline())?;
            parse_barcode_response(&body)
        })
    }

    /// The deadline of an ordinary call starting now.
    fn deadline(&self) -> Deadline {
        Deadline::after(self.timeout, "timeout")
    }

    fn send(&self, request: &SignedRequest, deadline: Deadline) -> Result<String> {
        let url = format!("{}{}", self.base_url, request.path_and_query);
        let retry = match request.method {
            Method::Get => Retry::Safe,
            Method::Post => Retry::Never,
        };
        self.transport.send(
            request.method,
            &url,
            request.body.as_deref(),
            deadline,
            retry,
        )
    }

    fn key(&self) -> &str {
        self.credentials.api_key().expose()
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("block_timeout", &self.block_timeout)
            .finish_non_exhaustive()
    }
}
