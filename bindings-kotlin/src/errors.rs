//! The one exception type Kotlin sees: a sealed `LatipayException` whose
//! subclasses mirror the core's error variants, read from
//! [`latipay::ffi::ErrorDetails`].

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
        let d = error.details();
        let (reason, what) = (d.reason.unwrap_or_default(), d.what.unwrap_or_default());
        match d.code {
            codes::INVALID_ARGUMENT => Self::InvalidArgument {
                field: d.field.unwrap_or_default(),
                reason,
            },
            codes::INVALID_SIGNATURE => Self::InvalidSignature { what: what.into() },
            codes::API_ERROR => Self::Api {
                api_code: d.api_code.unwrap_or_default(),
                api_message: d.api_message.unwrap_or_default(),
            },
            codes::HTTP_STATUS => Self::HttpStatus {
                status: d.status.unwrap_or_default().into(),
                url: d.url.unwrap_or_default(),
            },
            codes::TRANSPORT => Self::Transport { reason },
            codes::TIMEOUT => Self::Timeout { reason },
            codes::MALFORMED_RESPONSE => Self::MalformedResponse {
                what: what.into(),
                reason,
                field: d.field,
            },
            // A code added to the core reaches Kotlin with its message rather than being lost.
            code => Self::Other {
                code: code.to_owned(),
                detail: d.message,
            },
        }
    }
}

/// Shorthand for the binding's results.
pub type Result<T, E = LatipayError> = std::result::Result<T, E>;
