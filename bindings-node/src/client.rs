//! `Client`: every call has a Promise form, run off the JavaScript thread (napi
//! `AsyncTask`), and a `…Sync` form that blocks the event loop.

use std::sync::Arc;

use napi::bindgen_prelude::{AsyncTask, Undefined, Unknown};
use napi::{Env, Result};
use napi_derive::napi;

use crate::convert::{count, millis, optional_text, text, Options};
use crate::errors::OrThrow;
use crate::requests;
use crate::results::{gateway_data, BarcodeAccepted, CreatedTransaction, GatewayData, Payment};
use crate::task::Call;

/// A Latipay client for one merchant account: share one per account. Nothing
/// about it, the api_key least of all, shows in `util.inspect` or `JSON.stringify`.
#[napi]
pub struct Client {
    inner: Arc<latipay::Client>,
}

const CONFIG_KEYS: [&str; 10] = [
    "userId",
    "walletId",
    "apiKey",
    "environment",
    "baseUrl",
    "timeoutMs",
    "connectTimeoutMs",
    "blockTimeoutMs",
    "maxRetries",
    "userAgent",
];

fn unit(_: ()) -> latipay::Result<Undefined> {
    Ok(())
}

fn created(c: latipay::CreatedTransaction) -> latipay::Result<CreatedTransaction> {
    Ok(c.into())
}

fn payment(p: latipay::Payment) -> latipay::Result<Payment> {
    Ok(p.into())
}

fn accepted(b: latipay::BarcodeAccepted) -> latipay::Result<BarcodeAccepted> {
    Ok(BarcodeAccepted {
        order_id: b.order_id,
    })
}

#[napi]
impl Client {
    /// Checks the configuration; nothing is sent yet. Durations are in milliseconds.
    #[napi(constructor, ts_args_type = "config: ClientConfig")]
    pub fn new(env: Env, config: Unknown<'_>) -> Result<Self> {
        let o = Options::open(&env, &config, "config")?;
        let key = latipay::ApiKey::new(text(&env, &o.get("apiKey")?, "api_key")?).or_throw(&env)?;
        o.only("config", &CONFIG_KEYS, Some(key.expose()))?;
        let environment = latipay::Environment::from_options(
            optional_text(&env, &o.get("environment")?, "environment")?.as_deref(),
            optional_text(&env, &o.get("baseUrl")?, "base_url")?.as_deref(),
            &key,
        )
        .or_throw(&env)?;
        let user_id = text(&env, &o.get("userId")?, "user_id")?;
        let wallet_id = text(&env, &o.get("walletId")?, "wallet_id")?;
        let mut config = latipay::Config::new(user_id, wallet_id, key, environment);
        config.user_agent = optional_text(&env, &o.get("userAgent")?, "user_agent")?
            .unwrap_or_else(|| concat!("latipay-node/", env!("CARGO_PKG_VERSION")).to_owned());
        if let Some(t) = millis(&env, &o.get("timeoutMs")?, "timeout")? {
            config.timeout = t;
        }
        if let Some(t) = millis(&env, &o.get("connectTimeoutMs")?, "connect_timeout")? {
            config.connect_timeout = t;
        }
        if let Some(t) = millis(&env, &o.get("blockTimeoutMs")?, "block_timeout")? {
            config.block_timeout = t;
        }
        if let Some(n) = count(&env, &o.get("maxRetries")?, "max_retries")? {
            config.max_retries = n;
        }
        let inner = latipay::Client::new(config).or_throw(&env)?;
        Ok(Client {
            inner: Arc::new(inner),
        })
    }

    /// The Latipay user account.
    #[napi(getter)]
    pub fn user_id(&self) -> String {
        self.inner.credentials().user_id().to_owned()
    }

    /// The wallet payments go to.
    #[napi(getter)]
    pub fn wallet_id(&self) -> String {
        self.inner.credentials().wallet_id().to_owned()
    }

