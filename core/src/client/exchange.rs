//! One client call as a sans-IO state machine: it says what to send and, told
//! what happened, whether the call is done, should be tried again after a
//! pause, or has failed. The retry, deadline, body-limit and redirect policy
//! live here and only here; a driver (the blocking [`crate::Client`] on ureq,
//! or one on any other HTTP stack, see [`crate::exchange`]) only moves bytes.

use std::fmt;
use std::time::{Duration, Instant};

use super::attempt::{self, Attempt, AttemptListener};
use super::config::MAX_BACKOFF;
use super::deadline::Deadline;
use super::proxy::Proxy;
use crate::error::{codes, quoted, Error, Result};
use crate::request::{Method, CONTENT_TYPE_JSON};
use crate::secret::REDACTED;

/// The largest response body read, counted in bytes as they arrive (nothing is
/// decompressed); Latipay's are a few kilobytes (gateway data with its PNG
/// the largest).
pub const MAX_BODY_BYTES: u64 = 4 * 1024 * 1024;

/// The largest response head (status line and headers) read.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Whether a request may be sent again after it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Sending it twice does no harm (a query).
    Safe,
    /// It may act twice (every `POST`) or use something single-use (a nonce).
    Never,
}

/// How a call may spend its time: the limits of [`crate::Config`].
#[derive(Debug, Clone)]
pub(crate) struct Patience {
    pub(crate) connect_timeout: Duration,
    pub(crate) max_retries: u32,
    pub(crate) retry_backoff: Duration,
}

/// What to send for one attempt. Redirects are not to be followed (an
/// answer other than 200 is reported as it is), nothing is to be
/// decompressed, and the driver reads at most `max_header_bytes` of head and
/// `max_body_bytes` of body, reporting [`Failure::HeadersTooLarge`] or
/// [`Failure::BodyTooLarge`] beyond them.
#[derive(Debug, Clone)]
pub struct HttpRequest<'a> {
    /// `GET` or `POST`.
    pub method: Method,
    /// The absolute URL, query string included.
    pub url: &'a str,
    /// The headers to send (`User-Agent`, `Accept`, `Accept-Encoding:
    /// identity`, and `Content-Type` with a body).
    pub headers: Vec<(&'static str, &'a str)>,
    /// The JSON body of a `POST`.
    pub body: Option<&'a str>,
    /// The proxy to send through (`http://` or `https://`, credentials
    /// included: never show it), chosen from the client's `proxy` option or
    /// the environment; `None`: connect directly.
    pub proxy: Option<&'a str>,
    /// The time left for the whole call: the attempt must be over by then
    /// (report [`Failure::TimedOut`]).
    pub timeout: Duration,
    /// How long connecting may take (report [`Failure::ConnectTimeout`]).
    pub connect_timeout: Duration,
    /// The most bytes of status line and headers to read.
    pub max_header_bytes: usize,
    /// The most bytes of body to read.
    pub max_body_bytes: u64,
}

/// How an attempt failed, as the driver saw it. The exchange decides what it
/// means: whether the call's deadline passed, whether another attempt may
/// succeed, and what the error says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No connection within the request's `connect_timeout` (name resolution included).
    ConnectTimeout,
    /// The attempt ran out of time after connecting (the request's `timeout`,
    /// or a read or write that stalled); the text says which.
    TimedOut(String),
    /// The connection could not be made or was lost (refused, reset, a name
    /// not found): another attempt may succeed.
    Connection(String),
    /// A failure another attempt cannot cure: a refused certificate or TLS
    /// handshake, an unusable URL or proxy.
    Permanent(String),
    /// The status line and headers were larger than `max_header_bytes`.
    HeadersTooLarge,
    /// The body was larger than `max_body_bytes`.
    BodyTooLarge,
    /// The answer was not valid HTTP/1.1.
    NotHttp(String),
}

