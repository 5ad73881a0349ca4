//! The one exception type Kotlin sees: a sealed `LatipayException` whose
//! subclasses mirror the core's error variants (their fields are the
//! message) and whose `code` is the core's stable string.

use latipay::codes;

/// Everything that can go wrong; Kotlin's `LatipayException`. Match on the
/// subclass or on `code`, never on the message. No message contains the api_key.
#[derive(Debug, thiserror::Error, uniffi::Error)]
#[error("{}", self.code())]
pub enum LatipayError {
    /// Input was rejected before anything was signed or sent (`invalid_argument`).
    InvalidArgument {
        /// The parameter at fault, named as on the wire (`amount`, `callback_url` …).
        field: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A signature sent by Latipay did not match; do not trust the data (`invalid_signature`).
    InvalidSignature {
        /// What carried it (`notification`, `create response` …).
        what: String,
    },
    /// Latipay answered with a non-zero `code` (`api_error`).
    Api {
        /// Latipay's numeric code (206 bad signature, 201 no such order, 550 …).
        api_code: i64,
        /// Latipay's message, as sent.
        api_message: String,
    },
    /// An HTTP status other than 200 (`http_status`).
    HttpStatus {
        /// The HTTP status.
        status: i32,
        /// The URL, without its query string.
        url: String,
    },
    /// The request could not be delivered or its answer read (`transport`); a
    /// POST may still have arrived: query before sending it again.
    Transport {
        /// What failed.
        reason: String,
    },
    /// The request timed out (`timeout`); a POST may still have arrived.
    Timeout {
        /// What timed out.
        reason: String,
    },
    /// Something Latipay sent could not be understood (`malformed_response`):
    /// not JSON, a field missing or repeated, a signed field outside its
    /// grammar (`payment_method=2alipay`).
    MalformedResponse {
        /// What could not be read (`notification`, `query response` …).
        what: String,
        /// What exactly was wrong.
        reason: String,
        /// The field at fault, named as on the wire, or null when the whole of it is.
        field: Option<String>,
    },
    /// An error of a newer core this binding has no subclass for yet; `code`
    /// is still the core's.
    Other {
        /// The core's stable code.
        code: String,
        /// The core's message.
        detail: String,
    },
}

#[uniffi::export]
impl LatipayError {
    /// The stable code, the same in Rust, Python, Node and Kotlin:
    /// `invalid_argument`, `invalid_signature`, `api_error`, `http_status`,
    /// `transport`, `timeout` or `malformed_response`.
    pub fn code(&self) -> String {
        match self {
            Self::InvalidArgument { .. } => codes::INVALID_ARGUMENT,
            Self::InvalidSignature { .. } => codes::INVALID_SIGNATURE,
            Self::Api { .. } => codes::API_ERROR,
            Self::HttpStatus { .. } => codes::HTTP_STATUS,
            Self::Transport { .. } => codes::TRANSPORT,
            Self::Timeout { .. } => codes::TIMEOUT,
            Self::MalformedResponse { .. } => codes::MALFORMED_RESPONSE,
            Self::Other { code, .. } => code,
        }
        .to_owned()
    }
}

impl From<latipay::Error> for LatipayError {
    fn from(error: latipay::Error) -> Self {
        use latipay::Error as E;
        match error {
            E::InvalidArgument { field, reason } => Self::InvalidArgument { field, reason },
            E::InvalidSignature { what } => Self::InvalidSignature {
                what: what.to_owned(),
            },
            E::Api { code, message } => Self::Api {
                api_code: code,
                api_message: message,
            },
            E::HttpStatus { status, url } => Self::HttpStatus {
                status: status.into(),
                url,
            },
            E::Transport(reason) => Self::Transport { reason },
            E::Timeout(reason) => Self::Timeout { reason },
            E::MalformedResponse {
                what,
                field,
                reason,
            } => Self::MalformedResponse {
                what: what.to_owned(),
                reason,
                field,
            },
            // `latipay::Error` is non-exhaustive: a variant added to the core
            // reaches Kotlin with its code and message rather than being lost.
            other => Self::Other {
                code: other.code().to_owned(),
                detail: other.to_string(),
            },
        }
    }
}

/// Shorthand for the binding's results.
pub type Result<T, E = LatipayError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_error_keeps_its_code() {
        let errors = [
            latipay::Error::InvalidArgument {
                field: "amount".to_owned(),
                reason: "no".to_owned(),
            },
            latipay::Error::InvalidSignature {
                what: "notification",
            },
            latipay::Error::Api {
                code: 206,
                message: "bad signature".to_owned(),
            },
            latipay::Error::HttpStatus {
                status: 502,
                url: "http://127.0.0.1/".to_owned(),
            },
            latipay::Error::Transport("refused".to_owned()),
            latipay::Error::Timeout("slow".to_owned()),
            latipay::Error::MalformedResponse {
                what: "notification",
                field: Some("status".to_owned()),
                reason: "no".to_owned(),
            },
        ];
        // One of each: a variant added to the core fails this until mapped here.
        assert_eq!(errors.len(), codes::ALL.len());
        for error in errors {
            let code = error.code();
            assert_eq!(LatipayError::from(error).code(), code);
        }
    }
}
