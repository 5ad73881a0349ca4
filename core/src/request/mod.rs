//! Building signed requests, independent of any HTTP client. Each builder
//! validates its input, signs it by rule A and yields a [`SignedRequest`] that
//! any HTTP stack can send.

mod barcode;
mod cancel;
mod create;
mod query;
mod refund;

pub use barcode::Barcode;
pub use cancel::Cancel;
pub use create::{CreateTransaction, API_VERSION};
pub use query::Query;
pub use refund::Refund;

use std::collections::BTreeMap;

use crate::credentials::Credentials;
use crate::error::Result;
use crate::signature::{sign, SIGNATURE_FIELD};

/// The HTTP method of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: query. Safe to retry.
    Get,
    /// `POST`: everything else. Never retried automatically.
    Post,
}

impl Method {
    /// `"GET"` or `"POST"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A validated, signed request, ready to send to the API base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// `GET` or `POST`.
    pub method: Method,
    /// The path and query to append to the base URL, e.g. `/v2/transaction`.
    pub path_and_query: String,
    /// The JSON body for a `POST` (`Content-Type: application/json;charset=UTF-8`).
    pub body: Option<String>,
}

/// The `Content-Type` every request body is sent with.
pub const CONTENT_TYPE_JSON: &str = "application/json;charset=UTF-8";

/// Signs `fields` by rule A and returns a `POST` with them as its JSON body
/// (absent and empty values left out, `signature` added).
fn signed_post(
    path: &str,
    fields: &[(&str, Option<&str>)],
    credentials: &Credentials,
) -> Result<SignedRequest> {
    let signature = sign(fields.iter().copied(), credentials.api_key().expose())?;
    let mut body: BTreeMap<&str, &str> = fields
        .iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (*k, v)))
        .collect();
    body.insert(SIGNATURE_FIELD, &signature);
    // A map of strings always serialises.
    let body = serde_json::to_string(&body).expect("string map serialises");
    Ok(SignedRequest {
        method: Method::Post,
        path_and_query: path.to_owned(),
        body: Some(body),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Amount, ApiKey, PaymentMethod};

    #[test]
    fn a_key_pasted_into_any_field_is_not_shown() {
        // Long enough to be cut short where it is quoted, behind other text.
        let key = "Zq8/vN2+Lm4kP0xR7sT1uW9yB3cD5eF6";
        let credentials = Credentials::new("U1", "W1", ApiKey::new(key).unwrap()).unwrap();
        let amount = Amount::parse("1.00").unwrap();
        let order = || {
            CreateTransaction::new("o-1", amount.clone(), PaymentMethod::Alipay, "p")
                .callback_url("https://a.example/n")
                .return_url("https://a.example/r")
                .ip("1.2.3.4")
        };
        let behind = format!("client-ip={key}");
        let refused = [
            Query::new(key, false).signed(&credentials),
            Query::new(format!("order {key}"), false).signed(&credentials),
            Cancel::new(key).signed(&credentials),
            order().ip(behind.as_str()).signed(&credentials),
            order()
                .callback_url(format!("https://a.example/{key} x"))
                .signed(&credentials),
            order().return_url(key).signed(&credentials),
            Refund::new(key, amount.clone()).signed(&credentials),
            Barcode::new("o-1", amount.clone(), key).signed(&credentials),
            Barcode::new(behind.as_str(), amount.clone(), "134588558514585062")
                .signed(&credentials),
        ];
        for result in refused {
            let shown = result.unwrap_err().to_string();
            assert!(!shown.contains(&key[..6]), "{shown}");
        }
    }
}
