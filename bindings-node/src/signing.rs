//! Signing and verification without HTTP.

use latipay::ffi;
use napi::bindgen_prelude::Unknown;
use napi::{Env, Result};
use napi_derive::napi;

use crate::convert::{self, amount_text, optional_text, text, texts, Options};
use crate::errors::OrThrow;
use crate::results::{CheckedAmount, Payment, Redirect};

/// The body to answer a notification with (HTTP 200): `"sent"`. Typed as
/// the literal `'sent'` in `dts-header.d.ts`.
#[napi(js_name = "NOTIFICATION_ACK", skip_typescript)]
pub const NOTIFICATION_ACK: &str = latipay::NOTIFICATION_ACK;

/// Signs parameters by rule A; `null`, `undefined` and `""` values and any
/// `signature` key are left out.
#[napi(ts_args_type = "params: Record<string, string | null | undefined>, apiKey: string")]
pub fn sign(env: Env, params: Unknown<'_>, api_key: Unknown<'_>) -> Result<String> {
    let api_key = text(&env, &api_key, "api_key")?;
    let params = convert::params(&env, &params, Some(&api_key))?;
    latipay::sign(params, &api_key).or_throw(&env)
}

/// Verifies a notification from its raw body (a `Buffer`, `Uint8Array` or string).
#[napi(ts_args_type = "body: Buffer | Uint8Array | string, apiKey: string")]
pub fn verify_notification(env: Env, body: Unknown<'_>, api_key: Unknown<'_>) -> Result<Payment> {
    let body = convert::body_bytes(&env, &body, "body")?;
    latipay::verify_notification(&body, &text(&env, &api_key, "api_key")?)
        .or_throw(&env)
        .map(Payment::from)
}

/// Verifies a redirect from the URL, request target (`req.originalUrl`) or query string.
#[napi(ts_args_type = "urlOrQuery: string, apiKey: string")]
pub fn verify_redirect(
    env: Env,
    url_or_query: Unknown<'_>,
    api_key: Unknown<'_>,
) -> Result<Redirect> {
    let url_or_query = text(&env, &url_or_query, "url_or_query")?;
    latipay::verify_redirect(&url_or_query, &text(&env, &api_key, "api_key")?)
        .or_throw(&env)
        .map(Redirect::from)
}

/// What moving an order from `stored` to `incoming` means; only `advance`
/// should change the order.
#[napi(
    ts_args_type = "stored: PaymentStatus | (string & {}), incoming: PaymentStatus | (string & {})",
    ts_return_type = "'advance' | 'duplicate' | 'stale' | 'conflict'"
)]
pub fn transition(env: Env, stored: Unknown<'_>, incoming: Unknown<'_>) -> Result<&'static str> {
    let (stored, incoming) = (
        text(&env, &stored, "stored")?,
        text(&env, &incoming, "incoming")?,
    );
    Ok(ffi::transition(&stored, &incoming).as_str())
}

/// Whether a verified payment (from `verifyNotification` or `query`) or
/// redirect is for the order you stored: the same `merchantReference` and
/// `currency`, an `amount` worth the same (`'12.3'` is `'12.30'`), and the same
/// `paymentMethod` (or `onlineBank` for a `polipay` order). Other properties of
/// either object are not read, so a stored order can be passed as it is; an
/// order field the package could not have sent (a mis-cased currency or
/// method) throws `invalid_argument` naming it. `index.js` first checks that
/// `payment` is one this package verified.
#[napi(
    ts_args_type = "payment: Payment | Redirect, order: StoredOrder",
    ts_return_type = "boolean"
)]
pub fn matches_order(env: Env, payment: Unknown<'_>, order: Unknown<'_>) -> Result<bool> {
    let paid = Options::open(&env, &payment, "payment")?;
    let received = ffi::Outcome {
        merchant_reference: text(&env, &paid.get("merchantReference")?, "merchant_reference")?,
        payment_method: text(&env, &paid.get("paymentMethod")?, "payment_method")?,
        status: optional_text(&env, &paid.get("status")?, "status")?.unwrap_or_default(),
        currency: text(&env, &paid.get("currency")?, "currency")?,
        amount: text(&env, &paid.get("amount")?, "amount")?,
    };
    let stored = Options::open(&env, &order, "order")?;
    let order = ffi::Order {
        merchant_reference: text(
            &env,
            &stored.get("merchantReference")?,
            "merchant_reference",
        )?,
        payment_method: text(&env, &stored.get("paymentMethod")?, "payment_method")?,
        currency: text(&env, &stored.get("currency")?, "currency")?,
        amount: amount_text(&env, &stored.get("amount")?, "amount")?,
    };
    received
        .fields()
        .matches_stored(&order.stored())
        .or_throw(&env)
}

