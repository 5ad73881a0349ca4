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
