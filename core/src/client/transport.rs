//! The HTTP side of the blocking client: one `ureq` agent, one deadline per
//! call, bounded retries of what may succeed on another attempt, and answers
//! read as sent (never decompressed) within a size limit.

use std::thread::sleep;
use std::time::Duration;

use ureq::Agent;

use super::config::{Config, MAX_BACKOFF};
use super::deadline::Deadline;
use super::proxy::{Proxy, ProxySettings};
use crate::error::{quoted, Error, Result};
use crate::request::{Method, CONTENT_TYPE_JSON};

/// The largest response body read, counted in bytes as they arrive (nothing is
/// decompressed); Latipay's are a few kilobytes (gateway data with its PNG
/// the largest).
const MAX_BODY_BYTES: u64 = 4 * 1024 * 1024;

/// The largest response head (status line and headers) read.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Whether a request may be sent again after it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Sending it twice does no harm (a query).
    Safe,
    /// It may act twice (every `POST`) or use something single-use (a nonce).
    Never,
}

/// Sends requests and returns the body of a `200 OK` as text.
#[derive(Debug)]
pub(crate) struct Transport {
    agent: Agent,
    proxies: ProxySettings,
    connect_timeout: Duration,
    max_retries: u32,
    retry_backoff: Duration,
}

/// How one attempt failed.
enum Failure {
    /// The call's deadline passed.
    Deadline,
    /// No connection within `connect_timeout`, with time left in the call.
    Connect,
    /// Anything else, and whether another attempt could succeed.
    Other { error: Error, retryable: bool },
}

impl Transport {
    /// An agent for `config`; the proxy settings come from the environment
    /// (see [`super::proxy`]) and fail the client when the one for `base_url`
    /// cannot be honoured.
    pub(crate) fn new(config: &Config, base_url: &url::Url) -> Result<Self> {
        let proxies = ProxySettings::from_env();
        proxies.for_url(base_url.as_str())?;
        let agent = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            // Chosen per request by `ProxySettings`, never by ureq's own reading of the environment.
            .proxy(None)
            .user_agent(config.user_agent.as_str())
            .accept("application/json")
            // Answers are read as sent: a compressed one is refused, never inflated.
            .accept_encoding("identity")
            .max_response_header_size(MAX_HEADER_BYTES)
            .timeout_connect(Some(config.connect_timeout))
            .build()
            .into();
        Ok(Transport {
            agent,
            proxies,
            connect_timeout: config.connect_timeout,
            max_retries: config.max_retries,
            retry_backoff: config.retry_backoff,
        })
    }

