//! JavaScript values in, core types out. A value of the wrong JavaScript type
//! throws a `TypeError` (`.code` `invalid_argument`, `.field` the wire name);
//! a wrong value of the right type is left to the core, which throws a
//! `LatipayError` naming the field. Unknown option names are refused, never
//! ignored.

use std::time::Duration;

use napi::bindgen_prelude::{Buffer, Object, Uint8Array, Unknown};
use napi::bindgen_prelude::{
    JsObjectValue, KeyCollectionMode, KeyConversion, KeyFilter, ToNapiValue,
};
use napi::{Env, JsString, JsValue, Result, ValueType};

use crate::errors::{invalid, wrong_type};

/// How a value is described in messages: `number`, `boolean` …
fn kind(value: &Unknown<'_>) -> &'static str {
    match value.get_type() {
        Ok(ValueType::Undefined) => "undefined",
        Ok(ValueType::Null) => "null",
        Ok(ValueType::Boolean) => "a boolean",
        Ok(ValueType::Number) => "a number",
        Ok(ValueType::String) => "a string",
        Ok(ValueType::BigInt) => "a bigint",
        Ok(ValueType::Function) => "a function",
        Ok(ValueType::Object) => "an object",
        _ => "another type",
    }
}

fn is(value: &Unknown<'_>, wanted: ValueType) -> bool {
    value.get_type().is_ok_and(|t| t == wanted)
}

fn absent(value: &Unknown<'_>) -> bool {
    is(value, ValueType::Undefined) || is(value, ValueType::Null)
}

/// The UTF-8 form of a JavaScript string, or `None` when it holds a lone
/// surrogate (half of a UTF-16 pair), which has no UTF-8 form.
pub(crate) fn utf8(value: &Unknown<'_>) -> Result<Option<String>> {
    let text = unsafe { value.cast::<String>() }?;
    // N-API writes a lone surrogate as U+FFFD, silently. Only text with a
    // U+FFFD in it is read again as UTF-16, to tell the two apart.
    if !text.contains(char::REPLACEMENT_CHARACTER) {
        return Ok(Some(text));
    }
    let utf16 = unsafe { value.cast::<JsString>() }?.into_utf16()?;
    let units = utf16.as_slice();
    // N-API writes a terminating NUL after the text.
    let units = units.split_last().map_or(units, |(_, text)| text);
    Ok(String::from_utf16(units).ok())
}

/// The UTF-8 text of a JavaScript string; a lone surrogate is refused.
fn string(env: &Env, value: &Unknown<'_>, field: &str) -> Result<String> {
    utf8(value)?.ok_or_else(|| {
        invalid(
            env,
            field,
            "is not valid Unicode text (it holds a lone surrogate)".to_owned(),
        )
    })
}

/// A string.
pub(crate) fn text(env: &Env, value: &Unknown<'_>, field: &str) -> Result<String> {
    if is(value, ValueType::String) {
        return string(env, value, field);
    }
    Err(wrong_type(
        env,
        field,
        format!("`{field}` must be a string, not {}", kind(value)),
    ))
}

/// An optional string: `undefined` and `null` are absent.
pub(crate) fn optional_text(env: &Env, value: &Unknown<'_>, field: &str) -> Result<Option<String>> {
    if absent(value) {
        return Ok(None);
    }
    text(env, value, field).map(Some)
}

/// The text of an amount given as a string.
pub(crate) fn amount_text(env: &Env, value: &Unknown<'_>, field: &str) -> Result<String> {
    if is(value, ValueType::String) {
        return string(env, value, field);
    }
    let why = if is(value, ValueType::Number) {
        "a JS number cannot hold money exactly (0.1 + 0.2 !== 0.3)"
    } else {
        "amounts are decimal text"
    };
    Err(wrong_type(
        env,
        field,
        format!(
            "`{field}` must be a string such as \"12.30\", not {}: {why}",
            kind(value)
        ),
    ))
}

/// A boolean; absent is `false`.
pub(crate) fn flag(env: &Env, value: &Unknown<'_>, field: &str) -> Result<bool> {
    if absent(value) {
        return Ok(false);
    }
    if is(value, ValueType::Boolean) {
        return unsafe { value.cast::<bool>() };
    }
    Err(wrong_type(
        env,
        field,
        format!("`{field}` must be true or false, not {}", kind(value)),
    ))
}

/// A duration in milliseconds, finite and not negative; absent is `None`.
pub(crate) fn millis(env: &Env, value: &Unknown<'_>, field: &str) -> Result<Option<Duration>> {
    if absent(value) {
        return Ok(None);
    }
    if !is(value, ValueType::Number) {
        return Err(wrong_type(
            env,
            field,
            format!(
                "`{field}` must be a number of milliseconds, not {}",
                kind(value)
            ),
        ));
    }
    let ms = unsafe { value.cast::<f64>()? };
    Duration::try_from_secs_f64(ms / 1000.0)
        .map(Some)
        .map_err(|_| {
            invalid(
                env,
                field,
                format!("must be a finite, non-negative number of milliseconds, got {ms}"),
            )
        })
}

/// A whole number from 0; absent is `None`.
pub(crate) fn count(env: &Env, value: &Unknown<'_>, field: &str) -> Result<Option<u32>> {
    if absent(value) {
        return Ok(None);
    }
    if !is(value, ValueType::Number) {
        return Err(wrong_type(
            env,
            field,
            format!("`{field}` must be a number, not {}", kind(value)),
        ));
    }
    let n = unsafe { value.cast::<f64>()? };
    if n.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&n) {
        return Err(invalid(
            env,
            field,
            format!("must be a whole number from 0, got {n}"),
        ));
    }
    Ok(Some(n as u32))
}

