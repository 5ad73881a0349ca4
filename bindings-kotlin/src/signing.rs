//! Signing and verification without HTTP: the notification handler's tools.

use std::collections::HashMap;

use latipay::ffi;

use crate::errors::Result;
use crate::requests::OutcomeFields;
use crate::results::{CheckedAmount, Payment, Redirect, Transition};

/// The body to answer a notification with (HTTP 200): `"sent"`. Kotlin's
/// `NOTIFICATION_ACK` reads it.
#[uniffi::export]
pub fn notification_ack() -> String {
    latipay::NOTIFICATION_ACK.to_owned()
}

/// Signs parameters by rule A (sorted `name=value` pairs joined with `&`,
/// then the key). `null` and `""` values and any `signature` are left out.
/// The same as `sign`, through UniFFI alone: call `sign`, which crosses by
/// JNI when it can (Signing.kt) and comes here otherwise.
#[uniffi::export(name = "signViaUniffi")]
pub fn sign(params: HashMap<String, Option<String>>, api_key: String) -> Result<String> {
    Ok(latipay::sign(params, &api_key)?)
}

/// Verifies a notification from its raw body, exactly the bytes received.
/// The same as `verifyNotification`, through UniFFI alone: call
/// `verifyNotification`, which crosses by JNI when it can (Signing.kt).
#[uniffi::export(name = "verifyNotificationViaUniffi")]
pub fn verify_notification(body: Vec<u8>, api_key: String) -> Result<Payment> {
    Ok(latipay::verify_notification(&body, &api_key)?.into())
}

/// Verifies a browser redirect from the URL, the request target or the query
/// string. For display only: fulfil orders from the notification or a query.
#[uniffi::export]
pub fn verify_redirect(url_or_query: String, api_key: String) -> Result<Redirect> {
    Ok(latipay::verify_redirect(&url_or_query, &api_key)?.into())
}

/// What moving an order from `stored` to `incoming` means; only `ADVANCE`
/// should change the order.
#[uniffi::export]
pub fn transition(stored: String, incoming: String) -> Transition {
    ffi::transition(&stored, &incoming).into()
}

/// Whether the signed fields of a verified payment or redirect (`received`)
/// are for the order you stored: the same reference and currency, an amount
/// worth the same (`"12.3"` is `"12.30"`), the same payment method (or
/// `onlineBank` for a `polipay` order). An order field the library could not
/// have sent (a mis-cased currency or method) is `InvalidArgument` naming it.
/// Kotlin: `payment.matches(…)`.
#[uniffi::export]
pub fn matches_order(
    received: OutcomeFields,
    merchant_reference: String,
    payment_method: String,
    currency: String,
    amount: String,
) -> Result<bool> {
    let order = ffi::Order {
        merchant_reference,
        payment_method,
        currency,
        amount,
    };
    let received = ffi::Outcome::from(received);
    Ok(received.fields().matches_stored(&order.stored())?)
}

/// Checks an amount by the core's rules: `parseAmount("12.30")` is
/// `CheckedAmount(text = "12.30", minorUnits = 1230)`.
#[uniffi::export]
pub fn parse_amount(amount: String) -> Result<CheckedAmount> {
    Ok(ffi::parse_amount(&amount, "amount")?.into())
}

/// The rule-A message for `params`, without the key.
#[uniffi::export]
pub fn sorted_message(params: HashMap<String, Option<String>>) -> Result<String> {
    Ok(latipay::signature::sorted_message(params)?)
}

/// Checks a rule-A signature in constant time.
#[uniffi::export]
pub fn verify_sorted(
    params: HashMap<String, Option<String>>,
    api_key: String,
    signature: String,
) -> bool {
    latipay::signature::verify_sorted(params, &api_key, &signature)
}

/// Signs by rule B: the HMAC of the concatenated parts.
#[uniffi::export]
pub fn sign_concat(parts: Vec<String>, api_key: String) -> Result<String> {
    Ok(ffi::sign_concat(&parts, &api_key)?)
}

/// Checks a rule-B signature in constant time.
#[uniffi::export]
pub fn verify_concat(parts: Vec<String>, api_key: String, signature: String) -> bool {
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    latipay::signature::verify_concat(&parts, &api_key, &signature)
}

/// Signs a payment outcome as Latipay does, to test a notification handler
/// with bodies your tests make up.
#[uniffi::export]
pub fn sign_outcome(outcome: OutcomeFields, api_key: String) -> Result<String> {
    Ok(ffi::Outcome::from(outcome).sign(&api_key)?)
}