/// What the driver does next.
pub enum Step<'a, T> {
    /// Send this request, then report what happened with [`Exchange::head`]
    /// (and [`Exchange::body`] when asked) or [`Exchange::failed`].
    Send(HttpRequest<'a>),
    /// Wait this long before the next attempt, then call [`Exchange::step`] again.
    Wait(Duration),
    /// The call is over: the verified result, or the error (which never
    /// holds the api_key).
    Done(Result<T>),
}

/// Where the call is.
enum State<T> {
    /// Ready to send an attempt.
    Ready,
    /// An attempt was sent; its outcome is awaited.
    Sent,
    /// The head was accepted; the body is awaited.
    Reading,
    /// Another attempt follows this pause.
    Pausing(Duration),
    /// The call is over (the result, until [`Exchange::step`] hands it out).
    Over(Option<Result<T>>),
}

/// How an attempt's failure counts.
struct Miss {
    error: Option<Error>,
    retryable: bool,
    /// Whether the call's deadline was what ended it.
    deadline: bool,
    /// Whether it was the connect limit (not the deadline) that ran out.
    connect: bool,
}

/// Turns a `200 OK` body into the verified result.
pub(crate) type Finish<T> = Box<dyn Fn(&str) -> Result<T> + Send + Sync>;

/// One call in progress. Made by [`crate::exchange::Calls`]; driven by
/// calling [`Exchange::step`] until it answers [`Step::Done`].
pub struct Exchange<T> {
    method: Method,
    url: String,
    body: Option<String>,
    user_agent: String,
    deadline: Deadline,
    patience: Patience,
    retry: Retry,
    finish: Finish<T>,
    /// Text never to appear in an error (the api_key; a nonce).
    secrets: Vec<String>,
    attempts: u32,
    /// Whether connecting was bounded by the deadline in the current attempt.
    connect_is_deadline: bool,
    /// What the attempt before the current one met, for a timeout's message.
    before: Option<String>,
    /// The proxy requests go through, as the driver describes it.
    through: Option<String>,
    /// The proxy the core chose for this URL.
    proxy: Option<Proxy>,
    /// Told of each attempt as it ends.
    listener: Option<AttemptListener>,
    /// When the current attempt was sent (`None` between attempts).
    started: Option<Instant>,
    /// The status of the current attempt's answer, once its head arrived.
    status: Option<u16>,
    state: State<T>,
}

impl<T> Exchange<T> {
    /// A call of `method` to `url` that must be over by `deadline`.
    #[allow(clippy::too_many_arguments)] // one per part of a call, all internal
    pub(crate) fn new(
        method: Method,
        url: String,
        body: Option<String>,
        user_agent: &str,
        deadline: Deadline,
        patience: Patience,
        retry: Retry,
        finish: Finish<T>,
    ) -> Self {
        // A driver's own error text may quote the whole URL: its query (a
        // signature) is hidden like a secret.
        let secrets = url
            .split_once('?')
            .map(|(_, query)| query.to_owned())
            .filter(|query| !query.is_empty())
            .into_iter()
            .collect();
        Exchange {
            method,
            url,
            body,
            user_agent: user_agent.to_owned(),
            deadline,
            patience,
            retry,
            finish,
            secrets,
            attempts: 0,
            connect_is_deadline: false,
            before: None,
            through: None,
            proxy: None,
            listener: None,
            started: None,
            status: None,
            state: State::Ready,
        }
    }

    /// Reports each attempt to `listener` as well as to the `log` crate.
    pub(crate) fn reporting(mut self, listener: Option<AttemptListener>) -> Self {
        self.listener = listener;
        self
    }

    /// Sends every attempt through `proxy`, naming it in errors.
    pub(crate) fn via(&mut self, proxy: Proxy) {
        self.through = Some(proxy.describe());
        self.proxy = Some(proxy);
    }

    /// The proxy every attempt goes through, if any.
    pub(crate) fn proxy(&self) -> Option<&Proxy> {
        self.proxy.as_ref()
    }

