//! A client call for every binding: [`CallRequest`] (its arguments checked)
//! runs on the core's blocking client or starts as a [`Pending`] call for the
//! binding's own HTTP stack (fetch, httpx): the core's [`Exchange`] with its
//! result made a [`Reply`] and its steps owned values, so that one binding
//! class carries every call. The binding only moves bytes; what to send,
//! retries, the deadline and the result stay here.

use std::time::Duration;

use crate::client::exchange::{Exchange, Failure, Step};
use crate::client::{Calls, Client};
use crate::error::{Error, Result};
use crate::payment::Payment;
use crate::request::{Barcode, CreateTransaction, Refund};
use crate::response::{BarcodeAccepted, CreatedTransaction, GatewayData};

/// A client call with its arguments checked, as a binding's method builds it.
#[derive(Debug, Clone)]
pub enum CallRequest {
    /// `create_transaction`.
    CreateTransaction(CreateTransaction),
    /// `gateway_data`.
    GatewayData(CreatedTransaction),
    /// `query`, blocking or not.
    Query {
        /// The merchant's order reference.
        merchant_reference: String,
        /// Whether Latipay holds the request until the status changes.
        block: bool,
    },
    /// `refund`.
    Refund(Refund),
    /// `cancel`, by merchant reference.
    Cancel(String),
    /// `barcode`.
    Barcode(Barcode),
}

/// What a call gives back.
#[derive(Debug, Clone)]
pub enum Reply {
    /// From `create_transaction`.
    Created(CreatedTransaction),
    /// From `gateway_data`.
    Gateway(GatewayData),
    /// From `query`.
    Payment(Payment),
    /// From `barcode`.
    Barcode(BarcodeAccepted),
    /// From `refund` and `cancel`.
    Nothing,
}

impl CallRequest {
    /// Runs the call on the core's blocking client.
    pub fn run(&self, client: &Client) -> Result<Reply> {
        match self {
            CallRequest::CreateTransaction(order) => {
                client.create_transaction(order).map(Reply::Created)
            }
            CallRequest::GatewayData(created) => client.gateway_data(created).map(Reply::Gateway),
            CallRequest::Query {
                merchant_reference,
                block,
            } => client.query(merchant_reference, *block).map(Reply::Payment),
            CallRequest::Refund(refund) => client.refund(refund).map(|()| Reply::Nothing),
            CallRequest::Cancel(reference) => client.cancel(reference).map(|()| Reply::Nothing),
            CallRequest::Barcode(barcode) => client.barcode(barcode).map(Reply::Barcode),
        }
    }

    /// Starts the call for the binding's own HTTP stack to carry.
    pub fn start(&self, calls: &Calls) -> Result<Pending> {
        Ok(match self {
            CallRequest::CreateTransaction(order) => {
                Pending::new(calls.create_transaction(order)?, Reply::Created)
            }
            CallRequest::GatewayData(created) => {
                Pending::new(calls.gateway_data(created)?, Reply::Gateway)
            }
            CallRequest::Query {
                merchant_reference,
                block,
            } => Pending::new(calls.query(merchant_reference, *block)?, Reply::Payment),
            CallRequest::Refund(refund) => Pending::new(calls.refund(refund)?, |()| Reply::Nothing),
            CallRequest::Cancel(reference) => {
                Pending::new(calls.cancel(reference)?, |()| Reply::Nothing)
            }
            CallRequest::Barcode(barcode) => Pending::new(calls.barcode(barcode)?, Reply::Barcode),
        })
    }
}

/// What the binding does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextStep {
    /// Send this request, then report with [`Pending::head`] (and
    /// [`Pending::body`]) or [`Pending::failed`].
    Send(OutgoingRequest),
    /// Wait this long (without holding a thread), then call [`Pending::step`].
    Wait(Duration),
    /// The call is over: take its result with [`Pending::result`].
    Done,
}

/// One attempt's request, owned.
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingRequest {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The absolute URL (its query string holds a signature: never log it).
    pub url: String,
    /// The headers to send, as given.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body of a `POST`.
    pub body: Option<String>,
    /// The time left for the whole call.
    pub timeout: Duration,
    /// How long connecting may take.
    pub connect_timeout: Duration,
    /// The proxy to send through, credentials included (never show it).
    pub proxy: Option<String>,
    /// The most bytes of body to read before reporting `body_too_large`.
    pub max_body_bytes: u64,
}

impl std::fmt::Debug for OutgoingRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutgoingRequest")
            .field("method", &self.method)
            .field("url", &crate::client::exchange::without_query(&self.url))
            .finish_non_exhaustive()
    }
}

/// A call in progress, for a binding's own HTTP stack. `Send`.
pub struct Pending {
    call: Box<dyn Erased + Send>,
}