    /// Sends one request within `deadline`. With [`Retry::Safe`], a failure
    /// another attempt may cure (a connection failure, an HTTP 5xx) is tried
    /// again up to `max_retries` times with doubling pauses, while the pause
    /// still leaves time before the deadline.
    pub(crate) fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        deadline: Deadline,
        retry: Retry,
    ) -> Result<String> {
        let proxy = self.proxies.for_url(url)?;
        let mut attempts = 0;
        // What the attempt before the last one met, for a timeout's message.
        let mut before: Option<String> = None;
        loop {
            attempts += 1;
            let through = proxy.map(Proxy::proxy);
            let failure = match self.attempt(method, url, body, &deadline, through) {
                Ok(text) => return Ok(text),
                Err(failure) => failure,
            };
            let retryable = match &failure {
                Failure::Connect => true,
                Failure::Other { retryable, .. } => *retryable,
                Failure::Deadline => false,
            };
            if retry == Retry::Safe && retryable && attempts <= self.max_retries {
                let pause = backoff(self.retry_backoff, attempts - 1);
                if pause < deadline.remaining() {
                    before = Some(match failure {
                        Failure::Other { error, .. } => error.to_string(),
                        _ => format!(
                            "no connection within connect_timeout ({:?})",
                            self.connect_timeout
                        ),
                    });
                    sleep(pause);
                    continue;
                }
            }
            let context = Context {
                proxy,
                before: before.as_deref(),
                attempts,
            };
            return Err(self.explain(failure, url, &deadline, &context));
        }
    }

    fn attempt(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        deadline: &Deadline,
        proxy: Option<ureq::Proxy>,
    ) -> Result<String, Failure> {
        let remaining = deadline.remaining();
        if remaining.is_zero() {
            return Err(Failure::Deadline);
        }
        // Connecting may take `connect_timeout`, unless less than that is left
        // of the call: then running out of time to connect is the call's deadline.
        let connect_limit = self.connect_timeout.min(remaining);
        let limits = Limits {
            deadline,
            connect_is_deadline: connect_limit == remaining,
        };
        // Only what differs from the agent's settings is set per request.
        macro_rules! limited {
            ($request:expr) => {{
                let mut config = $request.config().timeout_global(Some(remaining));
                if connect_limit < self.connect_timeout {
                    config = config.timeout_connect(Some(connect_limit));
                }
                if proxy.is_some() {
                    config = config.proxy(proxy);
                }
                config.build()
            }};
        }
        let sent = match method {
            Method::Get => limited!(self.agent.get(url)).call(),
            Method::Post => limited!(self
                .agent
                .post(url)
                .header("Content-Type", CONTENT_TYPE_JSON))
            .send(body.unwrap_or_default()),
        };
        let mut response = sent.map_err(|e| classify(e, url, &limits))?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(Failure::Other {
                error: Error::HttpStatus {
                    status,
                    url: without_query(url).to_owned(),
                },
                retryable: status >= 500,
            });
        }
        if let Some(coding) = compression(response.headers()) {
            return Err(Failure::Other {
                error: Error::malformed(
                    "response",
                    format!(
                        "the body is compressed ({}), which was not asked for",
                        quoted(&coding)
                    ),
                ),
                retryable: false,
            });
        }
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(|e| classify(e, url, &limits))?;
        String::from_utf8(bytes).map_err(|_| Failure::Other {
            error: Error::malformed("response", "the body is not UTF-8 text"),
            retryable: false,
        })
    }

    /// The error for the last failure, saying which limit fired, how many
    /// attempts were made, and through which proxy.
    fn explain(
        &self,
        failure: Failure,
        url: &str,
        deadline: &Deadline,
        context: &Context<'_>,
    ) -> Error {
        let url = without_query(url);
        let mut after = String::new();
        if let Some(proxy) = context.proxy {
            after.push_str(&format!(" (through {})", proxy.describe()));
        }
        if context.attempts > 1 {
            after.push_str(&format!(" (after {} attempts", context.attempts));
            if let (Some(before), Failure::Deadline) = (context.before, &failure) {
                after.push_str(&format!("; the one before: {before}"));
            }
            after.push(')');
        }
        match failure {
            Failure::Deadline => Error::Timeout(format!(
                "{url}: no complete answer within {}{after}",
                deadline.describe()
            )),
            Failure::Connect => Error::Timeout(format!(
                "{url}: could not connect within connect_timeout ({:?}){after}",
                self.connect_timeout
            )),
            Failure::Other {
                error: Error::Transport(message),
                ..
            } => Error::Transport(format!("{message}{after}")),
            Failure::Other { error, .. } => error,
        }
    }
}

/// What a call's last error reports besides its own failure.
struct Context<'a> {
    /// The proxy the requests went through, if any.
    proxy: Option<&'a Proxy>,
    /// What the attempt before the last one met.
    before: Option<&'a str>,
    /// How many attempts were made.
    attempts: u32,
}

/// The limits one attempt ran under.
struct Limits<'a> {
    /// The call's deadline.
    deadline: &'a Deadline,
    /// Whether the time left in the call was shorter than `connect_timeout`,
    /// so that connecting was bounded by the deadline.
    connect_is_deadline: bool,
}

/// Sorts a ureq error into a [`Failure`]: what another attempt may cure is
/// retryable; certificate and TLS failures, oversized or broken answers and
/// unusable URLs or proxies are not.
fn classify(error: ureq::Error, url: &str, limits: &Limits<'_>) -> Failure {
    let deadline = limits.deadline;
    use std::io::ErrorKind as Kind;
    let shown = without_query(url);
    let permanent = |error| Failure::Other {
        error,
        retryable: false,
    };
    match error {
        ureq::Error::Timeout(_) if deadline.has_passed() => Failure::Deadline,
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
            if limits.connect_is_deadline {
                Failure::Deadline
            } else {
                Failure::Connect
            }
        }
        ureq::Error::Timeout(which) => permanent(Error::Timeout(format!(
            "{shown}: no answer in time ({which})"
        ))),
        ureq::Error::Io(io) if io.kind() == Kind::TimedOut => {
            if deadline.has_passed() {
                Failure::Deadline
            } else {
                permanent(Error::Timeout(format!("{shown}: {io}")))
            }
        }
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                Kind::InvalidData | Kind::InvalidInput | Kind::PermissionDenied | Kind::Unsupported
            ) =>
        {
            // rustls reports a refused certificate or a broken handshake as InvalidData.
            permanent(Error::Transport(format!(
                "{shown}: {io} (not retried: another attempt cannot succeed)"
            )))
        }
        ureq::Error::BodyExceedsLimit(limit) => permanent(Error::malformed(
            "response",
            format!("the body is larger than {limit} bytes"),
        )),
        ureq::Error::LargeResponseHeader(_, limit) => permanent(Error::malformed(
            "response",
            format!("the status line and headers are larger than {limit} bytes"),
        )),
        ureq::Error::Protocol(e) => permanent(Error::malformed(
            "response",
            format!("the answer is not valid HTTP/1.1: {e}"),
        )),
        e @ (ureq::Error::Io(_) | ureq::Error::HostNotFound | ureq::Error::ConnectionFailed) => {
            Failure::Other {
                error: Error::Transport(format!("{shown}: {e}")),
                retryable: true,
            }
        }
        other => permanent(Error::Transport(format!(
            "{shown}: {other} (not retried: another attempt cannot succeed)"
        ))),
    }
}

