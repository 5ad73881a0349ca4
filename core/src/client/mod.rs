//! A small blocking client: validates, signs, sends, and verifies every answer.
//! Each call is an [`Exchange`](crate::exchange::Exchange) (sans-IO) driven over
//! `ureq`.

mod attempt;
mod calls;
mod config;
mod deadline;
pub(crate) mod exchange;
mod network;
mod proxy;
mod transport;

pub use attempt::{Attempt, AttemptListener};
pub use calls::Calls;
pub use config::{Config, Environment, LONG_POLL_HOLD, PRODUCTION_URL, STAGING_URL};
pub use network::{Network, TrustStore};

use std::fmt;

use crate::credentials::Credentials;
use crate::error::Result;
use crate::payment::Payment;
use crate::request::{Barcode, CreateTransaction, Refund};
use crate::response::{BarcodeAccepted, CreatedTransaction, GatewayData};
use transport::Transport;

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
    calls: Calls,
    transport: Transport,
}

impl Client {
    /// Checks the configuration and builds the client. Nothing is sent yet.
    pub fn new(config: Config) -> Result<Self> {
        let calls = Calls::new(&config)?;
        let transport = Transport::new(&config, calls.network());
        Ok(Client { calls, transport })
    }

    /// The calls this client drives, for a driver of its own on another HTTP stack.
    pub fn calls(&self) -> &Calls {
        &self.calls
    }

    /// The merchant this client signs for.
    pub fn credentials(&self) -> &Credentials {
        self.calls.credentials()
    }

    /// The base URL requests go to, e.g. `https://api.latipay.net`.
    pub fn base_url(&self) -> &str {
        self.calls.base_url()
    }

    /// Creates a transaction (`POST /v2/transaction`) and verifies the answer's
    /// signature. Not retried: on a timeout, query the order before trying again.
    pub fn create_transaction(
        &self,
        transaction: &CreateTransaction,
    ) -> Result<CreatedTransaction> {
        self.transport
            .drive(self.calls.create_transaction(transaction)?)
    }

    /// Fetches the QR code of a merchant-hosted transaction
    /// (`GET {host_url}/{nonce}`), verifies `data.signature` and checks that the
    /// data is for this nonce. Not retried: the nonce is single-use, and errors
    /// show it as `[REDACTED]` (it is not to be stored, in logs either).
    pub fn gateway_data(&self, created: &CreatedTransaction) -> Result<GatewayData> {
        self.transport.drive(self.calls.gateway_data(created)?)
    }

    /// Asks for an order's status and verifies the answer. With `block`,
    /// Latipay holds the request until the status changes (up to 180 s; the
    /// client waits up to [`Config::block_timeout`]).
    pub fn query(&self, merchant_reference: &str, block: bool) -> Result<Payment> {
        self.transport
            .drive(self.calls.query(merchant_reference, block)?)
    }

    /// Refunds all or part of a paid order (`POST /refund`). Not retried.
    pub fn refund(&self, refund: &Refund) -> Result<()> {
        self.transport.drive(self.calls.refund(refund)?)
    }

    /// Cancels an unpaid order (`POST /cancel`). Not retried.
    pub fn cancel(&self, merchant_reference: &str) -> Result<()> {
        self.transport.drive(self.calls.cancel(merchant_reference)?)
    }

    /// Submits a barcode payment (`POST /barcode`); read the outcome with
    /// [`Client::query`], usually blocking. Not retried.
    pub fn barcode(&self, barcode: &Barcode) -> Result<BarcodeAccepted> {
        self.transport.drive(self.calls.barcode(barcode)?)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("calls", &self.calls)
            .finish_non_exhaustive()
    }
}