/// Checks an amount: `parseAmount("12.30")` is `{ text: "12.30", minorUnits: 1230 }`.
#[napi(ts_args_type = "amount: string")]
pub fn parse_amount(env: Env, amount: Unknown<'_>) -> Result<CheckedAmount> {
    let checked = ffi::parse_amount(&amount_text(&env, &amount, "amount")?, "amount");
    checked.map(Into::into).or_throw(&env)
}

/// The rule-A message for `params`, without the api_key.
#[napi(ts_args_type = "params: Record<string, string | null | undefined>")]
pub fn sorted_message(env: Env, params: Unknown<'_>) -> Result<String> {
    latipay::signature::sorted_message(convert::params(&env, &params, None)?).or_throw(&env)
}

/// Checks a rule-A signature in constant time.
#[napi(
    ts_args_type = "params: Record<string, string | null | undefined>, apiKey: string, signature: string"
)]
pub fn verify_sorted(
    env: Env,
    params: Unknown<'_>,
    api_key: Unknown<'_>,
    signature: Unknown<'_>,
) -> Result<bool> {
    let (key, sig) = (
        text(&env, &api_key, "api_key")?,
        text(&env, &signature, "signature")?,
    );
    let params = convert::params(&env, &params, Some(&key))?;
    Ok(latipay::signature::verify_sorted(params, &key, &sig))
}

/// Signs by rule B: the HMAC of the concatenated parts.
#[napi(ts_args_type = "parts: string[], apiKey: string")]
pub fn sign_concat(env: Env, parts: Unknown<'_>, api_key: Unknown<'_>) -> Result<String> {
    let parts = texts(&env, &parts, "parts")?;
    ffi::sign_concat(&parts, &text(&env, &api_key, "api_key")?).or_throw(&env)
}

/// Checks a rule-B signature in constant time.
#[napi(ts_args_type = "parts: string[], apiKey: string, signature: string")]
pub fn verify_concat(
    env: Env,
    parts: Unknown<'_>,
    api_key: Unknown<'_>,
    signature: Unknown<'_>,
) -> Result<bool> {
    let parts = texts(&env, &parts, "parts")?;
    let (key, sig) = (
        text(&env, &api_key, "api_key")?,
        text(&env, &signature, "signature")?,
    );
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    Ok(latipay::signature::verify_concat(&parts, &key, &sig))
}

/// Signs a payment outcome as Latipay does, to test a notification handler:
/// `{ merchantReference, paymentMethod, status, currency, amount }`.
#[napi(ts_args_type = "outcome: OutcomeFields, apiKey: string")]
pub fn sign_outcome(env: Env, outcome: Unknown<'_>, api_key: Unknown<'_>) -> Result<String> {
    const KNOWN: [&str; 5] = [
        "merchantReference",
        "paymentMethod",
        "status",
        "currency",
        "amount",
    ];
    let key = text(&env, &api_key, "api_key")?;
    let o = Options::new(&env, &outcome, "outcome", &KNOWN, Some(&key))?;
    let outcome = ffi::Outcome {
        merchant_reference: text(&env, &o.get("merchantReference")?, "merchant_reference")?,
        payment_method: text(&env, &o.get("paymentMethod")?, "payment_method")?,
        status: text(&env, &o.get("status")?, "status")?,
        currency: text(&env, &o.get("currency")?, "currency")?,
        amount: amount_text(&env, &o.get("amount")?, "amount")?,
    };
    outcome.sign(&key).or_throw(&env)
}
