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
//! * a control API under `/_sandbox` for tests, which can also make the next
//!   requests to an endpoint misbehave (delays, error statuses, dropped
//!   connections, slow, huge or gzip-bomb bodies, redirects);
//! * HTTPS with a self-signed certificate made at start, when asked
//!   ([`Sandbox::start_tls`], [`serve_tls`]).
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
mod connection;
mod control;
mod faults;
mod money;
mod notify;
mod order;
mod page;
mod qr;
mod random;
mod server;
mod tls;

pub use api::BarcodeOutcome;
pub use config::{Merchant, Settings, DEMO_MERCHANT, SINGLE_PAYMENT_LIMIT};
pub use server::{router, serve, serve_tls, Sandbox};
pub use tls::SelfSignedCertificate;

/// The README's Rust example, compiled as a doctest so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
