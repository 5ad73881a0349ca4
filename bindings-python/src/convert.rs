//! Python values in, core types out: amounts, raw bodies, parameter maps and
//! durations. A value of the wrong Python type raises `ArgumentTypeError` (a
//! `ValidationError` and a `TypeError`); a wrong value of the right type is
//! left to the core crate, which raises `ValidationError` naming the field.

use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyFloat, PyMapping, PyString};

use crate::errors::{invalid, wrong_type, OrRaise};
use crate::results::Amount;

/// Reads an amount given as `str`, `decimal.Decimal` or `Amount` and parses it with the
/// core's rules.
pub(crate) fn amount(value: &Bound<'_, PyAny>, field: &str) -> PyResult<latipay::Amount> {
    latipay::Amount::parse_field(&amount_text(value, field)?, field).or_raise()
}

/// The text of an amount given as `str`, `decimal.Decimal` or `Amount` (a `Decimal` is
/// written in fixed point, never in exponent form: `Decimal("1E+1")` is `"10"`).
pub(crate) fn amount_text(value: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_str()?.to_owned());
    }
    if let Ok(amount) = value.cast::<Amount>() {
        return Ok(amount.get().0.as_str().to_owned());
    }
    if is_decimal(value)? {
        return value.call_method1("__format__", ("f",))?.extract();
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

fn is_decimal(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    let decimal = value.py().import("decimal")?.getattr("Decimal")?;
    value.is_instance(&decimal)
}

/// The bytes of a body given as `bytes`, `bytearray` or `str` (as UTF-8).
pub(crate) fn body_bytes(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<u8>> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(bytes) = value.cast::<PyByteArray>() {
        return Ok(bytes.to_vec());
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_str()?.as_bytes().to_vec());
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
/// them to `use_params` as borrowed text (no copy of any name or value).
pub(crate) fn with_params<'py, R>(
    value: &Bound<'py, PyAny>,
    use_params: impl FnOnce(&[(&str, Option<&str>)]) -> R,
) -> PyResult<R> {
    let mut items = Vec::new();
    if let Ok(dict) = value.cast::<PyDict>() {
        for (key, val) in dict.iter() {
            items.push(param(key, val)?);
        }
    } else if let Ok(mapping) = value.cast::<PyMapping>() {
        for item in mapping.items()?.iter() {
            let (key, val) = item.extract()?;
            items.push(param(key, val)?);
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
        pairs.push((key.to_str()?, val.as_ref().map(|v| v.to_str()).transpose()?));
    }
    Ok(use_params(&pairs))
}

/// One parameter: a `str` name and a `str` or `None` value.
fn param<'py>(
    key: Bound<'py, PyAny>,
    val: Bound<'py, PyAny>,
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
            let name = key.to_str()?.to_owned();
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

/// A duration given in seconds, finite and not negative.
pub(crate) fn seconds(value: f64, field: &str) -> PyResult<Duration> {
    Duration::try_from_secs_f64(value).map_err(|_| {
        invalid(
            field,
            format!("must be a finite, non-negative number of seconds, got {value}"),
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
