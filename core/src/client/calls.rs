//! The client's calls without any HTTP: each method validates and signs, and
//! returns the [`Exchange`] that carries the call through (see
//! [`crate::exchange`] for a driver).

use std::fmt;
use std::time::Duration;

use super::attempt::AttemptListener;
use super::config::Config;
use super::deadline::Deadline;
use super::exchange::{Exchange, Finish, Patience, Retry};
use super::network::Network;
use crate::credentials::Credentials;
use crate::error::{quoted, scrubbed, Error, Result};
use crate::payment::Payment;
use crate::request::{Barcode, Cancel, CreateTransaction, Method, Query, Refund, SignedRequest};
use crate::response::{
    parse_barcode_response, parse_cancel_response, parse_create_response, parse_gateway_data,
    parse_query_response, parse_refund_response, BarcodeAccepted, CreatedTransaction, GatewayData,
};
use crate::validate;

/// What one merchant account's calls send and how they finish, for a driver
/// on any HTTP stack. `Send + Sync`: share one per account.
#[derive(Clone)]
pub struct Calls {
    credentials: Credentials,
    base_url: String,
    timeout: Duration,
    block_timeout: Duration,
    patience: Patience,
    user_agent: String,
    network: Network,
    listener: Option<AttemptListener>,
}

impl Calls {
    /// Checks the configuration, as [`crate::Client::new`] does: the proxy
    /// for the base URL (the `proxy` option, else the environment's) must be
    /// usable, and the trusted certificates readable.
    pub fn new(config: &Config) -> Result<Self> {
        let (base, network) = scrubbed(config.api_key.expose(), || {
            let base = config.validate()?;
            let network = Network::new(config)?;
            network.proxy_for(base.as_str())?;
            Ok((base, network))
        })?;
        Ok(Calls {
            credentials: Credentials::new(
                config.user_id.clone(),
                config.wallet_id.clone(),
                config.api_key.clone(),
            )?,
            base_url: base.as_str().trim_end_matches('/').to_owned(),
            timeout: config.timeout,
            block_timeout: config.block_timeout,
            patience: Patience {
                connect_timeout: config.connect_timeout,
                max_retries: config.max_retries,
                retry_backoff: config.retry_backoff,
            },
            user_agent: config.user_agent.clone(),
            network,
            listener: config.on_attempt.clone(),
        })
    }

    /// The trusted certificates (and the proxies), for a driver setting up
    /// its HTTP stack.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The merchant these calls sign for.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The base URL requests go to, e.g. `https://api.latipay.net`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `POST /v2/transaction`, its answer's signature verified. Not retried.
    pub fn create_transaction(
        &self,
        transaction: &CreateTransaction,
    ) -> Result<Exchange<CreatedTransaction>> {
        let key = self.key().to_owned();
        self.signed(
            |credentials| transaction.signed(credentials),
            self.deadline(),
            Box::new(move |body| parse_create_response(body, &key)),
        )
    }

    /// `GET {host_url}/{nonce}`: the QR code of a merchant-hosted transaction,
    /// `data.signature` verified and the data checked to be for this nonce.
    /// Not retried (the nonce is single-use), and errors show the nonce as
    /// `[REDACTED]` (it is not to be stored, in logs either).
    pub fn gateway_data(&self, created: &CreatedTransaction) -> Result<Exchange<GatewayData>> {
        let url = format!(
            "{}/{}",
            created.host_url.trim_end_matches('/'),
            created.nonce
        );
        // A real nonce is 64 hex digits; a short one could not be told from other text.
        let hide = |e: Error| match created.nonce.len() {
            16.. => e.scrub(&created.nonce),
            _ => e,
        };
        scrubbed(self.key(), || {
            validate::http_url("host_url", &url).map_err(|_| {
                Error::malformed(
                    "create response",
                    format!("host_url is not an http(s) URL (got {})", quoted(&url)),
                )
            })
        })
        .map_err(hide)?;
        let (key, nonce) = (self.key().to_owned(), created.nonce.clone());
        let finish = Box::new(move |body: &str| {
            let data = parse_gateway_data(body, &key)?;
            if data.nonce != nonce {
                return Err(Error::malformed_field(
                    "gateway data",
                    "nonce",
                    format!("is {}, not the one requested", quoted(&data.nonce)),
                ));
            }
            Ok(data)
        });
        let exchange = self.exchange(
            Method::Get,
            url,
            None,
            self.deadline(),
            Retry::Never,
            finish,
        );
        Ok(match created.nonce.len() {
            16.. => exchange.hiding(&created.nonce),
            _ => exchange,
        })
    }

