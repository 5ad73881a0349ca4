//! The native half of the Python package `latipay` (imported as
//! `latipay._latipay`). It converts Python values to the core crate's types and
//! back and maps [`latipay::Error`] to the exception classes in
//! `python/latipay/errors.py`; every protocol rule lives in the core crate.

use pyo3::prelude::*;
use pyo3::types::PyTuple;

mod client;
mod convert;
mod errors;
mod exchange;
mod logging;
mod requests;
mod results;
mod signing;
mod wire;

#[pymodule]
fn _latipay(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("NOTIFICATION_ACK", latipay::NOTIFICATION_ACK)?;
    m.add("REDACTED", latipay::REDACTED)?;
    // A tuple: the codes are fixed, and a caller must not change what others read.
    m.add("ERROR_CODES", PyTuple::new(m.py(), latipay::codes::ALL)?)?;
    m.add("PRODUCTION_URL", latipay::PRODUCTION_URL)?;
    m.add("STAGING_URL", latipay::STAGING_URL)?;
    m.add_function(wrap_pyfunction!(signing::sign, m)?)?;
    m.add_function(wrap_pyfunction!(signing::verify_notification, m)?)?;
    m.add_function(wrap_pyfunction!(signing::verify_redirect, m)?)?;
    m.add_function(wrap_pyfunction!(signing::transition, m)?)?;
    m.add_function(wrap_pyfunction!(signing::sorted_message, m)?)?;
    m.add_function(wrap_pyfunction!(signing::verify_sorted, m)?)?;
    m.add_function(wrap_pyfunction!(signing::sign_concat, m)?)?;
    m.add_function(wrap_pyfunction!(signing::verify_concat, m)?)?;
    m.add_function(wrap_pyfunction!(signing::sign_outcome, m)?)?;
    m.add_function(wrap_pyfunction!(wire::create_transaction_request, m)?)?;
    m.add_function(wrap_pyfunction!(wire::query_request, m)?)?;
    m.add_function(wrap_pyfunction!(wire::refund_request, m)?)?;
    m.add_function(wrap_pyfunction!(wire::cancel_request, m)?)?;
    m.add_function(wrap_pyfunction!(wire::barcode_request, m)?)?;
    m.add_function(wrap_pyfunction!(wire::parse_create_response, m)?)?;
    m.add_function(wrap_pyfunction!(wire::parse_gateway_data, m)?)?;
    m.add_function(wrap_pyfunction!(wire::parse_query_response, m)?)?;
    m.add_function(wrap_pyfunction!(wire::parse_refund_response, m)?)?;
    m.add_function(wrap_pyfunction!(wire::parse_cancel_response, m)?)?;
    m.add_function(wrap_pyfunction!(wire::parse_barcode_response, m)?)?;
    m.add_class::<client::Client>()?;
    m.add_class::<exchange::Exchange>()?;
    m.add_class::<wire::Credentials>()?;
    m.add_class::<results::Amount>()?;
    m.add_class::<results::Payment>()?;
    m.add_class::<results::Redirect>()?;
    m.add_class::<results::CreatedTransaction>()?;
    m.add_class::<results::GatewayData>()?;
    m.add_class::<results::BarcodeAccepted>()?;
    m.add_class::<results::SignedRequest>()?;
    Ok(())
}
