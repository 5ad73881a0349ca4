//! The HTTP side of the blocking client: one `ureq` agent, one deadline per
//! call, bounded retries of what may succeed on another attempt, and answers
//! read as sent (never decompressed) within a size limit.

use std::thread::sleep;
use std::time::Duration;

use ureq::Agent;

use super::config::{Config, MAX_BACKOFF};
use super::deadline::Deadline;
use super::proxy::ProxySettings;
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
    /// (see [`super::proxy`]) and fail the client when they cannot be honoured.
    pub(crate) fn new(config: &Config) -> Result<Self> {
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
            .build()
            .into();
        Ok(Transport {
            agent,
            proxies: ProxySettings::from_env()?,
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
        let proxy = url::Url::parse(url)
            .ok()
            .and_then(|parsed| self.proxies.for_url(&parsed));
        let mut attempts = 0;
        loop {
            attempts += 1;
            let failure = match self.attempt(method, url, body, &deadline, proxy.clone()) {
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
                    sleep(pause);
                    continue;
                }
            }
            return Err(self.explain(failure, url, &deadline, attempts));
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
        let sent = match method {
            Method::Get => self
                .agent
                .get(url)
                .config()
                .timeout_global(Some(remaining))
                .timeout_connect(Some(self.connect_timeout.min(remaining)))
                .proxy(proxy)
                .build()
                .call(),
            Method::Post => self
                .agent
                .post(url)
                .header("Content-Type", CONTENT_TYPE_JSON)
                .config()
                .timeout_global(Some(remaining))
                .timeout_connect(Some(self.connect_timeout.min(remaining)))
                .proxy(proxy)
                .build()
                .send(body.unwrap_or_default()),
        };
        let mut response = sent.map_err(|e| classify(e, url, deadline))?;
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
        if let Some(encoding) = response.headers().get("content-encoding") {
            let encoding = String::from_utf8_lossy(encoding.as_bytes());
            if !encoding.trim().eq_ignore_ascii_case("identity") {
                return Err(Failure::Other {
                    error: Error::malformed(
                        "response",
                        format!(
                            "the body is compressed (Content-Encoding {}), which was not asked for",
                            quoted(&encoding)
                        ),
                    ),
                    retryable: false,
                });
            }
        }
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(|e| classify(e, url, deadline))?;
        String::from_utf8(bytes).map_err(|_| Failure::Other {
            error: Error::malformed("response", "the body is not UTF-8 text"),
            retryable: false,
        })
    }

    /// The error for the last failure, saying which limit fired and how many
    /// attempts were made.
    fn explain(&self, failure: Failure, url: &str, deadline: &Deadline, attempts: u32) -> Error {
        let url = without_query(url);
        let after = if attempts > 1 {
            format!(" (after {attempts} attempts)")
        } else {
            String::new()
        };
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

/// Sorts a ureq error into a [`Failure`]: what another attempt may cure is
/// retryable; certificate and TLS failures, oversized or broken answers and
/// unusable URLs or proxies are not.
fn classify(error: ureq::Error, url: &str, deadline: &Deadline) -> Failure {
    use std::io::ErrorKind as Kind;
    let shown = without_query(url);
    let permanent = |error| Failure::Other {
        error,
        retryable: false,
    };
    match error {
        ureq::Error::Timeout(_) if deadline.has_passed() => Failure::Deadline,
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => Failure::Connect,
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
        match classify(error, "http://h/x?signature=abc", &deadline) {
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
    fn a_timeout_after_the_deadline_is_the_deadline() {
        let deadline = Deadline::after(Duration::ZERO, "timeout");
        assert!(matches!(
            classify(
                ureq::Error::Timeout(ureq::Timeout::Connect),
                "http://h",
                &deadline
            ),
            Failure::Deadline
        ));
    }

    #[test]
    fn query_strings_are_left_out_of_messages() {
        assert_eq!(
            without_query("http://h/v2/transaction/r?user_id=U&signature=abc"),
            "http://h/v2/transaction/r"
        );
    }
}