    /// Keeps `secret` out of every error of this call.
    pub(crate) fn hiding(mut self, secret: &str) -> Self {
        self.secrets.push(secret.to_owned());
        self
    }

    /// The URL every attempt goes to (for a driver choosing a proxy).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// What to do next. Call it first, after each report, and after each pause.
    pub fn step(&mut self) -> Step<'_, T> {
        match std::mem::replace(&mut self.state, State::Ready) {
            State::Ready => self.send(),
            State::Pausing(pause) => {
                self.state = State::Ready;
                Step::Wait(pause)
            }
            State::Over(result) => {
                self.state = State::Over(None);
                Step::Done(result.unwrap_or_else(|| {
                    Err(Error::Transport("this call is already over".to_owned()))
                }))
            }
            State::Sent | State::Reading => self.finish(Err(Error::Transport(
                "the HTTP driver asked for the next step without reporting the answer".to_owned(),
            ))),
        }
    }

    /// Reports the status and headers of the answer. `true`: read the body
    /// (at most `max_body_bytes`) and report it with [`Exchange::body`];
    /// `false`: do not read it, call [`Exchange::step`].
    pub fn head<'h>(
        &mut self,
        status: u16,
        headers: impl IntoIterator<Item = (&'h str, &'h [u8])>,
    ) -> bool {
        if !matches!(self.state, State::Sent) {
            return false;
        }
        self.status = Some(status);
        if status != 200 {
            let error = Error::HttpStatus {
                status,
                url: without_query(&self.url).to_owned(),
            };
            self.missed(Miss::final_or_retry(error, (500..600).contains(&status)));
            return false;
        }
        if let Some(coding) = compression(headers) {
            let error = Error::malformed(
                "response",
                format!(
                    "the body is compressed ({}), which was not asked for",
                    quoted(&coding)
                ),
            );
            self.missed(Miss::final_or_retry(error, false));
            return false;
        }
        self.state = State::Reading;
        true
    }

    /// Reports the body of a `200 OK` whose head [`Exchange::head`] accepted.
    pub fn body(&mut self, body: &[u8]) {
        if !matches!(self.state, State::Reading) {
            return;
        }
        if body.len() as u64 > MAX_BODY_BYTES {
            return self.failed(Failure::BodyTooLarge);
        }
        let result = match std::str::from_utf8(body) {
            Ok(text) => (self.finish)(text),
            Err(_) => Err(Error::malformed("response", "the body is not UTF-8 text")),
        };
        self.report(result.as_ref().err().map(Error::code), false);
        self.state = State::Over(Some(result.map_err(|e| self.scrub(e))));
    }

    /// Reports that the attempt failed before a whole answer was read.
    pub fn failed(&mut self, failure: Failure) {
        if !matches!(self.state, State::Sent | State::Reading) {
            return;
        }
        let shown = without_query(&self.url).to_owned();
        let deadline_passed = self.deadline.is_reached();
        let miss = match failure {
            Failure::ConnectTimeout if deadline_passed || self.connect_is_deadline => {
                Miss::deadline()
            }
            Failure::ConnectTimeout => Miss {
                error: None,
                retryable: true,
                deadline: false,
                connect: true,
            },
            Failure::TimedOut(_) if deadline_passed => Miss::deadline(),
            Failure::TimedOut(what) => {
                Miss::final_or_retry(Error::Timeout(format!("{shown}: {what}")), false)
            }
            Failure::Connection(what) => {
                Miss::final_or_retry(Error::Transport(format!("{shown}: {what}")), true)
            }
            Failure::Permanent(what) => Miss::final_or_retry(
                Error::Transport(format!(
                    "{shown}: {what} (not retried: another attempt cannot succeed)"
                )),
                false,
            ),
            Failure::HeadersTooLarge => Miss::final_or_retry(
                Error::malformed(
                    "response",
                    format!("the status line and headers are larger than {MAX_HEADER_BYTES} bytes"),
                ),
                false,
            ),
            Failure::BodyTooLarge => Miss::final_or_retry(
                Error::malformed(
                    "response",
                    format!("the body is larger than {MAX_BODY_BYTES} bytes"),
                ),
                false,
            ),
            Failure::NotHttp(what) => Miss::final_or_retry(
                Error::malformed(
                    "response",
                    format!("the answer is not valid HTTP/1.1: {what}"),
                ),
                false,
            ),
        };
        self.missed(miss);
    }

    /// Ends the call with an error of the driver's own, before or instead of
    /// an attempt (a proxy it cannot use); it is scrubbed like every other.
    pub fn fail(&mut self, error: Error) {
        if !matches!(self.state, State::Over(_)) {
            self.state = State::Over(Some(Err(self.scrub(error))));
        }
    }

    /// The next attempt, or the deadline's error when no time is left.
    fn send(&mut self) -> Step<'_, T> {
        let remaining = self.deadline.remaining();
        if remaining.is_zero() {
            self.attempts += 1;
            self.state = State::Sent;
            self.missed(Miss::deadline());
            return self.step();
        }
        self.attempts += 1;
        self.started = Some(Instant::now());
        self.status = None;
        // Connecting may take `connect_timeout`, unless less than that is left
        // of the call: then running out of time to connect is the call's deadline.
        let connect_timeout = self.patience.connect_timeout.min(remaining);
        self.connect_is_deadline = connect_timeout == remaining;
        self.state = State::Sent;
        let mut headers = vec![
            ("User-Agent", self.user_agent.as_str()),
            ("Accept", "application/json"),
            // Answers are read as sent: a compressed one is refused, never inflated.
            ("Accept-Encoding", "identity"),
        ];
        if self.body.is_some() {
            headers.push(("Content-Type", CONTENT_TYPE_JSON));
        }
        Step::Send(HttpRequest {
            method: self.method,
            url: &self.url,
            headers,
            body: self.body.as_deref(),
            proxy: self.proxy.as_ref().map(Proxy::url),
            timeout: remaining,
            connect_timeout,
            max_header_bytes: MAX_HEADER_BYTES,
            max_body_bytes: MAX_BODY_BYTES,
        })
    }

    /// Decides, after a failed attempt, between another attempt and the end.
    fn missed(&mut self, miss: Miss) {
        let code = match &miss.error {
            _ if miss.deadline || miss.connect => codes::TIMEOUT,
            Some(error) => error.code(),
            None => codes::TRANSPORT,
        };
        if self.retry == Retry::Safe && miss.retryable && self.attempts <= self.patience.max_retries
        {
            let pause = backoff(self.patience.retry_backoff, self.attempts - 1);
            if pause < self.deadline.remaining() {
                self.report(Some(code), true);
                self.before = Some(match &miss.error {
                    Some(error) => error.to_string(),
                    None => format!(
                        "no connection within connect_timeout ({:?})",
                        self.patience.connect_timeout
                    ),
                });
                self.state = State::Pausing(pause);
                return;
            }
        }
        self.report(Some(code), false);
        let error = self.explain(miss);
        self.state = State::Over(Some(Err(self.scrub(error))));
    }

    /// Reports the attempt that just ended, if one was sent.
    fn report(&mut self, error_code: Option<&'static str>, retrying: bool) {
        let Some(started) = self.started.take() else {
            return;
        };
        let mut path = path_of(&self.url).to_owned();
        for secret in &self.secrets {
            if !secret.is_empty() && path.contains(secret.as_str()) {
                path = path.replace(secret.as_str(), REDACTED);
            }
        }
        let attempt = Attempt {
            method: self.method.as_str(),
            path,
            attempt: self.attempts,
            status: self.status,
            duration: started.elapsed(),
            error_code,
            retrying,
        };
        attempt::report(&attempt, self.listener.as_ref());
    }

    /// Ends the call with `result` and hands it out.
    fn finish(&mut self, result: Result<T>) -> Step<'_, T> {
        self.state = State::Over(None);
        Step::Done(result.map_err(|e| self.scrub(e)))
    }

    /// The error for the last failure, saying which limit fired, how many
    /// attempts were made, and through which proxy.
    fn explain(&self, miss: Miss) -> Error {
        let url = without_query(&self.url);
        let mut after = String::new();
        if let Some(proxy) = &self.through {
            after.push_str(&format!(" (through {proxy})"));
        }
        if self.attempts > 1 {
            after.push_str(&format!(" (after {} attempts", self.attempts));
            if let (Some(before), true) = (&self.before, miss.deadline) {
                after.push_str(&format!("; the one before: {before}"));
            }
            after.push(')');
        }
        match miss.error {
            _ if miss.deadline => Error::Timeout(format!(
                "{url}: no complete answer within {}{after}",
                self.deadline.describe()
            )),
            _ if miss.connect => Error::Timeout(format!(
                "{url}: could not connect within connect_timeout ({:?}){after}",
                self.patience.connect_timeout
            )),
            Some(Error::Transport(message)) => Error::Transport(format!("{message}{after}")),
            Some(error) => error,
            None => Error::Transport(format!("{url}: the attempt failed{after}")),
        }
    }

    fn scrub(&self, error: Error) -> Error {
        self.secrets
            .iter()
            .fold(error, |error, secret| error.scrub(secret))
    }
}

