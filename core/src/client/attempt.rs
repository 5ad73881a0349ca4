//! Each attempt of a call, reported as it ends: to the `log` crate (target
//! `latipay`: `debug` for an answer, `warn` for a failure) and to the
//! [`AttemptListener`] of the [`crate::Config`], which the bindings point at
//! their language's logging.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// One attempt of a call. It holds nothing secret: the path has no query
/// string (where a query's signature travels), a payment nonce in it is
/// `[REDACTED]`, and no header or body is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The URL's path, e.g. `/v2/transaction/order-1001`.
    pub path: String,
    /// 1 for the first attempt of the call, 2 for its first retry, …
    pub attempt: u32,
    /// The HTTP status, when an answer's head arrived.
    pub status: Option<u16>,
    /// From sending the request to the end of the attempt.
    pub duration: Duration,
    /// The error code this attempt met (`timeout`, `http_status`,
    /// `invalid_signature`, …), or `None` when it succeeded.
    pub error_code: Option<&'static str>,
    /// Whether another attempt follows.
    pub retrying: bool,
}

impl fmt::Display for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: ", self.method, self.path)?;
        match self.status {
            Some(status) => write!(f, "{status}")?,
            None => f.write_str("no answer")?,
        }
        if let Some(code) = self.error_code {
            write!(f, " ({code})")?;
        }
        write!(
            f,
            " in {} ms, attempt {}",
            self.duration.as_millis(),
            self.attempt
        )?;
        if self.retrying {
            f.write_str(", retrying")?;
        }
        Ok(())
    }
}

/// Told of every attempt of every call of a client, on the thread that
/// drives the call: keep it quick.
#[derive(Clone)]
pub struct AttemptListener(Arc<dyn Fn(&Attempt) + Send + Sync>);

impl AttemptListener {
    /// A listener calling `listen`.
    pub fn new(listen: impl Fn(&Attempt) + Send + Sync + 'static) -> Self {
        AttemptListener(Arc::new(listen))
    }
}

impl fmt::Debug for AttemptListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AttemptListener")
    }
}

/// Reports `attempt` to the `log` crate and to `listener`.
pub(crate) fn report(attempt: &Attempt, listener: Option<&AttemptListener>) {
    match attempt.error_code {
        None => log::debug!(target: "latipay", "{attempt}"),
        Some(_) => log::warn!(target: "latipay", "{attempt}"),
    }
    if let Some(listener) = listener {
        (listener.0)(attempt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attempt_reads_as_one_line() {
        let mut attempt = Attempt {
            method: "GET",
            path: "/v2/transaction/r1".into(),
            attempt: 2,
            status: Some(503),
            duration: Duration::from_millis(12),
            error_code: Some("http_status"),
            retrying: true,
        };
        assert_eq!(
            attempt.to_string(),
            "GET /v2/transaction/r1: 503 (http_status) in 12 ms, attempt 2, retrying"
        );
        attempt.status = None;
        attempt.error_code = None;
        attempt.retrying = false;
        assert_eq!(
            attempt.to_string(),
            "GET /v2/transaction/r1: no answer in 12 ms, attempt 2"
        );
    }
}
