//! One struct of error details, so that each binding's error mapping reads
//! one struct rather than matching every variant.

use crate::error::Error;

/// Everything a binding shows of an [`Error`]: the stable code, the message
/// (which never holds the api_key), and each detail that applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorDetails {
    /// [`Error::code`]: `invalid_argument`, `invalid_signature`, `api_error` …
    pub code: &'static str,
    /// The whole message, as `Display` writes it.
    pub message: String,
    /// The field at fault, named as on the wire (`invalid_argument`, and
    /// `malformed_response` when one field is).
    pub field: Option<String>,
    /// What carried the fault (`notification`, `query response` …).
    pub what: Option<&'static str>,
    /// The message without its prefix (`invalid_argument`, `transport`,
    /// `timeout`, `malformed_response`).
    pub reason: Option<String>,
    /// Latipay's numeric code (`api_error`).
    pub api_code: Option<i64>,
    /// Latipay's message, as sent (`api_error`).
    pub api_message: Option<String>,
    /// The HTTP status (`http_status`).
    pub status: Option<u16>,
    /// The URL, without its query string (`http_status`).
    pub url: Option<String>,
}

impl Error {
    /// This error's [`ErrorDetails`].
    pub fn details(&self) -> ErrorDetails {
        let mut details = ErrorDetails {
            code: self.code(),
            message: self.to_string(),
            ..ErrorDetails::default()
        };
        match self {
            Error::InvalidArgument { field, reason } => {
                details.field = Some(field.clone());
                details.reason = Some(reason.clone());
            }
            Error::InvalidSignature { what } => details.what = Some(what),
            Error::Api { code, message } => {
                details.api_code = Some(*code);
                details.api_message = Some(message.clone());
            }
            Error::HttpStatus { status, url } => {
                details.status = Some(*status);
                details.url = Some(url.clone());
            }
            Error::Transport(reason) | Error::Timeout(reason) => {
                details.reason = Some(reason.clone())
            }
            Error::MalformedResponse {
                what,
                field,
                reason,
            } => {
                details.what = Some(what);
                details.field = field.clone();
                details.reason = Some(reason.clone());
            }
        }
        details
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_its_code_and_details() {
        let errors = [
            Error::invalid("amount", "no"),
            Error::InvalidSignature {
                what: "notification",
            },
            Error::Api {
                code: 206,
                message: "bad signature".to_owned(),
            },
            Error::HttpStatus {
                status: 502,
                url: "http://127.0.0.1/".to_owned(),
            },
            Error::Transport("refused".to_owned()),
            Error::Timeout("slow".to_owned()),
            Error::malformed_field("notification", "status", "no"),
        ];
        // One of each: a variant added to the core fails this until it has details.
        assert_eq!(errors.len(), crate::codes::ALL.len());
        let details: Vec<_> = errors.iter().map(Error::details).collect();
        for (error, details) in errors.iter().zip(&details) {
            assert_eq!(details.code, error.code());
            assert_eq!(details.message, error.to_string());
        }
        assert_eq!(details[0].field.as_deref(), Some("amount"));
        assert_eq!(details[1].what, Some("notification"));
        assert_eq!(
            (details[2].api_code, details[3].status),
            (Some(206), Some(502))
        );
        assert_eq!(details[4].reason.as_deref(), Some("refused"));
        assert_eq!(details[6].field.as_deref(), Some("status"));
        assert!(details[6]
            .reason
            .as_deref()
            .is_some_and(|r| r.ends_with("no")));
    }
}
