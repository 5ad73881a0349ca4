//! Kotlin/JVM and Android bindings for the `latipay` crate, through UniFFI.
//!
//! This crate only converts types and maps errors: every rule (signing,
//! validation, verification, the HTTP client) is the core's. `uniffi-bindgen`
//! reads the compiled library and writes the Kotlin package `io.latipay`
//! (see `uniffi.toml`); the Maven build in this folder runs it and packs the
//! library into the jar.

mod client;
mod error;
mod fast_path;
mod orders;
mod records;
mod signing;
mod wire;

pub use client::{ApiKey, ClientConfig, LatipayClient};
pub use error::LatipayError;
pub use orders::{BarcodePayment, CreateTransaction, Refund};
pub use records::{
    BarcodeAccepted, CheckedAmount, CreatedTransaction, GatewayData, OutcomeFields, Payment,
    Redirect, SignedRequest, Transition,
};
pub use wire::Credentials;

uniffi::setup_scaffolding!("latipay");
