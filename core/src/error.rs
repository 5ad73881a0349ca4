//! The one public error type, with a stable code string per variant.
//!
//! Every binding (Python, Node, Kotlin) exposes [`Error::code`] unchanged, so a
//! merchant can match on the same string in every language. Messages are for
//! people; codes are for programs. No message ever contains the api_key: the
//! crate never formats it, and every function that is given the key (and the
//! [`crate::Client`]) scrubs it from any text a server or sender echoes back.

use std::fmt;

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when talking to Latipay or checking what it sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Input given by the caller was rejected before anything was signed or sent.
    #[error("invalid argument `{field}`: {reason}")]
    InvalidArgument {
        /// The parameter at fault, named as on the wire (`amount`, `callback_url`, …).
        field: String,
        /// Why it was rejected, in words a developer can act on.
        reason: String,
    },

    /// A signature sent by Latipay (or by someone pretending to be Latipay) did
    /// not match. The data must not be trusted.
    #[error("invalid signature on the {what}")]
    InvalidSignature {
        /// What carried the bad signature (`notification`, `create response`, …).
        what: &'static str,
    },

    /// Latipay answered with a non-zero `code`.
    #[error("Latipay error {code}: {message}")]
    Api {
        /// Latipay's numeric error code (206 = wrong signature, 201 = no such order, …).
        code: i64,
        /// Latipay's English message, as sent.
        message: String,
    },

    /// The server answered with an HTTP status other than 200. Latipay answers
    /// 200 even for failures, so this usually means a wrong base URL or an outage.
    #[error("unexpected HTTP status {status} from {url}")]
    HttpStatus {
        /// The HTTP status code.
        status: u16,
        /// The URL requested, without its query string.
        url: String,
    },

    /// The request could not be delivered or its answer not read (DNS, refused
    /// connection, TLS, reset, …). `GET`s have already been retried. A `POST`
    /// may still have reached Latipay: query the order before sending it again
    /// (a refund sent twice is refunded twice).
    #[error("transport error: {0}")]
    Transport(String),

    /// The request timed out. A `POST` may still have reached Latipay: query the
    /// order before sending it again.
    #[error("timed out: {0}")]
    Timeout(String),

    /// Something Latipay sent (a response, notification or redirect) could not
    /// be understood: not JSON, a missing field, a duplicated field, bad
    /// encoding, or a signed field outside its grammar (`payment_method=2alipay`).
    #[error("malformed {what}: {reason}")]
    MalformedResponse {
        /// What could not be parsed (`notification`, `query response`, …).
        what: &'static str,
        /// The field at fault, named as on the wire, when one is.
        field: Option<String>,
        /// What exactly was wrong.
        reason: String,
    },
}

/// The stable identifiers returned by [`Error::code`], one per variant.
pub mod codes {
    /// See [`crate::Error::InvalidArgument`].
    pub const INVALID_ARGUMENT: &str = "invalid_argument";
    /// See [`crate::Error::InvalidSignature`].
    pub const INVALID_SIGNATURE: &str = "invalid_signature";
    /// See [`crate::Error::Api`].
    pub const API_ERROR: &str = "api_error";
    /// See [`crate::Error::HttpStatus`].
    pub const HTTP_STATUS: &str = "http_status";
    /// See [`crate::Error::Transport`].
    pub const TRANSPORT: &str = "transport";
    /// See [`crate::Error::Timeout`].
    pub const TIMEOUT: &str = "timeout";
    /// See [`crate::Error::MalformedResponse`].
    pub const MALFORMED_RESPONSE: &str = "malformed_response";

    /// Every code, in declaration order.
    pub const ALL: [&str; 7] = [
        INVALID_ARGUMENT,
        INVALID_SIGNATURE,
        API_ERROR,
        HTTP_STATUS,
        TRANSPORT,
        TIMEOUT,
        MALFORMED_RESPONSE,
    ];
}

