//! Python values in, core types out: amounts, raw bodies, parameter maps and
//! durations. A value of the wrong Python type raises `ArgumentTypeError` (a
//! `ValidationError` and a `TypeError`); a wrong value of the right type is
//! left to the core crate, which raises `ValidationError` naming the field.

use std::borrow::Cow;
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple,
    PyType,
};
use pyo3::PyClass;

use crate::errors::{invalid, wrong_type, OrRaise};
use crate::results::Amount;

/// Reads an amount given as `str`, `decimal.Decimal` or `Amount` and parses
/// it with the core's rules.
pub(crate) fn amount(value: &Bound<'_, PyAny>, field: &str) -> PyResult<latipay::Amount> {
    latipay::Amount::parse_field(&amount_text(value, field)?, field).or_raise()
}

/// `decimal.Decimal`, imported once.
static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The text of an amount given as `str`, `decimal.Decimal` or `Amount` (a `Decimal` is
/// written in fixed point, never in exponent form: `Decimal("1E+1")` is `"10"`).
pub(crate) fn amount_text(value: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return utf8(text, field).map(str::to_owned);
    }
    if let Ok(amount) = value.cast::<Amount>() {
        return Ok(amount.get().0.as_str().to_owned());
    }
    let decimal = DECIMAL.import(value.py(), "decimal", "Decimal")?;
    if value.is_instance(decimal)? {
        return decimal_text(decimal, value, field);
    }
    let why = if value.is_instance_of::<PyFloat>() {
        "a float cannot hold money exactly (0.1 + 0.2 != 0.3)"
    } else {
        "amounts are decimal text"
    };
    Err(wrong_type(
        value.py(),
        field,
        format!(
            "`{field}` must be a str or decimal.Decimal (or latipay.Amount) such as \"12.30\", not {}: {why}",
            type_name(value)
        ),
    ))
}

/// A `Decimal` in fixed point. One with a huge exponent (`1E+100000000`) is
/// refused before it is written out, so a short input cannot make a huge string.
fn decimal_text(
    decimal: &Bound<'_, PyType>,
    value: &Bound<'_, PyAny>,
    field: &str,
) -> PyResult<String> {
    /// Far beyond any amount (the core allows 12 digits) and any decimals (2).
    const MAX_EXPONENT: i64 = 30;
    // The class's own methods, so a subclass cannot hide a huge exponent or
    // substitute another text.
    let method = |name: &str| decimal.getattr(name)?.call1((value,));
    if !method("is_finite")?.is_truthy()? {
        return Err(invalid(
            field,
            format!("must be a finite amount, got {value}"),
        ));
    }
    let exponent: i64 = method("as_tuple")?.getattr("exponent")?.extract()?;
    let adjusted: i64 = method("adjusted")?.extract()?;
    if exponent.abs() > MAX_EXPONENT || adjusted.abs() > MAX_EXPONENT {
        return Err(invalid(field, format!("is out of range, got {value}")));
    }
    decimal
        .getattr("__format__")?
        .call1((value, "f"))?
        .extract()
}

/// The bytes of a body given as `bytes`, `bytearray` or `str` (as UTF-8):
/// borrowed from `bytes` and `str`, which are immutable; a `bytearray`, which
/// another thread could change meanwhile, is copied.
pub(crate) fn body_bytes<'a>(value: &'a Bound<'_, PyAny>, field: &str) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(bytes.as_bytes()));
    }
    if let Ok(bytes) = value.cast::<PyByteArray>() {
        return Ok(Cow::Owned(bytes.to_vec()));
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Cow::Borrowed(utf8(text, field)?.as_bytes()));
    }
    Err(wrong_type(
        value.py(),
        field,
        format!(
            "`{field}` must be bytes, bytearray or str (the raw request body), not {}",
            type_name(value)
        ),
    ))
}

/// Reads a mapping of parameter names to `str` or `None` values and passes
/// them to `use_params` as borrowed text (no copy of any name or value). With
/// the `api_key`, a name that holds it (passed as a name by mistake) is shown
/// redacted in any error.
pub(crate) fn with_params<'py, R>(
    value: &Bound<'py, PyAny>,
    api_key: Option<&str>,
    use_params: impl FnOnce(&[(&str, Option<&str>)]) -> R,
) -> PyResult<R> {
    let mut items = Vec::new();
    // A plain dict is read directly; a subclass or any other mapping (werkzeug's
    // MultiDict …) through its own `items()`.
    if let Ok(dict) = value.cast_exact::<PyDict>() {
        items.reserve_exact(dict.len());
        for (key, val) in dict.iter() {
            items.push(param(key, val, api_key)?);
        }
    } else if let Ok(mapping) = value.cast::<PyMapping>() {
        let pairs = mapping.items()?;
        items.reserve_exact(pairs.len());
        for item in pairs.iter() {
            let (key, val) = item.extract()?;
            items.push(param(key, val, api_key)?);
        }
    } else {
        return Err(wrong_type(
            value.py(),
            "params",
            format!(
                "`params` must be a mapping of str to str or None, not {}",
                type_name(value)
            ),
        ));
    }
    let mut pairs = Vec::with_capacity(items.len());
    for (key, val) in &items {
        let name = utf8(key, "params")?;
        // The name is shown (without the key) only when the value is refused.
        let value = val.as_ref().map(|v| {
            v.to_str()
                .map_err(|_| lone_surrogate(&shown(name, api_key)))
        });
        pairs.push((name, value.transpose()?));
    }
    Ok(use_params(&pairs))
}

