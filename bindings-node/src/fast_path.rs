//! The fast path of `sign`: `index.js` checks a plain object of strings and
//! packs it into one string in the core's packed format
//! (`name\0value\0…`), which crosses N-API once instead of several times per
//! parameter. Anything else takes the checked path (`sign`).

use latipay::ffi;
use napi::bindgen_prelude::Unknown;
use napi::{Env, Result};
use napi_derive::napi;

use crate::convert::utf8;
use crate::errors::OrThrow;

/// `sign` over packed parameters; `null` when the text holds a lone
/// surrogate or is not whole pairs: `index.js` then calls `sign`, which names
/// the field.
#[napi(skip_typescript)]
pub fn sign_packed(env: Env, packed: Unknown<'_>, api_key: Unknown<'_>) -> Result<Option<String>> {
    let (Some(packed), Some(api_key)) = (utf8(&packed)?, utf8(&api_key)?) else {
        return Ok(None);
    };
    let Some(params) = ffi::unpack_pairs(&packed) else {
        return Ok(None);
    };
    latipay::sign(params, &api_key).or_throw(&env).map(Some)
}
