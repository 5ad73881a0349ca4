//! `Client`: every call is made once as a [`Call`], then run as a Promise (off
//! the JavaScript thread, napi `AsyncTask`) or by its `…Sync` form, which
//! blocks the event loop.

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

/// A core result as it is, converted to its JavaScript type.
fn into<T, J: From<T>>(value: T) -> latipay::Result<J> {
    Ok(value.into())
}

#[napi]
impl Client {
    /// Checks the configuration; nothing is sent yet. Durations are in milliseconds.
    #[napi(constructor, ts_args_type = "config: ClientConfig")]
    pub fn new(env: Env, config: Unknown<'_>) -> Result<Self> {
        let o = Options::open(&env, &config, "config")?;
        let key = latipay::ApiKey::new(text(&env, &o.get("apiKey")?, "api_key")?).or_throw(&env)?;
        o.only("config", &CONFIG_KEYS, Some(key.expose()))?;
        let config = latipay::ffi::ClientOptions {
            user_id: text(&env, &o.get("userId")?, "user_id")?,
            wallet_id: text(&env, &o.get("walletId")?, "wallet_id")?,
            api_key: key,
            environment: optional_text(&env, &o.get("environment")?, "environment")?,
            base_url: optional_text(&env, &o.get("baseUrl")?, "base_url")?,
            timeout: millis(&env, &o.get("timeoutMs")?, "timeout")?,
            connect_timeout: millis(&env, &o.get("connectTimeoutMs")?, "connect_timeout")?,
            block_timeout: millis(&env, &o.get("blockTimeoutMs")?, "block_timeout")?,
            max_retries: count(&env, &o.get("maxRetries")?, "max_retries")?,
            user_agent: optional_text(&env, &o.get("userAgent")?, "user_agent")?,
        };
        let user_agent = concat!("latipay-node/", env!("CARGO_PKG_VERSION"));
        let inner = latipay::Client::new(config.into_config(user_agent).or_throw(&env)?);
        Ok(Client {
            inner: Arc::new(inner.or_throw(&env)?),
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
        Ok(self.create_call(&env, &options)?.promise())
    }

    /// `createTransaction`, blocking the event loop.
    #[napi(ts_args_type = "options: CreateTransactionOptions")]
    pub fn create_transaction_sync(
        &self,
        env: Env,
        options: Unknown<'_>,
    ) -> Result<CreatedTransaction> {
        self.create_call(&env, &options)?.now(&env)
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
        Ok(self.gateway_call(&env, &created)?.promise())
    }

    /// `gatewayData`, blocking the event loop.
    #[napi(ts_args_type = "created: CreatedTransaction")]
    pub fn gateway_data_sync(&self, env: Env, created: Unknown<'_>) -> Result<GatewayData> {
        self.gateway_call(&env, &created)?.now(&env)
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
        Ok(self
            .query_call(&env, &merchant_reference, options.as_ref())?
            .promise())
    }

    /// `query`, blocking the event loop.
    #[napi(ts_args_type = "merchantReference: string, options?: QueryOptions")]
    pub fn query_sync(
        &self,
        env: Env,
        merchant_reference: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Payment> {
        self.query_call(&env, &merchant_reference, options.as_ref())?
            .now(&env)
    }

    /// Refunds all or part of a paid order, by Latipay's `orderId`. Not retried.
    #[napi(
        ts_args_type = "options: RefundOptions",
        ts_return_type = "Promise<void>"
    )]
    pub fn refund(&self, env: Env, options: Unknown<'_>) -> Result<AsyncTask<Call<(), Undefined>>> {
        Ok(self.refund_call(&env, &options)?.promise())
    }

    /// `refund`, blocking the event loop.
    #[napi(ts_args_type = "options: RefundOptions")]
    pub fn refund_sync(&self, env: Env, options: Unknown<'_>) -> Result<()> {
        self.refund_call(&env, &options)?.now(&env)
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
        Ok(self.cancel_call(&env, &merchant_reference)?.promise())
    }

    /// `cancel`, blocking the event loop.
    #[napi(ts_args_type = "merchantReference: string")]
    pub fn cancel_sync(&self, env: Env, merchant_reference: Unknown<'_>) -> Result<()> {
        self.cancel_call(&env, &merchant_reference)?.now(&env)
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
        Ok(self.barcode_call(&env, &options)?.promise())
    }

    /// `barcode`, blocking the event loop.
    #[napi(ts_args_type = "options: BarcodeOptions")]
    pub fn barcode_sync(&self, env: Env, options: Unknown<'_>) -> Result<BarcodeAccepted> {
        self.barcode_call(&env, &options)?.now(&env)
    }
}

/// One [`Call`] per method, its arguments checked on the JavaScript thread.
impl Client {
    fn key(&self) -> &latipay::ApiKey {
        self.inner.credentials().api_key()
    }

    fn create_call(
        &self,
        env: &Env,
        options: &Unknown<'_>,
    ) -> Result<Call<latipay::CreatedTransaction, CreatedTransaction>> {
        let order = requests::create_transaction(env, options, self.key())?;
        let client = Arc::clone(&self.inner);
        Ok(Call::new(move || client.create_transaction(&order), into))
    }

    fn gateway_call(
        &self,
        env: &Env,
        created: &Unknown<'_>,
    ) -> Result<Call<latipay::GatewayData, GatewayData>> {
        let created = requests::created_transaction(env, created, self.key())?;
        let client = Arc::clone(&self.inner);
        Ok(Call::new(
            move || client.gateway_data(&created),
            gateway_data,
        ))
    }

    fn query_call(
        &self,
        env: &Env,
        merchant_reference: &Unknown<'_>,
        options: Option<&Unknown<'_>>,
    ) -> Result<Call<latipay::Payment, Payment>> {
        let reference = text(env, merchant_reference, "merchant_reference")?;
        let block = requests::block(env, options, self.key())?;
        let client = Arc::clone(&self.inner);
        Ok(Call::new(move || client.query(&reference, block), into))
    }

    fn refund_call(&self, env: &Env, options: &Unknown<'_>) -> Result<Call<(), Undefined>> {
        let refund = requests::refund(env, options, self.key())?;
        let client = Arc::clone(&self.inner);
        Ok(Call::new(move || client.refund(&refund), into))
    }

    fn cancel_call(&self, env: &Env, reference: &Unknown<'_>) -> Result<Call<(), Undefined>> {
        let reference = text(env, reference, "merchant_reference")?;
        let client = Arc::clone(&self.inner);
        Ok(Call::new(move || client.cancel(&reference), into))
    }

    fn barcode_call(
        &self,
        env: &Env,
        options: &Unknown<'_>,
    ) -> Result<Call<latipay::BarcodeAccepted, BarcodeAccepted>> {
        let barcode = requests::barcode(env, options, self.key())?;
        let client = Arc::clone(&self.inner);
        Ok(Call::new(move || client.barcode(&barcode), into))
    }
}