/// The bytes of a body given as a `Buffer`, a `Uint8Array` or a string (UTF-8).
pub(crate) fn body_bytes(env: &Env, value: &Unknown<'_>, field: &str) -> Result<Vec<u8>> {
    if is(value, ValueType::String) {
        return string(env, value, field).map(String::into_bytes);
    }
    if value.is_buffer()? {
        return Ok(unsafe { value.cast::<Buffer>()? }.to_vec());
    }
    if value.is_typedarray()? {
        if let Ok(bytes) = unsafe { value.cast::<Uint8Array>() } {
            return Ok(bytes.to_vec());
        }
    }
    Err(wrong_type(
        env,
        field,
        format!(
            "`{field}` must be a Buffer, Uint8Array or string (the raw request body), not {}",
            kind(value)
        ),
    ))
}

/// A name as an error shows it: the api_key (`secret`), passed as a name by
/// mistake, redacted.
fn shown(name: &str, secret: Option<&str>) -> String {
    secret.map_or_else(
        || name.to_owned(),
        |key| latipay::ffi::shown_name(name, key),
    )
}

/// A plain object of parameter names to string, `null` or `undefined` values.
/// With the api_key (`secret`), a name holding it is shown redacted in errors.
pub(crate) fn params(
    env: &Env,
    value: &Unknown<'_>,
    secret: Option<&str>,
) -> Result<Vec<(String, Option<String>)>> {
    let object = plain_object(env, value, "params")?;
    let keys = own_keys(&object)?;
    let mut pairs = Vec::with_capacity(keys.len());
    for key in keys {
        let name = text(env, &key, "params")?;
        // The key as the JavaScript string it is: no round trip through V8's string table.
        let val: Unknown = object.get_property(key)?;
        let val = if absent(&val) {
            None
        } else if is(&val, ValueType::String) {
            Some(string(env, &val, &shown(&name, secret))?)
        } else {
            let name = shown(&name, secret);
            return Err(wrong_type(
                env,
                &name,
                format!(
                    "parameter `{name}` must be a string, null or undefined, not {}: sign the text you send, e.g. \"12.30\"",
                    kind(&val)
                ),
            ));
        };
        pairs.push((name, val));
    }
    Ok(pairs)
}

