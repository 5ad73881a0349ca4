//! # latipay
//!
//! The Latipay v2 merchant API (Alipay, WeChat Pay and bank payments for New
//! Zealand and Australian merchants) in one carefully tested crate:
//!
//! * **Signing** by Latipay's two rules ([`sign`], [`signature`]), with
//!   constant-time verification.
//! * **Money as text** ([`Amount`]): amounts are signed and verified exactly
//!   as written; there is no float anywhere.
//! * **Requests** for every merchant operation ([`request`]), validated and
//!   signed, usable with any HTTP stack.
//! * **Verification** of everything Latipay sends: responses ([`response`]),
//!   the asynchronous notification ([`verify_notification`]) and the browser
//!   redirect ([`verify_redirect`]).
//! * A small blocking **client** ([`Client`]) on `ureq`, each call a sans-IO
//!   [`exchange`] that a driver on any other HTTP stack can carry as well.
//! * One **error** type ([`Error`]) whose [`Error::code`] strings are the same
//!   in the Python, Node and Kotlin bindings.
//!
//! Handling a notification:
//!
//! ```
//! use latipay::{verify_notification, Status, Transition, NOTIFICATION_ACK};
//!
//! let raw_body = b"merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00\
//! &payment_method=alipay&status=paid&pay_time=2017-07-07%2010%3A53%3A50\
//! &signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
//! let notification = verify_notification(raw_body, "111222333")?;
//! let stored = Status::Pending; // what your database says
//! if stored.transition_to(&notification.status) == Transition::Advance {
//!     // mark the order paid (after checking notification.amount_matches(...))
//! }
//! let reply = NOTIFICATION_ACK; // answer HTTP 200 with exactly this body
//! # assert_eq!(reply, "sent");
//! # Ok::<(), latipay::Error>(())
//! ```
#![deny(missing_docs)]

mod amount;
mod client;
mod credentials;
mod error;
pub mod ffi;
mod fields;
mod notification;
mod outcome;
mod pay_time;
mod payment;
mod payment_method;
mod received;
mod redaction;
mod redirect;
pub mod request;
pub mod response;
mod secret;
pub mod signature;
mod status;
mod validate;

pub use amount::Amount;
pub use client::{Client, Config, Environment, LONG_POLL_HOLD, PRODUCTION_URL, STAGING_URL};

/// A client call as a sans-IO exchange, for drivers on other HTTP stacks:
/// [`Calls`](exchange::Calls) says what each call sends, its
/// [`Exchange`](exchange::Exchange) what to do with what came back.
pub mod exchange {
    #[doc(inline)]
    pub use crate::client::exchange::*;
    pub use crate::client::Calls;
}
pub use credentials::Credentials;
pub use error::{codes, Error, Result};
pub use notification::{verify_notification, NOTIFICATION_ACK};
pub use pay_time::{parse_pay_time, PAY_TIME_OFFSET_SECONDS};
pub use payment::Payment;
pub use payment_method::PaymentMethod;
pub use redirect::{verify_redirect, Redirect};
pub use request::{Barcode, Cancel, CreateTransaction, Query, Refund, SignedRequest};
pub use response::{BarcodeAccepted, CreatedTransaction, GatewayData};
pub use secret::{ApiKey, REDACTED};
pub use signature::{sign, StoredOrder};
pub use status::{Status, Transition};

/// The README's Rust examples, compiled as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;