impl Pending {
    /// Carries `exchange`, turning its result into a [`Reply`] with `convert`.
    fn new<T: Send + 'static>(exchange: Exchange<T>, convert: fn(T) -> Reply) -> Self {
        Pending {
            call: Box::new(Typed {
                exchange,
                convert,
                result: None,
            }),
        }
    }

    /// What to do next. Call it first, after each report and after each pause.
    pub fn step(&mut self) -> NextStep {
        self.call.step()
    }

    /// Reports the answer's status and headers; `true`: read the body (at
    /// most `max_body_bytes`) and report it with [`Pending::body`].
    pub fn head(&mut self, status: u16, headers: &[(String, Vec<u8>)]) -> bool {
        self.call.head(status, headers)
    }

    /// Reports the body of the answer whose head was accepted.
    pub fn body(&mut self, body: &[u8]) {
        self.call.body(body);
    }

    /// Reports that the attempt failed: `kind` is one of [`FAILURE_KINDS`]
    /// (an unknown one counts as `connection`), `message` what the HTTP stack said.
    pub fn failed(&mut self, kind: &str, message: String) {
        self.call.failed(failure(kind, message));
    }

    /// Ends the call with an error of the binding's own.
    pub fn fail(&mut self, error: Error) {
        self.call.fail(error);
    }

    /// The result, once [`Pending::step`] said [`NextStep::Done`] (an error
    /// before that, or when taken twice).
    pub fn result(&mut self) -> Result<Reply> {
        self.call.result()
    }
}

/// The failure kinds [`Pending::failed`] knows.
pub const FAILURE_KINDS: [&str; 7] = [
    "connect_timeout",
    "timed_out",
    "connection",
    "permanent",
    "headers_too_large",
    "body_too_large",
    "not_http",
];

/// The exchange's failure for a kind named by a binding.
fn failure(kind: &str, message: String) -> Failure {
    match kind {
        "connect_timeout" => Failure::ConnectTimeout,
        "timed_out" => Failure::TimedOut(message),
        "permanent" => Failure::Permanent(message),
        "headers_too_large" => Failure::HeadersTooLarge,
        "body_too_large" => Failure::BodyTooLarge,
        "not_http" => Failure::NotHttp(message),
        _ => Failure::Connection(message),
    }
}

/// [`Pending`]'s calls, for any result type.
trait Erased {
    fn step(&mut self) -> NextStep;
    fn head(&mut self, status: u16, headers: &[(String, Vec<u8>)]) -> bool;
    fn body(&mut self, body: &[u8]);
    fn failed(&mut self, failure: Failure);
    fn fail(&mut self, error: Error);
    fn result(&mut self) -> Result<Reply>;
}

/// An exchange of `T`, converted to a [`Reply`] at the end.
struct Typed<T> {
    exchange: Exchange<T>,
    convert: fn(T) -> Reply,
    result: Option<Result<T>>,
}

impl<T> Erased for Typed<T> {
    fn step(&mut self) -> NextStep {
        match self.exchange.step() {
            Step::Send(request) => NextStep::Send(OutgoingRequest {
                method: request.method.as_str(),
                url: request.url.to_owned(),
                headers: request
                    .headers
                    .iter()
                    .map(|(name, value)| (*name, (*value).to_owned()))
                    .collect(),
                body: request.body.map(str::to_owned),
                timeout: request.timeout,
                connect_timeout: request.connect_timeout,
                proxy: request.proxy.map(str::to_owned),
                max_body_bytes: request.max_body_bytes,
            }),
            Step::Wait(pause) => NextStep::Wait(pause),
            Step::Done(result) => {
                self.result = Some(result);
                NextStep::Done
            }
        }
    }

    fn head(&mut self, status: u16, headers: &[(String, Vec<u8>)]) -> bool {
        let headers = headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_slice()));
        self.exchange.head(status, headers)
    }

    fn body(&mut self, body: &[u8]) {
        self.exchange.body(body);
    }

    fn failed(&mut self, failure: Failure) {
        self.exchange.failed(failure);
    }

    fn fail(&mut self, error: Error) {
        self.exchange.fail(error);
    }

    fn result(&mut self) -> Result<Reply> {
        match self.result.take() {
            Some(result) => result.map(self.convert),
            None => Err(Error::Transport(
                "the call is not over yet (or its result was already taken)".to_owned(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::Calls;
    use crate::{ApiKey, Config, Environment};

    fn calls() -> Calls {
        let mut config = Config::new(
            "U1",
            "W1",
            ApiKey::new("key").unwrap(),
            Environment::Custom("http://127.0.0.1:9".into()),
        );
        config.retry_backoff = Duration::from_millis(1);
        Calls::new(&config).unwrap()
    }

    #[test]
    fn a_query_is_carried_through_retries_to_a_converted_error() {
        let query = CallRequest::Query {
            merchant_reference: "r1".into(),
            block: false,
        };
        let mut pending = query.start(&calls()).unwrap();
        let mut sends = 0;
        loop {
            match pending.step() {
                NextStep::Send(request) => {
                    sends += 1;
                    assert_eq!(request.method, "GET");
                    assert!(!format!("{request:?}").contains("signature"));
                    pending.failed("connection", "refused".into());
                }
                NextStep::Wait(_) => {}
                NextStep::Done => break,
            }
        }
        assert_eq!(sends, 3);
        let error = pending.result().unwrap_err();
        assert_eq!(error.code(), "transport");
        assert!(pending.result().is_err(), "taken twice");
    }

    #[test]
    fn every_kind_is_known_and_others_count_as_connection_failures() {
        for kind in FAILURE_KINDS
            .into_iter()
            .filter(|kind| *kind != "connection")
        {
            assert_ne!(
                failure(kind, String::new()),
                Failure::Connection(String::new()),
                "{kind}"
            );
        }
        assert_eq!(
            failure("connection", "x".into()),
            Failure::Connection("x".into())
        );
        assert_eq!(failure("odd", "x".into()), Failure::Connection("x".into()));
    }
}