impl Error {
    /// The stable, language-independent identifier of this kind of error,
    /// for example `"invalid_signature"`. See [`codes`].
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidArgument { .. } => codes::INVALID_ARGUMENT,
            Error::InvalidSignature { .. } => codes::INVALID_SIGNATURE,
            Error::Api { .. } => codes::API_ERROR,
            Error::HttpStatus { .. } => codes::HTTP_STATUS,
            Error::Transport(_) => codes::TRANSPORT,
            Error::Timeout(_) => codes::TIMEOUT,
            Error::MalformedResponse { .. } => codes::MALFORMED_RESPONSE,
        }
    }

    /// Builds an [`Error::InvalidArgument`].
    pub(crate) fn invalid(field: impl Into<String>, reason: impl fmt::Display) -> Self {
        Error::InvalidArgument {
            field: field.into(),
            reason: reason.to_string(),
        }
    }

    /// Builds an [`Error::MalformedResponse`] about the whole of `what`.
    pub(crate) fn malformed(what: &'static str, reason: impl fmt::Display) -> Self {
        Error::MalformedResponse {
            what,
            field: None,
            reason: reason.to_string(),
        }
    }

    /// Builds an [`Error::MalformedResponse`] about one field of `what`; the
    /// reason reads "field `{field}` {detail}".
    pub(crate) fn malformed_field(
        what: &'static str,
        field: &str,
        detail: impl fmt::Display,
    ) -> Self {
        Error::MalformedResponse {
            what,
            field: Some(field.to_owned()),
            reason: format!("field `{field}` {detail}"),
        }
    }

    /// Removes `api_key` from this error's text (as written, escaped, or what
    /// is left of it where a quotation was cut short), for errors built from
    /// caller input the key may have been passed as by mistake. Every function
    /// of this crate given the key already does this; a binding validating its
    /// own arguments may need it.
    pub fn redact(self, api_key: &crate::ApiKey) -> Self {
        self.scrub(api_key.expose())
    }

    /// Replaces every occurrence of `secret` in this error's text with a marker,
    /// so that a server echoing the api_key cannot leak it.
    pub(crate) fn scrub(self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        let clean = |s: String| crate::redaction::scrub_text(s, secret);
        match self {
            Error::InvalidArgument { field, reason } => Error::InvalidArgument {
                field: clean(field),
                reason: clean(reason),
            },
            Error::Api { code, message } => Error::Api {
                code,
                message: clean(message),
            },
            Error::HttpStatus { status, url } => Error::HttpStatus {
                status,
                url: clean(url),
            },
            Error::Transport(m) => Error::Transport(clean(m)),
            Error::Timeout(m) => Error::Timeout(clean(m)),
            Error::MalformedResponse {
                what,
                field,
                reason,
            } => Error::MalformedResponse {
                what,
                field: field.map(clean),
                reason: clean(reason),
            },
            e @ Error::InvalidSignature { .. } => e,
        }
    }
}

/// Runs `call`, scrubbing `secret` from any error it returns.
pub(crate) fn scrubbed<T>(secret: &str, call: impl FnOnce() -> Result<T>) -> Result<T> {
    call().map_err(|e| e.scrub(secret))
}

/// Quotes caller input for an error message, shortened so a huge value cannot
/// flood a log (a shortened quotation ends with `redaction::CUT_MARK`).
pub(crate) fn quoted(text: &str) -> String {
    if text.chars().count() <= QUOTE_MAX_CHARS {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(QUOTE_MAX_CHARS).collect();
        format!("{head:?}…")
    }
}

/// How many characters of caller input [`quoted`] shows.
const QUOTE_MAX_CHARS: usize = 40;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_a_distinct_code() {
        let errors = [
            Error::invalid("amount", "bad"),
            Error::InvalidSignature {
                what: "notification",
            },
            Error::Api {
                code: 206,
                message: "sig".into(),
            },
            Error::HttpStatus {
                status: 404,
                url: "u".into(),
            },
            Error::Transport("t".into()),
            Error::Timeout("t".into()),
            Error::malformed("notification", "x"),
        ];
        let got: Vec<_> = errors.iter().map(Error::code).collect();
        let pinned = [
            "invalid_argument",
            "invalid_signature",
            "api_error",
            "http_status",
            "transport",
            "timeout",
            "malformed_response",
        ];
        assert_eq!(got, pinned);
        assert_eq!(codes::ALL, pinned);
    }

    #[test]
    fn scrub_removes_the_secret_everywhere() {
        let e = Error::Api {
            code: 1,
            message: "key s3cr3t was wrong, s3cr3t!".into(),
        }
        .scrub("s3cr3t");
        assert!(!e.to_string().contains("s3cr3t"));
        assert!(e.to_string().contains(crate::secret::REDACTED));
    }

    #[test]
    fn scrub_removes_the_secret_as_quoted_escaped_or_cut_short() {
        for secret in [
            "a\"quoted\\key",
            "k+/=0123456789012345678901234567890123456789012345678901234567890123456789",
        ] {
            let e =
                Error::invalid("user_id", format!("bad (got {})", quoted(secret))).scrub(secret);
            let shown = e.to_string();
            assert!(shown.contains(crate::secret::REDACTED), "{shown}");
            assert!(
                !shown.contains("quoted") && !shown.contains("0123456789"),
                "{shown}"
            );
        }
    }
}
