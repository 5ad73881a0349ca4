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
use crate::results::{
    converted, gateway_data, BarcodeAccepted, CreatedTransaction, GatewayData, Payment,
};
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
}

/// Declares a Promise method and its `…Sync` form over the one [`Call`] that
/// `$make` builds from the same arguments. (Each pair is an `impl` block of
/// its own: napi-rs joins them into one class.)
macro_rules! promise_and_sync {
    (
        $(#[$doc:meta])* $promise:ident / $sync:ident ($($arg:ident: $ty:ty),*)
        -> $core:ty => $js:ty, $make:ident, ts_args $args:tt, ts_return $returns:tt
    ) => {
        #[napi]
        impl Client {
            $(#[$doc])*
            #[napi(ts_args_type = $args, ts_return_type = $returns)]
            pub fn $promise(&self, env: Env, $($arg: $ty),*) -> Result<AsyncTask<Call<$core, $js>>> {
                Ok(self.$make(&env, $(&$arg),*)?.promise())
            }

            #[doc = "The same call as its Promise form, blocking the event loop."]
            #[napi(ts_args_type = $args)]
            pub fn $sync(&self, env: Env, $($arg: $ty),*) -> Result<$js> {
                self.$make(&env, $(&$arg),*)?.now(&env)
            }
        }
    };
}

promise_and_sync! {
    #[doc = "Creates a transaction and verifies the answer."]
    create_transaction / create_transaction_sync (options: Unknown<'_>)
    -> latipay::CreatedTransaction => CreatedTransaction, create_call,
    ts_args "options: CreateTransactionOptions", ts_return "Promise<CreatedTransaction>"
}

promise_and_sync! {
    #[doc = "Fetches and verifies the QR code of a merchant-hosted transaction."]
    gateway_data / gateway_data_sync (created: Unknown<'_>)
    -> latipay::GatewayData => GatewayData, gateway_call,
    ts_args "created: CreatedTransaction", ts_return "Promise<GatewayData>"
}

promise_and_sync! {
    #[doc = "Asks for an order's status; with `{ block: true }`, waits until it changes."]
    query / query_sync (merchant_reference: Unknown<'_>, options: Option<Unknown<'_>>)
    -> latipay::Payment => Payment, query_call,
    ts_args "merchantReference: string, options?: QueryOptions", ts_return "Promise<Payment>"
}

promise_and_sync! {
    #[doc = "Refunds all or part of a paid order, by Latipay's `orderId`. Not retried."]
    refund / refund_sync (options: Unknown<'_>)
    -> () => Undefined, refund_call,
    ts_args "options: RefundOptions", ts_return "Promise<void>"
}

promise_and_sync! {
    #[doc = "Cancels an unpaid order. Not retried."]
    cancel / cancel_sync (merchant_reference: Unknown<'_>)
    -> () => Undefined, cancel_call,
    ts_args "merchantReference: string", ts_return "Promise<void>"
}

promise_and_sync! {
    #[doc = "Submits a barcode payment scanned from the customer's phone."]
    barcode / barcode_sync (options: Unknown<'_>)
    -> latipay::BarcodeAccepted => BarcodeAccepted, barcode_call,
    ts_args "options: BarcodeOptions", ts_return "Promise<BarcodeAccepted>"
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
        Ok(Call::new(
            move || client.create_transaction(&order),
            converted,
        ))
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
        options: &Option<Unknown<'_>>,
    ) -> Result<Call<latipay::Payment, Payment>> {
        let reference = text(env, merchant_reference, "merchant_reference")?;
        let block = requests::block(env, options.as_ref(), self.key())?;
        let client = Arc::clone(&self.inner);
        Ok(Call::new(
            move || client.query(&reference, block),
            converted,
        ))
    }

    fn refund_call(&self, env: &Env, options: &Unknown<'_>) -> Result<Call<(), Undefined>> {
        let refund = requests::refund(env, options, self.key())?;
        let client = Arc::clone(&self.inner);
        Ok(Call::new(move || client.refund(&refund), converted))
    }

    fn cancel_call(&self, env: &Env, reference: &Unknown<'_>) -> Result<Call<(), Undefined>> {
        let reference = text(env, reference, "merchant_reference")?;
        let client = Arc::clone(&self.inner);
        Ok(Call::new(move || client.cancel(&reference), converted))
    }

    fn barcode_call(
        &self,
        env: &Env,
        options: &Unknown<'_>,
    ) -> Result<Call<latipay::BarcodeAccepted, BarcodeAccepted>> {
        let barcode = requests::barcode(env, options, self.key())?;
        let client = Arc::clone(&self.inner);
        Ok(Call::new(move || client.barcode(&barcode), converted))
    }
}
