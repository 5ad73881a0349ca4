//! Bring your own HTTP client (fetch, undici, axios): signed requests and
//! verified answers without the bundled client.

use napi::bindgen_prelude::Unknown;
use napi::{Env, Result};
use napi_derive::napi;

use crate::convert::text;
use crate::errors::OrThrow;
use crate::requests;
use crate::results::{
    converted, gateway_data, BarcodeAccepted, CreatedTransaction, GatewayData, Payment,
    SignedRequest,
};

/// A merchant's userId, walletId and apiKey, checked once; never shown.
#[napi]
pub struct Credentials(latipay::Credentials);

#[napi]
impl Credentials {
    /// Checks the values shown in the Latipay merchant portal.
    #[napi(
        constructor,
        ts_args_type = "userId: string, walletId: string, apiKey: string"
    )]
    pub fn new(
        env: Env,
        user_id: Unknown<'_>,
        wallet_id: Unknown<'_>,
        api_key: Unknown<'_>,
    ) -> Result<Self> {
        let key = latipay::ApiKey::new(text(&env, &api_key, "api_key")?).or_throw(&env)?;
        let user_id = text(&env, &user_id, "user_id")?;
        let wallet_id = text(&env, &wallet_id, "wallet_id")?;
        latipay::Credentials::new(user_id, wallet_id, key)
            .or_throw(&env)
            .map(Credentials)
    }

    /// The Latipay user account.
    #[napi(getter)]
    pub fn user_id(&self) -> String {
        self.0.user_id().to_owned()
    }

    /// The wallet payments go to.
    #[napi(getter)]
    pub fn wallet_id(&self) -> String {
        self.0.wallet_id().to_owned()
    }
}

/// The signed `POST /v2/transaction`.
#[napi(ts_args_type = "credentials: Credentials, options: CreateTransactionOptions")]
pub fn create_transaction_request(
    env: Env,
    credentials: &Credentials,
    options: Unknown<'_>,
) -> Result<SignedRequest> {
    let order = requests::create_transaction(&env, &options, credentials.0.api_key())?;
    order.signed(&credentials.0).or_throw(&env).map(Into::into)
}

/// The signed `GET /v2/transaction/{merchantReference}`.
#[napi(
    ts_args_type = "credentials: Credentials, merchantReference: string, options?: { block?: boolean }"
)]
pub fn query_request(
    env: Env,
    credentials: &Credentials,
    merchant_reference: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> Result<SignedRequest> {
    let reference = text(&env, &merchant_reference, "merchant_reference")?;
    let block = requests::block(&env, options.as_ref(), credentials.0.api_key())?;
    latipay::Query::new(reference, block)
        .signed(&credentials.0)
        .or_throw(&env)
        .map(Into::into)
}

/// The signed `POST /refund`.
#[napi(ts_args_type = "credentials: Credentials, options: RefundOptions")]
pub fn refund_request(
    env: Env,
    credentials: &Credentials,
    options: Unknown<'_>,
) -> Result<SignedRequest> {
    let refund = requests::refund(&env, &options, credentials.0.api_key())?;
    refund.signed(&credentials.0).or_throw(&env).map(Into::into)
}

/// The signed `POST /cancel`.
#[napi(ts_args_type = "credentials: Credentials, merchantReference: string")]
pub fn cancel_request(
    env: Env,
    credentials: &Credentials,
    merchant_reference: Unknown<'_>,
) -> Result<SignedRequest> {
    let reference = text(&env, &merchant_reference, "merchant_reference")?;
    latipay::Cancel::new(reference)
        .signed(&credentials.0)
        .or_throw(&env)
        .map(Into::into)
}

/// The signed `POST /barcode`.
#[napi(ts_args_type = "credentials: Credentials, options: BarcodeOptions")]
pub fn barcode_request(
    env: Env,
    credentials: &Credentials,
    options: Unknown<'_>,
) -> Result<SignedRequest> {
    let barcode = requests::barcode(&env, &options, credentials.0.api_key())?;
    barcode
        .signed(&credentials.0)
        .or_throw(&env)
        .map(Into::into)
}

/// Declares functions that verify a signed answer: `body`, `apiKey` and the
/// named text arguments; `$then` turns the core's result into the JavaScript one.
macro_rules! verifying_parsers {
    ($( $(#[$doc:meta])* fn $name:ident($($arg:ident),*) -> $out:ty = $parse:path, $then:expr, ts $ts:tt; )*) => { $(
        $(#[$doc])*
        #[napi(ts_args_type = $ts)]
        pub fn $name(env: Env, body: Unknown<'_>, api_key: Unknown<'_>, $($arg: Unknown<'_>),*) -> Result<$out> {
            let (body, key) = (text(&env, &body, "body")?, text(&env, &api_key, "api_key")?);
            $parse(&body, &key, $(&text(&env, &$arg, stringify!($arg))?),*)
                .and_then($then)
                .or_throw(&env)
        }
    )* };
}

verifying_parsers! {
    #[doc = "Verifies the answer to a create request."]
    fn parse_create_response() -> CreatedTransaction = latipay::response::parse_create_response,
        converted, ts "body: string, apiKey: string";
    #[doc = "Verifies gateway data (a merchant-hosted QR code)."]
    fn parse_gateway_data() -> GatewayData = latipay::response::parse_gateway_data,
        gateway_data, ts "body: string, apiKey: string";
    #[doc = "Verifies the answer to a query for `merchantReference`."]
    fn parse_query_response(merchant_reference) -> Payment = latipay::response::parse_query_response,
        converted, ts "body: string, apiKey: string, merchantReference: string";
}

/// Reads the answer to a refund; returns when Latipay accepted it.
#[napi(ts_args_type = "body: string")]
pub fn parse_refund_response(env: Env, body: Unknown<'_>) -> Result<()> {
    latipay::response::parse_refund_response(&text(&env, &body, "body")?).or_throw(&env)
}

/// Reads the answer to a cancel; returns when the order was cancelled.
#[napi(ts_args_type = "body: string")]
pub fn parse_cancel_response(env: Env, body: Unknown<'_>) -> Result<()> {
    latipay::response::parse_cancel_response(&text(&env, &body, "body")?).or_throw(&env)
}

/// Reads the answer to a barcode payment.
#[napi(ts_args_type = "body: string")]
pub fn parse_barcode_response(env: Env, body: Unknown<'_>) -> Result<BarcodeAccepted> {
    latipay::response::parse_barcode_response(&text(&env, &body, "body")?)
        .or_throw(&env)
        .map(Into::into)
}
