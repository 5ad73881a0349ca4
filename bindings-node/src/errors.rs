//! Maps [`latipay::Error`] to a JavaScript `LatipayError` (the class defined in
//! `index.js` and registered with [`register_error_class`]) from the core's one
//! struct of details, and wrong JavaScript types to a `TypeError` (index.js's
//! subclass, which `instanceof LatipayError` also accepts); both carry `.code`.

use std::cell::RefCell;

use napi::bindgen_prelude::{Function, FunctionRef, Object, Unknown};
use napi::{Env, Error, JsTypeError, JsValue, Result, Status};
use napi_derive::napi;

/// A JavaScript error class, as a reference that outlives the call.
type ErrorClass = FunctionRef<String, Unknown<'static>>;

thread_local! {
    /// The `LatipayError` constructor of this thread's JavaScript environment.
    static ERROR_CLASS: RefCell<Option<ErrorClass>> = const { RefCell::new(None) };
    /// Its `TypeError` subclass for values of the wrong JavaScript type.
    static TYPE_ERROR_CLASS: RefCell<Option<ErrorClass>> = const { RefCell::new(None) };
}

/// Called by `index.js` with its `LatipayError` class and its `TypeError`
/// subclass (again, with the same classes, when the module is loaded again).
#[napi(skip_typescript)]
pub fn register_error_class(
    class: Function<String, Unknown<'static>>,
    type_error_class: Function<String, Unknown<'static>>,
) -> Result<()> {
    let class = class.create_ref()?;
    let type_error_class = type_error_class.create_ref()?;
    ERROR_CLASS.with_borrow_mut(|slot| *slot = Some(class));
    TYPE_ERROR_CLASS.with_borrow_mut(|slot| *slot = Some(type_error_class));
    Ok(())
}

/// A new instance of the registered class in `slot` with `message`, or None
/// when `index.js` registered none (the native module loaded on its own).
fn instance_of<'env>(
    env: &'env Env,
    slot: &'static std::thread::LocalKey<RefCell<Option<ErrorClass>>>,
    message: String,
) -> Result<Option<Object<'env>>> {
    let class = slot.with_borrow(|slot| match slot {
        Some(class) => class.borrow_back(env).map(Some),
        None => Ok(None),
    })?;
    class
        .map(|class| unsafe { class.new_instance(message)?.cast() })
        .transpose()
}

/// Turns a core result into a JavaScript result, throwing a `LatipayError`.
pub(crate) trait OrThrow<T> {
    /// Converts the error, if any, into a `LatipayError` with its details.
    fn or_throw(self, env: &Env) -> Result<T>;
}

impl<T> OrThrow<T> for latipay::Result<T> {
    fn or_throw(self, env: &Env) -> Result<T> {
        self.map_err(|err| to_js(env, err))
    }
}

/// The `LatipayError` for `err`: `.code` is the core's stable string, the
/// message is the core's (which never contains the api_key), and the details
/// that apply are properties (`field`, `what`, `apiCode`, `apiMessage`,
/// `status`, `url`).
pub(crate) fn to_js(env: &Env, err: latipay::Error) -> Error {
    build(env, err.details()).unwrap_or_else(|failure| failure)
}

fn build(env: &Env, d: latipay::ffi::ErrorDetails) -> Result<Error> {
    let mut error: Object = match instance_of(env, &ERROR_CLASS, d.message.clone())? {
        Some(error) => error,
        // Loaded without index.js: a plain Error with the same properties.
        None => env.create_error(Error::new(Status::GenericFailure, d.message))?,
    };
    error.set("code", d.code)?;
    if let Some(field) = d.field {
        error.set("field", field)?;
    }
    if let Some(what) = d.what {
        error.set("what", what)?;
    }
    if let Some(api_code) = d.api_code {
        error.set("apiCode", api_code)?;
    }
    if let Some(api_message) = d.api_message {
        error.set("apiMessage", api_message)?;
    }
    if let Some(status) = d.status {
        error.set("status", u32::from(status))?;
    }
    if let Some(url) = d.url {
        error.set("url", url)?;
    }
    Ok(Error::from(error.to_unknown()))
}

/// A JavaScript value of the wrong type for `field` (a number amount, a
/// string flag …): a `TypeError` with `.code` `invalid_argument` and `.field`.
pub(crate) fn wrong_type(env: &Env, field: &str, message: String) -> Error {
    let attempt = || -> Result<Error> {
        let mut error: Object = match instance_of(env, &TYPE_ERROR_CLASS, message.clone())? {
            Some(error) => error,
            // Loaded without index.js: a plain TypeError with the same properties.
            None => {
                let error = JsTypeError::from(Error::new(Status::InvalidArg, message.clone()));
                unsafe { error.into_unknown(*env).cast()? }
            }
        };
        error.set("code", latipay::codes::INVALID_ARGUMENT)?;
        error.set("field", field)?;
        Ok(Error::from(error.to_unknown()))
    };
    attempt().unwrap_or_else(|failure| failure)
}

/// A value of the right type that the core cannot accept for `field`.
pub(crate) fn invalid(env: &Env, field: &str, reason: String) -> Error {
    to_js(
        env,
        latipay::Error::InvalidArgument {
            field: field.to_owned(),
            reason,
        },
    )
}