impl Miss {
    /// The call's deadline passed.
    fn deadline() -> Self {
        Miss {
            error: None,
            retryable: false,
            deadline: true,
            connect: false,
        }
    }

    /// `error`, which another attempt may cure when `retryable`.
    fn final_or_retry(error: Error, retryable: bool) -> Self {
        Miss {
            error: Some(error),
            retryable,
            deadline: false,
            connect: false,
        }
    }
}

impl<T> fmt::Debug for Exchange<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exchange")
            .field("method", &self.method)
            .field("url", &without_query(&self.url))
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// The first content or transfer coding of an answer other than `identity`
/// (and, for the transfer, `chunked`), in any of its headers: a body is read
/// as sent, never inflated.
fn compression<'h>(headers: impl IntoIterator<Item = (&'h str, &'h [u8])>) -> Option<String> {
    let mut transfer = None;
    for (name, value) in headers {
        let content = name.eq_ignore_ascii_case("content-encoding");
        if !content && !name.eq_ignore_ascii_case("transfer-encoding") {
            continue;
        }
        // A value that is not visible ASCII reads as "?": not a coding we accept.
        let value = std::str::from_utf8(value)
            .ok()
            .filter(|v| v.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)))
            .unwrap_or("?");
        let codings = value
            .split(',')
            .map(|coding| coding.trim().to_ascii_lowercase())
            .filter(|coding| !coding.is_empty());
        for coding in codings {
            if content && coding != "identity" {
                return Some(coding);
            }
            if !content && coding != "identity" && coding != "chunked" && transfer.is_none() {
                transfer = Some(coding);
            }
        }
    }
    transfer
}

