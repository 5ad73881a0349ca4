//! Signing and verification without HTTP: `sign`, `verify_notification`,
//! `verify_redirect`, the status transition helper and the two rules' parts.

use pyo3::prelude::*;

use crate::convert;
use crate::errors::OrRaise;
use crate::results::{Payment, Redirect};

/// Signs parameters by rule A; `None` and `""` values and any `signature` key
/// are left out.
#[pyfunction]
pub(crate) fn sign(params: &Bound<'_, PyAny>, api_key: &str) -> PyResult<String> {
    convert::with_params(params, |p| latipay::sign(p.iter().copied(), api_key))?.or_raise()
}

/// The rule-A message for `params`, without the api_key.
#[pyfunction]
pub(crate) fn sorted_message(params: &Bound<'_, PyAny>) -> PyResult<String> {
    convert::with_params(params, |p| {
        latipay::signature::sorted_message(p.iter().copied())
    })?
    .or_raise()
}

/// Checks a rule-A signature in constant time.
#[pyfunction]
pub(crate) fn verify_sorted(
    params: &Bound<'_, PyAny>,
    api_key: &str,
    signature: &str,
) -> PyResult<bool> {
    convert::with_params(params, |p| {
        latipay::signature::verify_sorted(p.iter().copied(), api_key, signature)
    })
}

/// Signs by rule B: the HMAC of the concatenated parts.
#[pyfunction]
pub(crate) fn sign_concat(parts: Vec<String>, api_key: &str) -> String {
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    latipay::signature::sign_concat(&parts, api_key)
}

/// Checks a rule-B signature in constant time.
#[pyfunction]
pub(crate) fn verify_concat(parts: Vec<String>, api_key: &str, signature: &str) -> bool {
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    latipay::signature::verify_concat(&parts, api_key, signature)
}

/// Signs a payment outcome (notification, redirect, query answer) as Latipay
/// does, for testing a notification handler.
#[pyfunction]
#[pyo3(signature = (*, merchant_reference, payment_method, status, currency, amount, api_key))]
pub(crate) fn sign_outcome(
    merchant_reference: &str,
    payment_method: &str,
    status: &str,
    currency: &str,
    amount: &Bound<'_, PyAny>,
    api_key: &str,
) -> PyResult<String> {
    let amount = convert::amount_text(amount, "amount")?;
    let fields = latipay::signature::OutcomeFields {
        merchant_reference,
        payment_method,
        status,
        currency,
        amount: &amount,
    };
    Ok(fields.sign(api_key))
}

/// Verifies a notification from its raw body.
#[pyfunction]
pub(crate) fn verify_notification(body: &Bound<'_, PyAny>, api_key: &str) -> PyResult<Payment> {
    let body = convert::body_bytes(body, "body")?;
    latipay::verify_notification(&body, api_key)
        .or_raise()
        .map(Payment)
}

/// Verifies a redirect from the URL, request target or query string.
#[pyfunction]
pub(crate) fn verify_redirect(url_or_query: &str, api_key: &str) -> PyResult<Redirect> {
    latipay::verify_redirect(url_or_query, api_key)
        .or_raise()
        .map(Redirect)
}

/// What moving an order from `stored` to `incoming` means: `advance`,
/// `duplicate`, `stale` or `conflict`.
#[pyfunction]
pub(crate) fn transition(stored: &str, incoming: &str) -> &'static str {
    let (from, to) = (
        latipay::Status::from_wire(stored),
        latipay::Status::from_wire(incoming),
    );
    from.transition_to(&to).as_str()
}