/// An array of strings.
pub(crate) fn texts(env: &Env, value: &Unknown<'_>, field: &str) -> Result<Vec<String>> {
    if !value.is_array()? {
        return Err(wrong_type(
            env,
            field,
            format!("`{field}` must be an array of strings, not {}", kind(value)),
        ));
    }
    let array: Object = unsafe { value.cast()? };
    let mut items = Vec::new();
    for index in 0..array.get_array_length()? {
        let item: Unknown = array.get_element(index)?;
        items.push(text(env, &item, field)?);
    }
    Ok(items)
}

/// A plain object: `{ … }` or `Object.create(null)`, not an array, a `Map`, a
/// `Date` or a class instance (whose data would not be its own properties).
fn plain_object<'a>(env: &Env, value: &Unknown<'a>, field: &str) -> Result<Object<'a>> {
    if is(value, ValueType::Object) && !value.is_array()? {
        let object: Object = unsafe { value.cast()? };
        let prototype: Unknown = object.get_prototype()?;
        let object_prototype: Unknown = env
            .get_global()?
            .get_named_property_unchecked::<Object>("Object")?
            .get_named_property("prototype")?;
        if is(&prototype, ValueType::Null) || env.strict_equals(prototype, object_prototype)? {
            return Ok(object);
        }
    }
    Err(wrong_type(
        env,
        field,
        format!("`{field}` must be a plain object, not {}", kind(value)),
    ))
}

/// The object's own enumerable string keys; inherited properties (a polluted
/// `Object.prototype`) and symbols are never read.
fn own_keys<'a>(object: &Object<'a>) -> Result<Vec<Unknown<'a>>> {
    let names = object.get_all_property_names(
        KeyCollectionMode::OwnOnly,
        KeyFilter::Enumerable,
        KeyConversion::NumbersToStrings,
    )?;
    let mut keys = Vec::new();
    for index in 0..names.get_array_length()? {
        let key: Unknown = names.get_element(index)?;
        if !is(&key, ValueType::Symbol) {
            keys.push(key);
        }
    }
    Ok(keys)
}

/// An options object whose every property name is known.
pub(crate) struct Options<'a> {
    env: Env,
    object: Object<'a>,
}

impl<'a> Options<'a> {
    /// Checks that `value` is an object and that it has no property outside
    /// `known` (a misspelt option must not be silently ignored). With the
    /// api_key (`secret`), a name holding it is shown redacted.
    pub(crate) fn new(
        env: &Env,
        value: &Unknown<'a>,
        what: &str,
        known: &[&str],
        secret: Option<&str>,
    ) -> Result<Self> {
        let options = Options::open(env, value, what)?;
        options.only(what, known, secret)?;
        Ok(options)
    }

    /// Checks only that `value` is a plain object, for options that carry the
    /// api_key themselves: read it, then check the names with [`Options::only`].
    pub(crate) fn open(env: &Env, value: &Unknown<'a>, what: &str) -> Result<Self> {
        let object = plain_object(env, value, what)?;
        Ok(Options { env: *env, object })
    }

    /// Refuses a property outside `known`, its name shown without `secret`.
    pub(crate) fn only(&self, what: &str, known: &[&str], secret: Option<&str>) -> Result<()> {
        for key in own_keys(&self.object)? {
            let name = text(&self.env, &key, what)?;
            if !known.contains(&name.as_str()) {
                return Err(wrong_type(
                    &self.env,
                    what,
                    format!(
                        "unknown option `{}` in `{what}`; known: {}",
                        shown(&name, secret),
                        known.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The own property `name`; `undefined` when absent (an inherited one is
    /// never read: a polluted `Object.prototype` must not supply a `baseUrl`).
    pub(crate) fn get(&self, name: &str) -> Result<Unknown<'_>> {
        if self.object.has_own_property(name)? {
            self.object.get_named_property(name)
        } else {
            ().into_unknown(&self.env)
        }
    }
}
