//! HTTP for the client: one reused `ureq::Agent`, timeouts, bounded retries of
//! `GET`s, and ureq's errors translated into this crate's [`Error`].

use std::thread::sleep;
use std::time::Duration;

use ureq::Agent;

use super::config::{Config, MAX_BACKOFF};
use crate::error::{Error, Result};
use crate::request::{Method, CONTENT_TYPE_JSON};

/// The largest response body read; Latipay's are a few kilobytes (gateway data
/// with its PNG the largest).
const MAX_BODY_BYTES: u64 = 4 * 1024 * 1024;

/// Whether a request may be sent again after it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Sending it twice does no harm (a query).
    Safe,
    /// It may act twice (every `POST`) or use something single-use (a nonce).
    Never,
}

/// Sends requests and returns the body of a `200 OK` as text.
pub(crate) struct Transport {
    agent: Agent,
    max_retries: u32,
    retry_backoff: Duration,
}

impl Transport {
    pub(crate) fn new(config: &Config) -> Self {
        let agent = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(config.connect_timeout))
            .user_agent(config.user_agent.as_str())
            .accept("application/json")
            .build()
            .into();
        Transport {
            agent,
            max_retries: config.max_retries,
            retry_backoff: config.retry_backoff,
        }
    }

    /// Sends one request. With [`Retry::Safe`], a failure to connect or a 5xx
    /// is tried again up to `max_retries` times with doubling pauses.
    pub(crate) fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        timeout: Duration,
        retry: Retry,
    ) -> Result<String> {
        let mut attempt = 0;
        loop {
            match self.send_once(method, url, body, timeout) {
                Err(e)
                    if retry == Retry::Safe && attempt < self.max_retries && worth_retrying(&e) =>
                {
                    sleep(backoff(self.retry_backoff, attempt));
                    attempt += 1;
                }
                Err(Error::Transport(message)) if attempt > 0 => {
                    return Err(Error::Transport(format!(
                        "{message} (after {} attempts)",
                        attempt + 1
                    )));
                }
                other => return other,
            }
        }
    }

    fn send_once(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        timeout: Duration,
    ) -> Result<String> {
        let sent = match method {
            Method::Get => self
                .agent
                .get(url)
                .config()
                .timeout_global(Some(timeout))
                .build()
                .call(),
            Method::Post => self
                .agent
                .post(url)
                .header("Content-Type", CONTENT_TYPE_JSON)
                .config()
                .timeout_global(Some(timeout))
                .build()
                .send(body.unwrap_or_default()),
        };
        let mut response = sent.map_err(|e| from_ureq(e, url, timeout))?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(Error::HttpStatus {
                status,
                url: without_query(url).to_owned(),
            });
        }
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(|e| from_ureq(e, url, timeout))?;
        String::from_utf8(bytes)
            .map_err(|_| Error::malformed("response", "the body is not UTF-8 text"))
    }
}

/// Connection trouble and server errors may pass; a timeout is not retried
/// (the server may still be working on it, and waiting again doubles the wait).
fn worth_retrying(error: &Error) -> bool {
    matches!(error, Error::Transport(_))
        || matches!(error, Error::HttpStatus { status, .. } if *status >= 500)
}

fn backoff(first: Duration, attempt: u32) -> Duration {
    first.saturating_mul(1 << attempt.min(16)).min(MAX_BACKOFF)
}

fn from_ureq(error: ureq::Error, url: &str, timeout: Duration) -> Error {
    let url = without_query(url);
    match error {
        ureq::Error::Timeout(which) => Error::Timeout(format!(
            "{url}: no complete answer ({which}) within {timeout:?}"
        )),
        ureq::Error::Io(ref io) if io.kind() == std::io::ErrorKind::TimedOut => {
            Error::Timeout(format!("{url}: {io}"))
        }
        ureq::Error::BodyExceedsLimit(limit) => {
            Error::malformed("response", format!("the body is larger than {limit} bytes"))
        }
        other => Error::Transport(format!("{url}: {other}")),
    }
}

/// The URL without its query string (which holds a signature, and is long).
fn without_query(url: &str) -> &str {
    url.split('?').next().unwrap_or(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let first = Duration::from_millis(200);
        assert_eq!(backoff(first, 0), Duration::from_millis(200));
        assert_eq!(backoff(first, 1), Duration::from_millis(400));
        assert_eq!(backoff(first, 2), Duration::from_millis(800));
        assert_eq!(backoff(first, 30), MAX_BACKOFF);
    }

    #[test]
    fn only_connection_errors_and_5xx_are_retried() {
        assert!(worth_retrying(&Error::Transport("refused".into())));
        assert!(worth_retrying(&Error::HttpStatus {
            status: 502,
            url: "u".into()
        }));
        assert!(!worth_retrying(&Error::HttpStatus {
            status: 404,
            url: "u".into()
        }));
        assert!(!worth_retrying(&Error::Timeout("t".into())));
        assert!(!worth_retrying(&Error::Api {
            code: 1,
            message: "FAIL".into()
        }));
    }

    #[test]
    fn query_strings_are_left_out_of_messages() {
        assert_eq!(
            without_query("http://h/v2/transaction/r?user_id=U&signature=abc"),
            "http://h/v2/transaction/r"
        );
    }
}