fn backoff(first: Duration, attempt: u32) -> Duration {
    first.saturating_mul(1 << attempt.min(16)).min(MAX_BACKOFF)
}

/// The URL without its query string (which holds a signature, and is long).
pub(crate) fn without_query(url: &str) -> &str {
    url.split('?').next().unwrap_or(url)
}

/// The path of an absolute URL, without its query string.
fn path_of(url: &str) -> &str {
    let url = without_query(url);
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find('/')
        .map_or("/", |i| &url[after_scheme + i..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(retry: Retry, limit: Duration) -> Exchange<String> {
        Exchange::new(
            Method::Get,
            "http://h/v2/transaction/r?user_id=U&signature=abc".to_owned(),
            None,
            "test",
            Deadline::after(limit, "timeout"),
            Patience {
                connect_timeout: Duration::from_secs(10),
                max_retries: 2,
                retry_backoff: Duration::from_millis(1),
            },
            retry,
            Box::new(|text| Ok(text.to_owned())),
        )
    }

    /// Reports `failure` for the first attempt; whether another follows.
    fn retried(failure: Failure) -> bool {
        let mut call = exchange(Retry::Safe, Duration::from_secs(60));
        assert!(matches!(call.step(), Step::Send(_)));
        call.failed(failure);
        match call.step() {
            Step::Wait(_) => true,
            Step::Done(Err(error)) => {
                assert!(!error.to_string().contains("signature"), "{error}");
                false
            }
            _ => panic!("neither a pause nor an error"),
        }
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let first = Duration::from_millis(200);
        assert_eq!(backoff(first, 0), Duration::from_millis(200));
        assert_eq!(backoff(first, 1), Duration::from_millis(400));
        assert_eq!(backoff(first, 2), Duration::from_millis(800));
        assert_eq!(backoff(first, 30), MAX_BACKOFF);
    }

    #[test]
    fn connection_failures_may_be_retried_what_cannot_succeed_is_not() {
        for cured in [
            Failure::Connection("refused".into()),
            Failure::ConnectTimeout,
        ] {
            assert!(retried(cured));
        }
        for hopeless in [
            Failure::Permanent("invalid peer certificate: UnknownIssuer".into()),
            Failure::HeadersTooLarge,
            Failure::BodyTooLarge,
            Failure::NotHttp("bad status line".into()),
            Failure::TimedOut("no answer in time (RecvBody)".into()),
        ] {
            assert!(!retried(hopeless));
        }
    }

    #[test]
    fn a_5xx_is_retried_a_4xx_and_a_compressed_answer_are_not() {
        for (status, coding, again) in [(502, "identity", true), (404, "identity", false)] {
            let mut call = exchange(Retry::Safe, Duration::from_secs(60));
            call.step();
            assert!(!call.head(status, [("content-encoding", coding.as_bytes())]));
            assert_eq!(matches!(call.step(), Step::Wait(_)), again);
        }
        let mut call = exchange(Retry::Safe, Duration::from_secs(60));
        call.step();
        assert!(!call.head(200, [("Content-Encoding", &b"gzip"[..])]));
        let Step::Done(Err(error)) = call.step() else {
            panic!("a compressed answer ends the call")
        };
        assert!(error.to_string().contains("compressed"), "{error}");
    }

    #[test]
    fn nothing_is_retried_when_retries_are_not_safe() {
        let mut call = exchange(Retry::Never, Duration::from_secs(60));
        call.step();
        call.failed(Failure::Connection("reset".into()));
        assert!(matches!(call.step(), Step::Done(Err(Error::Transport(_)))));
    }

    #[test]
    fn a_timeout_at_or_bounded_by_the_deadline_is_the_deadline() {
        let mut passed = exchange(Retry::Safe, Duration::from_millis(5));
        passed.step();
        std::thread::sleep(Duration::from_millis(10));
        passed.failed(Failure::ConnectTimeout);
        let Step::Done(Err(error)) = passed.step() else {
            panic!("the deadline ends the call")
        };
        assert!(
            error.to_string().contains("the limit on the whole call"),
            "{error}"
        );
        // Less time left than connect_timeout: connecting is bounded by the deadline.
        let mut short = exchange(Retry::Safe, Duration::from_secs(2));
        let Step::Send(request) = short.step() else {
            panic!("a request")
        };
        assert!(request.connect_timeout <= Duration::from_secs(2));
        short.failed(Failure::ConnectTimeout);
        assert!(matches!(short.step(), Step::Done(Err(Error::Timeout(_)))));
        // A host's timer that fires a moment early still means the deadline.
        let mut early = exchange(Retry::Safe, Duration::from_millis(30));
        early.step();
        std::thread::sleep(Duration::from_millis(27));
        early.failed(Failure::TimedOut("no complete answer within 30 ms".into()));
        let Step::Done(Err(error)) = early.step() else {
            panic!("the deadline ends the call")
        };
        assert!(
            error.to_string().contains("the limit on the whole call"),
            "{error}"
        );
    }

    #[test]
    fn a_body_is_finished_and_scrubbed_and_the_call_ends_once() {
        let mut call = exchange(Retry::Safe, Duration::from_secs(60)).hiding("s3cret");
        let Step::Send(request) = call.step() else {
            panic!("a request")
        };
        assert_eq!(request.headers[2], ("Accept-Encoding", "identity"));
        assert!(call.head(200, []));
        call.body(b"an echo of s3cret");
        assert!(matches!(call.step(), Step::Done(Ok(text)) if text == "an echo of s3cret"));
        assert!(matches!(call.step(), Step::Done(Err(_))), "over is over");
        let mut bad = exchange(Retry::Safe, Duration::from_secs(60));
        bad.step();
        bad.head(200, []);
        bad.body(&[0xff, 0xfe]);
        assert!(matches!(
            bad.step(),
            Step::Done(Err(Error::MalformedResponse { .. }))
        ));
    }

    #[test]
    fn a_drivers_text_never_shows_the_query() {
        let mut call = exchange(Retry::Never, Duration::from_secs(60));
        call.step();
        call.failed(Failure::Connection(
            "error sending request for url (http://h/v2/transaction/r?user_id=U&signature=abc)"
                .into(),
        ));
        let Step::Done(Err(error)) = call.step() else {
            panic!("the call is over")
        };
        assert!(!error.to_string().contains("signature=abc"), "{error}");
    }

    #[test]
    fn only_a_5xx_status_is_retried() {
        for (status, again) in [(500, true), (599, true), (600, false), (999, false)] {
            let mut call = exchange(Retry::Safe, Duration::from_secs(60));
            call.step();
            call.head(status, []);
            assert_eq!(matches!(call.step(), Step::Wait(_)), again, "{status}");
        }
    }

    #[test]
    fn a_drivers_own_error_ends_the_call_scrubbed() {
        let mut call = exchange(Retry::Safe, Duration::from_secs(60)).hiding("s3cret");
        call.fail(Error::invalid(
            "https_proxy",
            "socks5://s3cret@p is not supported",
        ));
        let Step::Done(Err(error)) = call.step() else {
            panic!("the call is over")
        };
        assert!(!error.to_string().contains("s3cret"), "{error}");
    }

    #[test]
    fn any_coding_but_identity_is_compression_in_any_header() {
        let found = |pairs: &[(&'static str, &'static str)]| {
            compression(pairs.iter().map(|(n, v)| (*n, v.as_bytes())))
        };
        for plain in [
            vec![],
            vec![("content-encoding", "identity")],
            vec![("transfer-encoding", "chunked")],
            vec![("Transfer-Encoding", "identity, chunked")],
        ] {
            assert_eq!(found(&plain), None, "{plain:?}");
        }
        for (compressed, coding) in [
            (vec![("content-encoding", "gzip")], "gzip"),
            (
                vec![("content-encoding", "identity"), ("content-encoding", "br")],
                "br",
            ),
            (vec![("content-encoding", "identity, deflate")], "deflate"),
            (vec![("transfer-encoding", "gzip, chunked")], "gzip"),
            (vec![("content-encoding", "gz\u{e9}p")], "?"),
        ] {
            assert_eq!(found(&compressed).as_deref(), Some(coding));
        }
    }

    #[test]
    fn query_strings_are_left_out_of_messages() {
        assert_eq!(
            without_query("http://h/v2/transaction/r?user_id=U&signature=abc"),
            "http://h/v2/transaction/r"
        );
    }
}
