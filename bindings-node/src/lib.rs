//! The native half of the npm package `latipay` (napi-rs). It converts
//! JavaScript values to the core crate's types and back and maps
//! [`latipay::Error`] to `LatipayError`; every protocol rule lives in the core.
//! The package's entry point, `index.js`, defines `LatipayError` and
//! re-exports everything here.

mod attempts;
mod client;
mod convert;
mod errors;
mod exchange;
mod extra;
mod fast_path;
mod requests;
mod results;
mod signing;
mod wire;
