//! # latipay-sandbox
//!
//! A local, stateful, strict Latipay v2 for tests and demos, with no
//! credentials and no real money:
//!
//! * the merchant API (`/v2/transaction`, gateway data, query with long poll,
//!   `/refund`, `/cancel`, `/barcode`), checking every rule-A signature and
//!   answering with Latipay's codes;
//! * the hosted payment page (`/pay/{nonce}`) with Pay / Fail / Cancel, which
//!   sends the browser back to `return_url` with the signed redirect;
//! * notifications to `callback_url`, retried until the merchant answers `sent`;
//! * a control API under `/_sandbox` for tests.
//!
//! Every signature is made and checked by the `latipay` crate: there is no
//! second implementation of the protocol here.
//!
//! ```no_run
//! let sandbox = latipay_sandbox::Sandbox::start(latipay_sandbox::Settings::default())?;
//! println!("point your client at {}", sandbox.base_url());
//! # Ok::<(), std::io::Error>(())
//! ```
#![deny(missing_docs)]

mod api;
mod app;
mod clock;
mod config;
mod control;
mod money;
mod notify;
mod order;
mod page;
mod qr;
mod random;
mod server;

pub use api::BarcodeOutcome;
pub use config::{Merchant, Settings, DEMO_MERCHANT, SINGLE_PAYMENT_LIMIT};
pub use server::{router, serve, Sandbox};

/// The README's Rust example, compiled as a doctest so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
