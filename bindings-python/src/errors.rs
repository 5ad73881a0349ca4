//! Maps [`latipay::Error`] to the Python exception classes defined in
//! `latipay/errors.py` (one subclass of `LatipayError` per stable code), from
//! the core's one struct of details.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3::PyTypeInfo;

pyo3::import_exception!(latipay.errors, LatipayError);
pyo3::import_exception!(latipay.errors, ValidationError);
pyo3::import_exception!(latipay.errors, ArgumentTypeError);
pyo3::import_exception!(latipay.errors, InvalidSignatureError);
pyo3::import_exception!(latipay.errors, ApiError);
pyo3::import_exception!(latipay.errors, HttpStatusError);
pyo3::import_exception!(latipay.errors, TransportError);
pyo3::import_exception!(latipay.errors, TimeoutError);
pyo3::import_exception!(latipay.errors, MalformedResponseError);

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

/// The exception for `err`: its class is chosen by its code, its message is
/// the core's (which never holds the api_key), and its details are attributes.
pub(crate) fn to_py(err: latipay::Error) -> PyErr {
    Python::attach(|py| build(py, err.details()).unwrap_or_else(|failure| failure))
}

fn build(py: Python<'_>, d: latipay::ffi::ErrorDetails) -> PyResult<PyErr> {
    use latipay::codes;
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", d.code)?;
    let class = match d.code {
        codes::INVALID_ARGUMENT => {
            kwargs.set_item("field", d.field)?;
            ValidationError::type_object(py)
        }
        codes::INVALID_SIGNATURE => {
            kwargs.set_item("what", d.what)?;
            InvalidSignatureError::type_object(py)
        }
        codes::API_ERROR => {
            kwargs.set_item("api_code", d.api_code)?;
            kwargs.set_item("api_message", d.api_message)?;
            ApiError::type_object(py)
        }
        codes::HTTP_STATUS => {
            kwargs.set_item("status", d.status)?;
            kwargs.set_item("url", d.url)?;
            HttpStatusError::type_object(py)
        }
        codes::TRANSPORT => TransportError::type_object(py),
        codes::TIMEOUT => TimeoutError::type_object(py),
        codes::MALFORMED_RESPONSE => {
            kwargs.set_item("what", d.what)?;
            kwargs.set_item("field", d.field)?;
            MalformedResponseError::type_object(py)
        }
        _ => LatipayError::type_object(py),
    };
    Ok(PyErr::from_value(class.call((d.message,), Some(&kwargs))?))
}

/// A Python value of the wrong type for `field` (a `float` amount, an `int`
/// parameter …): `ArgumentTypeError`, both a `ValidationError` (code
/// `invalid_argument`) and a `TypeError`.
pub(crate) fn wrong_type(py: Python<'_>, field: &str, message: String) -> PyErr {
    let attempt = || -> PyResult<PyErr> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("field", field)?;
        let error = ArgumentTypeError::type_object(py).call((message,), Some(&kwargs))?;
        Ok(PyErr::from_value(error))
    };
    attempt().unwrap_or_else(|failure| failure)
}

/// A Python value of the right type that the core cannot accept for `field`.
pub(crate) fn invalid(field: &str, reason: String) -> PyErr {
    to_py(latipay::Error::InvalidArgument {
        field: field.to_owned(),
        reason,
    })
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
    let shown = latipay::ffi::shown_name(&name.str()?.to_string_lossy(), api_key);
    Err(wrong_type(
        name.py(),
        &shown,
        format!("{function}() got an unexpected keyword argument '{shown}'"),
    ))
}