/// One parameter: a `str` name and a `str` or `None` value.
fn param<'py>(
    key: Bound<'py, PyAny>,
    val: Bound<'py, PyAny>,
    api_key: Option<&str>,
) -> PyResult<(Bound<'py, PyString>, Option<Bound<'py, PyString>>)> {
    let py = key.py();
    let key = key.cast_into::<PyString>().map_err(|e| {
        let shown = type_name(&e.into_inner());
        wrong_type(
            py,
            "params",
            format!("parameter names must be str, not {shown}"),
        )
    })?;
    if val.is_none() {
        return Ok((key, None));
    }
    match val.cast_into::<PyString>() {
        Ok(text) => Ok((key, Some(text))),
        Err(e) => {
            let name = shown(utf8(&key, "params")?, api_key);
            let shown = type_name(&e.into_inner());
            Err(wrong_type(
                py,
                &name,
                format!(
                    "parameter `{name}` must be str or None, not {shown}: sign the text you send, e.g. \"12.30\""
                ),
            ))
        }
    }
}

/// `name` as an error shows it: without the api_key, when one is given.
fn shown(name: &str, api_key: Option<&str>) -> String {
    api_key.map_or_else(
        || name.to_owned(),
        |key| latipay::ffi::shown_name(name, key),
    )
}

/// A `str` argument. Another type raises `ArgumentTypeError`; text that
/// cannot be UTF-8 (a lone surrogate) raises `ValidationError`.
pub(crate) fn text(value: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    str_arg(value, field).map(str::to_owned)
}

/// A `str` argument, borrowed (no copy) for the duration of the call.
pub(crate) fn str_arg<'a>(value: &'a Bound<'_, PyAny>, field: &str) -> PyResult<&'a str> {
    let Ok(text) = value.cast::<PyString>() else {
        return Err(wrong_type(
            value.py(),
            field,
            format!("`{field}` must be a str, not {}", type_name(value)),
        ));
    };
    utf8(text, field)
}

/// An optional `str` argument: `None` stays `None`.
pub(crate) fn optional_text(
    value: Option<&Bound<'_, PyAny>>,
    field: &str,
) -> PyResult<Option<String>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| text(v, field))
        .transpose()
}

/// A `bool` argument (`1` or `"yes"` are refused, not guessed).
pub(crate) fn flag(value: &Bound<'_, PyAny>, field: &str) -> PyResult<bool> {
    value.cast::<PyBool>().map(|b| b.is_true()).map_err(|_| {
        wrong_type(
            value.py(),
            field,
            format!("`{field}` must be True or False, not {}", type_name(value)),
        )
    })
}

/// A sequence of `str` (a list or tuple; a lone `str` is refused).
pub(crate) fn texts(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<String>> {
    let items = if let Ok(list) = value.cast::<PyList>() {
        list.iter().collect::<Vec<_>>()
    } else if let Ok(tuple) = value.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        return Err(wrong_type(
            value.py(),
            field,
            format!(
                "`{field}` must be a list or tuple of str, not {}",
                type_name(value)
            ),
        ));
    };
    items.iter().map(|item| text(item, field)).collect()
}

/// A duration given in seconds (`int` or `float`), finite and not negative.
pub(crate) fn seconds(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Duration> {
    let seconds = number(value, field)?.extract::<f64>()?;
    Duration::try_from_secs_f64(seconds).map_err(|_| {
        invalid(
            field,
            format!("must be a finite, non-negative number of seconds, got {seconds}"),
        )
    })
}

/// A count (`int`, 0 to 2^32 - 1).
pub(crate) fn count(value: &Bound<'_, PyAny>, field: &str) -> PyResult<u32> {
    if !value.is_instance_of::<PyInt>() || value.is_instance_of::<PyBool>() {
        return Err(wrong_type(
            value.py(),
            field,
            format!("`{field}` must be an int, not {}", type_name(value)),
        ));
    }
    value
        .extract::<u32>()
        .map_err(|_| invalid(field, format!("must be a whole number from 0, got {value}")))
}

fn number<'a, 'py>(value: &'a Bound<'py, PyAny>, field: &str) -> PyResult<&'a Bound<'py, PyAny>> {
    let numeric = (value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>())
        && !value.is_instance_of::<PyBool>();
    if numeric {
        Ok(value)
    } else {
        Err(wrong_type(
            value.py(),
            field,
            format!(
                "`{field}` must be a number of seconds, not {}",
                type_name(value)
            ),
        ))
    }
}

/// The UTF-8 text of a `str`, or `ValidationError` for a lone surrogate.
#[inline]
fn utf8<'a>(text: &'a Bound<'_, PyString>, field: &str) -> PyResult<&'a str> {
    text.to_str().map_err(|_| lone_surrogate(field))
}

/// The `ValidationError` for text in `field` holding a lone surrogate.
fn lone_surrogate(field: &str) -> PyErr {
    invalid(
        field,
        "is not valid Unicode text (it holds a lone surrogate)".to_owned(),
    )
}

/// An instance of the pyclass `T` (e.g. the `CreatedTransaction` a create call returned).
pub(crate) fn instance<'a, 'py, T: PyClass>(
    value: &'a Bound<'py, PyAny>,
    field: &str,
) -> PyResult<&'a Bound<'py, T>> {
    value.cast::<T>().map_err(|_| {
        wrong_type(
            value.py(),
            field,
            format!(
                "`{field}` must be a {}, not {}",
                <T as PyClass>::NAME,
                type_name(value)
            ),
        )
    })
}

/// The type's name, for error messages (`float`, `int` …).
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".to_owned())
}
