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
pub use client::{
    Attempt, AttemptListener, Client, Config, Environment, TrustStore, LONG_POLL_HOLD,
    PRODUCTION_URL, STAGING_URL,
};

/// Each client call as a sans-IO exchange, for a driver on another HTTP stack
/// (an async runtime, a host's own HTTP client). [`Calls`](exchange::Calls)
/// validates and signs a call; its [`Exchange`](exchange::Exchange) says what
/// to send and, told what came back, whether the call is done, is to be tried
/// again after a pause, or has failed. Retries, the call's deadline, the body
/// and header limits and the refusal of compressed answers are the
/// exchange's; [`Client`] is its driver on `ureq`.
///
/// A driver sends each [`HttpRequest`](exchange::HttpRequest) as given: its
/// method, URL, headers and body, plus what HTTP/1.1 itself needs (`Host`,
/// `Content-Length`), within `request.timeout` (connecting within
/// `request.connect_timeout`), through `request.proxy` when there is one,
/// trusting the certificates of [`Network::trusted_pem`](exchange::Network::trusted_pem)
/// when it gives some; it follows no redirect, decompresses nothing,
/// reads at most `max_header_bytes` of head and `max_body_bytes` of body
/// (decoding a chunked body), and reports what happened in a
/// [`Failure`](exchange::Failure) when no whole answer came.
///
/// ```
/// use latipay::exchange::{Calls, Exchange, Failure, HttpRequest, Step};
/// use latipay::{ApiKey, Config, Environment};
///
/// /// An answer as the HTTP stack read it.
/// struct Answer {
///     status: u16,
///     headers: Vec<(String, Vec<u8>)>,
///     body: Vec<u8>,
/// }
///
/// /// Carries one call through, sending each request with `send`.
/// fn drive<T>(
///     mut exchange: Exchange<T>,
///     mut send: impl FnMut(&HttpRequest<'_>) -> Result<Answer, Failure>,
/// ) -> latipay::Result<T> {
///     loop {
///         match exchange.step() {
///             Step::Send(request) => match send(&request) {
///                 Ok(answer) => {
///                     let headers = answer.headers.iter().map(|(n, v)| (n.as_str(), v.as_slice()));
///                     // `false`: the answer is over without its body (an error status, say).
///                     if exchange.head(answer.status, headers) {
///                         exchange.body(&answer.body);
///                     }
///                 }
///                 Err(failure) => exchange.failed(failure),
///             },
///             Step::Wait(pause) => std::thread::sleep(pause),
///             Step::Done(result) => return result,
///         }
///     }
/// }
///
/// let config = Config::new("U000334333", "W00000001", ApiKey::new("111222333")?,
///     Environment::Custom("http://127.0.0.1:9".into()));
/// let calls = Calls::new(&config)?;
///
/// // A stand-in for the HTTP stack: Latipay answers that it has no such order.
/// let latipay = |request: &HttpRequest<'_>| {
///     assert!(request.url.starts_with("http://127.0.0.1:9/v2/transaction/order-1001?"));
///     Ok(Answer {
///         status: 200,
///         headers: vec![("Content-Type".into(), b"application/json".to_vec())],
///         body: br#"{"code": 201, "message": "order not found"}"#.to_vec(),
///     })
/// };
/// let error = drive(calls.query("order-1001", false)?, latipay).unwrap_err();
/// assert_eq!(error.code(), "api_error");
///
/// // A refused connection: a query is tried again (twice by default), then fails.
/// let mut quick = config.clone();
/// quick.retry_backoff = std::time::Duration::from_millis(1);
/// let refused = |_: &HttpRequest<'_>| Err(Failure::Connection("connection refused".into()));
/// let error = drive(Calls::new(&quick)?.query("order-1001", false)?, refused).unwrap_err();
/// assert!(error.to_string().contains("after 3 attempts"), "{error}");
/// # Ok::<(), latipay::Error>(())
/// ```
pub mod exchange {
    #[doc(inline)]
    pub use crate::client::exchange::*;
    pub use crate::client::{Calls, Network};
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