/// The first content or transfer coding of an answer other than `identity`
/// (and, for the transfer, `chunked`), in any of its headers: a body is read
/// as sent, never inflated.
fn compression(headers: &ureq::http::HeaderMap) -> Option<String> {
    // A value that is not visible ASCII reads as "?": not a coding we accept.
    let codings = |name| {
        headers
            .get_all(name)
            .into_iter()
            .flat_map(|value| value.to_str().unwrap_or("?").split(','))
            .map(|coding| coding.trim().to_ascii_lowercase())
            .filter(|coding| !coding.is_empty())
    };
    codings("content-encoding")
        .find(|c| c != "identity")
        .or_else(|| codings("transfer-encoding").find(|c| c != "identity" && c != "chunked"))
}

fn backoff(first: Duration, attempt: u32) -> Duration {
    first.saturating_mul(1 << attempt.min(16)).min(MAX_BACKOFF)
}

/// The URL without its query string (which holds a signature, and is long).
fn without_query(url: &str) -> &str {
    url.split('?').next().unwrap_or(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    fn retryable(error: ureq::Error) -> bool {
        let deadline = Deadline::after(Duration::from_secs(60), "timeout");
        let limits = Limits {
            deadline: &deadline,
            connect_is_deadline: false,
        };
        match classify(error, "http://h/x?signature=abc", &limits) {
            Failure::Connect => true,
            Failure::Other { retryable, error } => {
                assert!(!error.to_string().contains("signature"), "{error}");
                retryable
            }
            Failure::Deadline => false,
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
            ureq::Error::ConnectionFailed,
            ureq::Error::HostNotFound,
            ureq::Error::Io(io::Error::new(io::ErrorKind::ConnectionRefused, "refused")),
            ureq::Error::Io(io::Error::new(io::ErrorKind::ConnectionReset, "reset")),
            ureq::Error::Timeout(ureq::Timeout::Connect),
        ] {
            assert!(retryable(cured));
        }
        for hopeless in [
            ureq::Error::Io(io::Error::new(
                io::ErrorKind::InvalidData,
                "invalid peer certificate: UnknownIssuer",
            )),
            ureq::Error::LargeResponseHeader(70_000, MAX_HEADER_BYTES),
            ureq::Error::BodyExceedsLimit(MAX_BODY_BYTES),
            ureq::Error::Tls("no provider"),
            ureq::Error::BadUri("x".into()),
            ureq::Error::Timeout(ureq::Timeout::RecvBody),
        ] {
            assert!(!retryable(hopeless));
        }
    }

    #[test]
    fn a_timeout_at_or_bounded_by_the_deadline_is_the_deadline() {
        let passed = Deadline::after(Duration::ZERO, "timeout");
        let running = Deadline::after(Duration::from_secs(60), "timeout");
        for (deadline, connect_is_deadline) in [(&passed, false), (&running, true)] {
            let limits = Limits {
                deadline,
                connect_is_deadline,
            };
            let connect = ureq::Error::Timeout(ureq::Timeout::Connect);
            assert!(matches!(
                classify(connect, "http://h", &limits),
                Failure::Deadline
            ));
        }
    }

    #[test]
    fn any_coding_but_identity_is_compression_in_any_header() {
        fn headers(pairs: &[(&'static str, &str)]) -> ureq::http::HeaderMap {
            let mut map = ureq::http::HeaderMap::new();
            for (name, value) in pairs {
                map.append(*name, value.parse().unwrap());
            }
            map
        }
        for plain in [
            vec![],
            vec![("content-encoding", "identity")],
            vec![("transfer-encoding", "chunked")],
            vec![("Transfer-Encoding", "identity, chunked")],
        ] {
            assert_eq!(compression(&headers(&plain)), None, "{plain:?}");
        }
        for (compressed, coding) in [
            (vec![("content-encoding", "gzip")], "gzip"),
            (
                vec![("content-encoding", "identity"), ("content-encoding", "br")],
                "br",
            ),
            (vec![("content-encoding", "identity, deflate")], "deflate"),
            (vec![("transfer-encoding", "gzip, chunked")], "gzip"),
        ] {
            assert_eq!(compression(&headers(&compressed)).as_deref(), Some(coding));
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
