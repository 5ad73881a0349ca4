//! Maps [`latipay::Error`] to the Python exception classes defined in
//! `latipay/errors.py` (one subclass of `LatipayError` per stable code).

use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3::types::PyDictMethods;

/// The Python module that defines the exception classes.
const ERRORS_MODULE: &str = "latipay.errors";

/// Turns a core result into a Python result, raising the matching exception.
pub(crate) trait OrRaise<T> {
    /// Converts the error, if any, into the `LatipayError` subclass for its code.
    fn or_raise(self) -> PyResult<T>;
}

impl<T> OrRaise<T> for latipay::Result<T> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}

/// The exception for `err`: its class is chosen by `err.code()`, its message is
/// the core's message (which never contains the api_key), and it carries the
/// variant's details as attributes.
pub(crate) fn to_py(err: latipay::Error) -> PyErr {
    Python::attach(|py| build(py, &err).unwrap_or_else(|failure| failure))
}

fn build(py: Python<'_>, err: &latipay::Error) -> PyResult<PyErr> {
    use latipay::Error as E;
    let details = PyDict::new(py);
    let class = match err {
        E::InvalidArgument { field, .. } => {
            details.set_item("field", field)?;
            "ValidationError"
        }
        E::InvalidSignature { what } => {
            details.set_item("what", *what)?;
            "InvalidSignatureError"
        }
        E::Api { code, message } => {
            details.set_item("api_code", code)?;
            details.set_item("api_message", message)?;
            "ApiError"
        }
        E::HttpStatus { status, url } => {
            details.set_item("status", status)?;
            details.set_item("url", url)?;
            "HttpStatusError"
        }
        E::Transport(_) => "TransportError",
        E::Timeout(_) => "TimeoutError",
        E::MalformedResponse { what, field, .. } => {
            details.set_item("what", *what)?;
            details.set_item("field", field)?;
            "MalformedResponseError"
        }
        _ => "LatipayError",
    };
    details.set_item("code", err.code())?;
    instantiate(py, class, err.to_string(), &details)
}

/// A Python value of the wrong type for `field` (a `float` amount, an `int`
/// parameter …): `ArgumentTypeError`, both a `ValidationError` (code
/// `invalid_argument`) and a `TypeError`.
pub(crate) fn wrong_type(py: Python<'_>, field: &str, message: String) -> PyErr {
    let attempt = || {
        let details = PyDict::new(py);
        details.set_item("field", field)?;
        instantiate(py, "ArgumentTypeError", message, &details)
    };
    attempt().unwrap_or_else(|failure| failure)
}

/// `name` as an error shows it: the api_key, if it was passed as (part of) a
/// name by mistake, redacted.
pub(crate) fn without_key(name: &str, api_key: Option<&str>) -> String {
    match api_key {
        Some(key) if !key.is_empty() && name.contains(key) => name.replace(key, latipay::REDACTED),
        _ => name.to_owned(),
    }
}

/// Refuses keyword arguments `function` does not take, with the `TypeError`
/// Python's own argument binding would raise (here an `ArgumentTypeError`),
/// but naming the argument without the api_key: Python's message would quote
/// a key passed as a keyword's name by mistake.
pub(crate) fn refuse_unexpected(
    function: &str,
    unexpected: Option<&Bound<'_, PyDict>>,
    api_key: &str,
) -> PyResult<()> {
    let Some((name, _)) = unexpected.and_then(|kwargs| kwargs.iter().next()) else {
        return Ok(());
    };
    let shown = without_key(&name.str()?.to_string_lossy(), Some(api_key));
    Err(wrong_type(
        name.py(),
        &shown,
        format!("{function}() got an unexpected keyword argument '{shown}'"),
    ))
}

/// A Python value of the right type that the core cannot accept for `field`.
pub(crate) fn invalid(field: &str, reason: String) -> PyErr {
    to_py(latipay::Error::InvalidArgument {
        field: field.to_owned(),
        reason,
    })
}

fn instantiate(
    py: Python<'_>,
    class: &str,
    message: String,
    details: &Bound<'_, PyDict>,
) -> PyResult<PyErr> {
    let exception = py
        .import(ERRORS_MODULE)?
        .getattr(class)?
        .call((message,), Some(details))?;
    Ok(PyErr::from_value(exception))
}
