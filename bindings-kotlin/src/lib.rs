//! Kotlin/JVM and Android bindings for the `latipay` crate, through UniFFI.
//!
//! Declarations only: the Kotlin-facing types, their conversions from the
//! core's binding layer (`latipay::ffi`), and the error mapping. `uniffi-bindgen`
//! reads the compiled library and writes the Kotlin package `io.latipay`
//! (see `uniffi.toml`); the Maven build in this folder runs it and packs the
//! library into the jar, with the hand-written Kotlin of `jvm/src/main/kotlin`.

mod client;
mod errors;
mod fast_path;
mod requests;
mod results;
mod signing;
mod wire;

pub use client::{ApiKey, Attempt, AttemptListener, ClientConfig, LatipayClient};
pub use errors::LatipayError;
pub use requests::{BarcodePayment, CreateTransaction, OutcomeFields, Refund};
pub use results::{
    BarcodeAccepted, CheckedAmount, CreatedTransaction, GatewayData, Payment, Redirect,
    SignedRequest, Transition,
};
pub use wire::Credentials;

uniffi::setup_scaffolding!("latipay");