    /// `GET /v2/transaction/{merchant_reference}`, verified. With `block`,
    /// Latipay holds the request until the status changes (up to 180 s; the
    /// call may take [`Config::block_timeout`]).
    pub fn query(&self, merchant_reference: &str, block: bool) -> Result<Exchange<Payment>> {
        let deadline = if block {
            Deadline::after(self.block_timeout, "block_timeout")
        } else {
            self.deadline()
        };
        let (key, reference) = (self.key().to_owned(), merchant_reference.to_owned());
        self.signed(
            |credentials| Query::new(merchant_reference, block).signed(credentials),
            deadline,
            Box::new(move |body| parse_query_response(body, &key, &reference)),
        )
    }

    /// `POST /refund`. Not retried.
    pub fn refund(&self, refund: &Refund) -> Result<Exchange<()>> {
        self.signed(
            |credentials| refund.signed(credentials),
            self.deadline(),
            Box::new(parse_refund_response),
        )
    }

    /// `POST /cancel`. Not retried.
    pub fn cancel(&self, merchant_reference: &str) -> Result<Exchange<()>> {
        self.signed(
            |credentials| Cancel::new(merchant_reference).signed(credentials),
            self.deadline(),
            Box::new(parse_cancel_response),
        )
    }

    /// `POST /barcode`; read the outcome with a (blocking) query. Not retried.
    pub fn barcode(&self, barcode: &Barcode) -> Result<Exchange<BarcodeAccepted>> {
        self.signed(
            |credentials| barcode.signed(credentials),
            self.deadline(),
            Box::new(parse_barcode_response),
        )
    }

    /// The exchange of a request signed by `sign`: a `GET` may be retried.
    fn signed<T>(
        &self,
        sign: impl FnOnce(&Credentials) -> Result<SignedRequest>,
        deadline: Deadline,
        finish: Finish<T>,
    ) -> Result<Exchange<T>> {
        let request = scrubbed(self.key(), || sign(&self.credentials))?;
        let retry = match request.method {
            Method::Get => Retry::Safe,
            Method::Post => Retry::Never,
        };
        let url = format!("{}{}", self.base_url, request.path_and_query);
        Ok(self.exchange(request.method, url, request.body, deadline, retry, finish))
    }

    fn exchange<T>(
        &self,
        method: Method,
        url: String,
        body: Option<String>,
        deadline: Deadline,
        retry: Retry,
        finish: Finish<T>,
    ) -> Exchange<T> {
        let mut exchange = Exchange::new(
            method,
            url,
            body,
            &self.user_agent,
            deadline,
            self.patience.clone(),
            retry,
            finish,
        )
        .hiding(self.key())
        .reporting(self.listener.clone());
        match self.network.proxy_for(exchange.url()) {
            Ok(Some(proxy)) => exchange.via(proxy.clone()),
            Ok(None) => {}
            Err(error) => exchange.fail(error),
        }
        exchange
    }

    /// The deadline of an ordinary call starting now.
    fn deadline(&self) -> Deadline {
        Deadline::after(self.timeout, "timeout")
    }

    fn key(&self) -> &str {
        self.credentials.api_key().expose()
    }
}

impl fmt::Debug for Calls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calls")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("block_timeout", &self.block_timeout)
            .finish_non_exhaustive()
    }
}
