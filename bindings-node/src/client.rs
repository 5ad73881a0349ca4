//! `Client`: every call is made once as a core `CallRequest`, then either
//! started as an [`Exchange`] that `index.js` carries over undici (the Promise
//! methods: no thread is held) or run by the core's blocking client (the
//! `…Sync` forms, which block the event loop).

use latipay::ffi::CallRequest;
use napi::bindgen_prelude::Unknown;
use napi::{Env, Result};
use napi_derive::napi;

use crate::attempts::{AttemptRecord, Attempts};
use crate::convert::{count, millis, optional_text, text, Options};
use crate::errors::OrThrow;
use crate::exchange::{Answer, Exchange};
use crate::requests;

/// A Latipay client for one merchant account: share one per account. Nothing
/// about it, the api_key least of all, shows in `util.inspect` or `JSON.stringify`.
#[napi]
pub struct Client {
    inner: latipay::Client,
    attempts: Attempts,
}

const CONFIG_KEYS: [&str; 13] = [
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
    "proxy",
    "caCertificates",
    "trustStore",
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
            proxy: optional_text(&env, &o.get("proxy")?, "proxy")?,
            ca_certificates: optional_text(&env, &o.get("caCertificates")?, "ca_certificates")?,
            trust_store: optional_text(&env, &o.get("trustStore")?, "trust_store")?,
        };
        let user_agent = concat!("latipay-node/", env!("CARGO_PKG_VERSION"));
        let attempts = Attempts::default();
        let config = latipay::Config {
            on_attempt: Some(attempts.listener()),
            ..config.into_config(user_agent).or_throw(&env)?
        };
        let inner = latipay::Client::new(config).or_throw(&env)?;
        Ok(Client { inner, attempts })
    }

    /// The attempts made since the last call of this (for `index.js` to publish).
    #[napi(js_name = "_takeAttempts", skip_typescript)]
    pub fn take_attempts(&self) -> Vec<AttemptRecord> {
        self.attempts.take()
    }

    /// The certificate authorities to trust as PEM text, when they are not
    /// the usual Mozilla list (for `index.js`'s undici agent).
    #[napi(js_name = "_trustedPem", skip_typescript)]
    pub fn trusted_pem(&self) -> Option<String> {
        self.inner.calls().network().trusted_pem()
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

/// Declares a Promise method and its `…Sync` form over the one
/// [`CallRequest`] that `$make` builds from the same arguments. The Promise
/// form hands out an [`Exchange`], which `index.js` turns into the Promise.
/// (Each pair is an `impl` block of its own: napi-rs joins them into one class.)
macro_rules! promise_and_sync {
    (
        $(#[$doc:meta])* $promise:ident / $sync:ident ($($arg:ident: $ty:ty),*) => $make:ident,
        ts_args $args:tt / $sync_args:tt, ts_return $returns:tt / $sync_returns:tt
    ) => {
        #[napi]
        impl Client {
            $(#[$doc])*
            #[napi(ts_args_type = $args, ts_return_type = $returns)]
            pub fn $promise(&self, env: Env, $($arg: $ty),*) -> Result<Exchange> {
                let request = self.$make(&env, $(&$arg),*)?;
                request.start(self.inner.calls()).map(Exchange::new).or_throw(&env)
            }

            #[doc = "The same call as its Promise form, blocking the event loop."]
            #[napi(ts_args_type = $sync_args, ts_return_type = $sync_returns)]
            pub fn $sync(&self, env: Env, $($arg: $ty),*) -> Result<Answer> {
                let request = self.$make(&env, $(&$arg),*)?;
                request.run(&self.inner).map(Answer).or_throw(&env)
            }
        }
    };
}

promise_and_sync! {
    #[doc = "Creates a transaction and verifies the answer."]
    create_transaction / create_transaction_sync (options: Unknown<'_>) => create_call,
    ts_args "options: CreateTransactionOptions, callOptions?: CallOptions"
        / "options: CreateTransactionOptions",
    ts_return "Promise<CreatedTransaction>" / "CreatedTransaction"
}

promise_and_sync! {
    #[doc = "Fetches and verifies the QR code of a merchant-hosted transaction."]
    gateway_data / gateway_data_sync (created: Unknown<'_>) => gateway_call,
    ts_args "created: CreatedTransaction, callOptions?: CallOptions" / "created: CreatedTransaction",
    ts_return "Promise<GatewayData>" / "GatewayData"
}

promise_and_sync! {
    #[doc = "Asks for an order's status; with `{ block: true }`, waits until it changes."]
    query / query_sync (merchant_reference: Unknown<'_>, options: Option<Unknown<'_>>) => query_call,
    ts_args "merchantReference: string, options?: QueryOptions"
        / "merchantReference: string, options?: { block?: boolean }",
    ts_return "Promise<Payment>" / "Payment"
}

promise_and_sync! {
    #[doc = "Refunds all or part of a paid order, by Latipay's `orderId`. Not retried."]
    refund / refund_sync (options: Unknown<'_>) => refund_call,
    ts_args "options: RefundOptions, callOptions?: CallOptions" / "options: RefundOptions",
    ts_return "Promise<void>" / "void"
}

promise_and_sync! {
    #[doc = "Cancels an unpaid order. Not retried."]
    cancel / cancel_sync (merchant_reference: Unknown<'_>) => cancel_call,
    ts_args "merchantReference: string, callOptions?: CallOptions" / "merchantReference: string",
    ts_return "Promise<void>" / "void"
}

promise_and_sync! {
    #[doc = "Submits a barcode payment scanned from the customer's phone."]
    barcode / barcode_sync (options: Unknown<'_>) => barcode_call,
    ts_args "options: BarcodeOptions, callOptions?: CallOptions" / "options: BarcodeOptions",
    ts_return "Promise<BarcodeAccepted>" / "BarcodeAccepted"
}

/// One [`CallRequest`] per method, its arguments checked on the JavaScript thread.
impl Client {
    fn key(&self) -> &latipay::ApiKey {
        self.inner.credentials().api_key()
    }

    fn create_call(&self, env: &Env, options: &Unknown<'_>) -> Result<CallRequest> {
        let order = requests::create_transaction(env, options, self.key())?;
        Ok(CallRequest::CreateTransaction(order))
    }

    fn gateway_call(&self, env: &Env, created: &Unknown<'_>) -> Result<CallRequest> {
        let created = requests::created_transaction(env, created, self.key())?;
        Ok(CallRequest::GatewayData(created))
    }

    fn query_call(
        &self,
        env: &Env,
        merchant_reference: &Unknown<'_>,
        options: &Option<Unknown<'_>>,
    ) -> Result<CallRequest> {
        Ok(CallRequest::Query {
            merchant_reference: text(env, merchant_reference, "merchant_reference")?,
            block: requests::block(env, options.as_ref(), self.key())?,
        })
    }

    fn refund_call(&self, env: &Env, options: &Unknown<'_>) -> Result<CallRequest> {
        let refund = requests::refund(env, options, self.key())?;
        Ok(CallRequest::Refund(refund))
    }

    fn cancel_call(&self, env: &Env, reference: &Unknown<'_>) -> Result<CallRequest> {
        let reference = text(env, reference, "merchant_reference")?;
        Ok(CallRequest::Cancel(reference))
    }

    fn barcode_call(&self, env: &Env, options: &Unknown<'_>) -> Result<CallRequest> {
        let barcode = requests::barcode(env, options, self.key())?;
        Ok(CallRequest::Barcode(barcode))
    }
}