    /// The base URL requests go to.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// Creates a transaction and verifies the answer.
    #[napi(
        ts_args_type = "options: CreateTransactionOptions",
        ts_return_type = "Promise<CreatedTransaction>"
    )]
    pub fn create_transaction(
        &self,
        env: Env,
        options: Unknown<'_>,
    ) -> Result<AsyncTask<Call<latipay::CreatedTransaction, CreatedTransaction>>> {
        let order =
            requests::create_transaction(&env, &options, self.inner.credentials().api_key())?;
        let client = Arc::clone(&self.inner);
        Ok(AsyncTask::new(Call::new(
            move || client.create_transaction(&order),
            created,
        )))
    }

    /// `createTransaction`, blocking the event loop.
    #[napi(ts_args_type = "options: CreateTransactionOptions")]
    pub fn create_transaction_sync(
        &self,
        env: Env,
        options: Unknown<'_>,
    ) -> Result<CreatedTransaction> {
        let order =
            requests::create_transaction(&env, &options, self.inner.credentials().api_key())?;
        self.inner
            .create_transaction(&order)
            .or_throw(&env)
            .map(Into::into)
    }

    /// Fetches and verifies the QR code of a merchant-hosted transaction.
    #[napi(
        ts_args_type = "created: CreatedTransaction",
        ts_return_type = "Promise<GatewayData>"
    )]
    pub fn gateway_data(
        &self,
        env: Env,
        created: Unknown<'_>,
    ) -> Result<AsyncTask<Call<latipay::GatewayData, GatewayData>>> {
        let created =
            requests::created_transaction(&env, &created, self.inner.credentials().api_key())?;
        let client = Arc::clone(&self.inner);
        Ok(AsyncTask::new(Call::new(
            move || client.gateway_data(&created),
            gateway_data,
        )))
    }

    /// `gatewayData`, blocking the event loop.
    #[napi(ts_args_type = "created: CreatedTransaction")]
    pub fn gateway_data_sync(&self, env: Env, created: Unknown<'_>) -> Result<GatewayData> {
        let created =
            requests::created_transaction(&env, &created, self.inner.credentials().api_key())?;
        self.inner
            .gateway_data(&created)
            .and_then(gateway_data)
            .or_throw(&env)
    }

    /// Asks for an order's status; with `{ block: true }`, waits until it changes.
    #[napi(
        ts_args_type = "merchantReference: string, options?: QueryOptions",
        ts_return_type = "Promise<Payment>"
    )]
    pub fn query(
        &self,
        env: Env,
        merchant_reference: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<AsyncTask<Call<latipay::Payment, Payment>>> {
        let reference = text(&env, &merchant_reference, "merchant_reference")?;
        let block = requests::block(&env, options.as_ref(), self.inner.credentials().api_key())?;
        let client = Arc::clone(&self.inner);
        Ok(AsyncTask::new(Call::new(
            move || client.query(&reference, block),
            payment,
        )))
    }

    /// `query`, blocking the event loop.
    #[napi(ts_args_type = "merchantReference: string, options?: QueryOptions")]
    pub fn query_sync(
        &self,
        env: Env,
        merchant_reference: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Payment> {
        let reference = text(&env, &merchant_reference, "merchant_reference")?;
        let block = requests::block(&env, options.as_ref(), self.inner.credentials().api_key())?;
        self.inner
            .query(&reference, block)
            .or_throw(&env)
            .map(Into::into)
    }

    /// Refunds all or part of a paid order, by Latipay's `orderId`. Not retried.
    #[napi(
        ts_args_type = "options: RefundOptions",
        ts_return_type = "Promise<void>"
    )]
    pub fn refund(&self, env: Env, options: Unknown<'_>) -> Result<AsyncTask<Call<(), Undefined>>> {
        let refund = requests::refund(&env, &options, self.inner.credentials().api_key())?;
        let client = Arc::clone(&self.inner);
        Ok(AsyncTask::new(Call::new(
            move || client.refund(&refund),
            unit,
        )))
    }

    /// `refund`, blocking the event loop.
    #[napi(ts_args_type = "options: RefundOptions")]
    pub fn refund_sync(&self, env: Env, options: Unknown<'_>) -> Result<()> {
        let refund = requests::refund(&env, &options, self.inner.credentials().api_key())?;
        self.inner.refund(&refund).or_throw(&env)
    }

    /// Cancels an unpaid order. Not retried.
    #[napi(
        ts_args_type = "merchantReference: string",
        ts_return_type = "Promise<void>"
    )]
    pub fn cancel(
        &self,
        env: Env,
        merchant_reference: Unknown<'_>,
    ) -> Result<AsyncTask<Call<(), Undefined>>> {
        let reference = text(&env, &merchant_reference, "merchant_reference")?;
        let client = Arc::clone(&self.inner);
        Ok(AsyncTask::new(Call::new(
            move || client.cancel(&reference),
            unit,
        )))
    }

    /// `cancel`, blocking the event loop.
    #[napi(ts_args_type = "merchantReference: string")]
    pub fn cancel_sync(&self, env: Env, merchant_reference: Unknown<'_>) -> Result<()> {
        let reference = text(&env, &merchant_reference, "merchant_reference")?;
        self.inner.cancel(&reference).or_throw(&env)
    }

    /// Submits a barcode payment scanned from the customer's phone.
    #[napi(
        ts_args_type = "options: BarcodeOptions",
        ts_return_type = "Promise<BarcodeAccepted>"
    )]
    pub fn barcode(
        &self,
        env: Env,
        options: Unknown<'_>,
    ) -> Result<AsyncTask<Call<latipay::BarcodeAccepted, BarcodeAccepted>>> {
        let barcode = requests::barcode(&env, &options, self.inner.credentials().api_key())?;
        let client = Arc::clone(&self.inner);
        Ok(AsyncTask::new(Call::new(
            move || client.barcode(&barcode),
            accepted,
        )))
    }

    /// `barcode`, blocking the event loop.
    #[napi(ts_args_type = "options: BarcodeOptions")]
    pub fn barcode_sync(&self, env: Env, options: Unknown<'_>) -> Result<BarcodeAccepted> {
        let barcode = requests::barcode(&env, &options, self.inner.credentials().api_key())?;
        self.inner
            .barcode(&barcode)
            .and_then(accepted)
            .or_throw(&env)
    }
}
