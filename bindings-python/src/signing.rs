//! Signing and verification without HTTP: `sign`, `verify_notification`,
//! `verify_redirect`, the status transition helper and the two rules' parts.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{self, str_arg, text, texts};
use crate::errors::{refuse_unexpected, OrRaise};
use crate::results::{Payment, Redirect};

/// Signs parameters by rule A; `None` and `""` values and any `signature` key
/// are left out.
#[pyfunction]
#[pyo3(signature = (params, api_key, **unexpected))]
pub(crate) fn sign(
    params: &Bound<'_, PyAny>,
    api_key: &Bound<'_, PyAny>,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let api_key = str_arg(api_key, "api_key")?;
    refuse_unexpected("sign", unexpected, api_key)?;
    convert::with_params(params, Some(api_key), |p| {
        latipay::sign(p.iter().copied(), api_key)
    })?
    .or_raise()
}

/// The rule-A message for `params`, without the api_key.
#[pyfunction]
pub(crate) fn sorted_message(params: &Bound<'_, PyAny>) -> PyResult<String> {
    convert::with_params(params, None, |p| {
        latipay::signature::sorted_message(p.iter().copied())
    })?
    .or_raise()
}

/// Checks a rule-A signature in constant time.
#[pyfunction]
#[pyo3(signature = (params, api_key, signature, **unexpected))]
pub(crate) fn verify_sorted(
    params: &Bound<'_, PyAny>,
    api_key: &Bound<'_, PyAny>,
    signature: &Bound<'_, PyAny>,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<bool> {
    let (api_key, signature) = (
        str_arg(api_key, "api_key")?,
        str_arg(signature, "signature")?,
    );
    refuse_unexpected("verify_sorted", unexpected, api_key)?;
    convert::with_params(params, Some(api_key), |p| {
        latipay::signature::verify_sorted(p.iter().copied(), api_key, signature)
    })
}

/// Signs by rule B: the HMAC of the concatenated parts.
#[pyfunction]
#[pyo3(signature = (parts, api_key, **unexpected))]
pub(crate) fn sign_concat(
    parts: &Bound<'_, PyAny>,
    api_key: &Bound<'_, PyAny>,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let parts = texts(parts, "parts")?;
    let api_key = str_arg(api_key, "api_key")?;
    refuse_unexpected("sign_concat", unexpected, api_key)?;
    latipay::ffi::sign_concat(&parts, api_key).or_raise()
}

/// Checks a rule-B signature in constant time.
#[pyfunction]
#[pyo3(signature = (parts, api_key, signature, **unexpected))]
pub(crate) fn verify_concat(
    parts: &Bound<'_, PyAny>,
    api_key: &Bound<'_, PyAny>,
    signature: &Bound<'_, PyAny>,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<bool> {
    let parts = texts(parts, "parts")?;
    let (api_key, signature) = (text(api_key, "api_key")?, text(signature, "signature")?);
    refuse_unexpected("verify_concat", unexpected, &api_key)?;
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    Ok(latipay::signature::verify_concat(
        &parts, &api_key, &signature,
    ))
}

/// Signs a payment outcome (notification, redirect, query answer) as Latipay
/// does, for testing a notification handler.
#[pyfunction]
#[pyo3(signature = (
    *, merchant_reference, payment_method, status, currency, amount, api_key, **unexpected
))]
pub(crate) fn sign_outcome(
    merchant_reference: &Bound<'_, PyAny>,
    payment_method: &Bound<'_, PyAny>,
    status: &Bound<'_, PyAny>,
    currency: &Bound<'_, PyAny>,
    amount: &Bound<'_, PyAny>,
    api_key: &Bound<'_, PyAny>,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let api_key = str_arg(api_key, "api_key")?;
    refuse_unexpected("sign_outcome", unexpected, api_key)?;
    let outcome = latipay::ffi::Outcome {
        merchant_reference: text(merchant_reference, "merchant_reference")?,
        payment_method: text(payment_method, "payment_method")?,
        status: text(status, "status")?,
        currency: text(currency, "currency")?,
        amount: convert::amount_text(amount, "amount")?,
    };
    outcome.sign(api_key).or_raise()
}

/// Verifies a notification from its raw body.
#[pyfunction]
#[pyo3(signature = (body, api_key, **unexpected))]
pub(crate) fn verify_notification(
    body: &Bound<'_, PyAny>,
    api_key: &Bound<'_, PyAny>,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<Payment> {
    let api_key = str_arg(api_key, "api_key")?;
    refuse_unexpected("verify_notification", unexpected, api_key)?;
    let body = convert::body_bytes(body, "body")?;
    latipay::verify_notification(&body, api_key)
        .or_raise()
        .map(Into::into)
}

/// Verifies a redirect from the URL, request target or query string.
#[pyfunction]
#[pyo3(signature = (url_or_query, api_key, **unexpected))]
pub(crate) fn verify_redirect(
    url_or_query: &Bound<'_, PyAny>,
    api_key: &Bound<'_, PyAny>,
    unexpected: Option<&Bound<'_, PyDict>>,
) -> PyResult<Redirect> {
    let api_key = str_arg(api_key, "api_key")?;
    refuse_unexpected("verify_redirect", unexpected, api_key)?;
    let url_or_query = str_arg(url_or_query, "url_or_query")?;
    latipay::verify_redirect(url_or_query, api_key)
        .or_raise()
        .map(Into::into)
}

/// What moving an order from `stored` to `incoming` means: `advance`,
/// `duplicate`, `stale` or `conflict`.
#[pyfunction]
pub(crate) fn transition(
    stored: &Bound<'_, PyAny>,
    incoming: &Bound<'_, PyAny>,
) -> PyResult<&'static str> {
    let (stored, incoming) = (str_arg(stored, "stored")?, str_arg(incoming, "incoming")?);
    Ok(latipay::ffi::transition(stored, incoming).as_str())
}
