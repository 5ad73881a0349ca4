//! The create-transaction response, signed by rule B over `nonce + host_url`.

use crate::error::{scrubbed, Error, Result};
use crate::fields::Fields;
use crate::received;
use crate::signature::{require_key, verify_concat};

/// A created transaction: where to send the customer (or, for merchant-hosted
/// offline, where to fetch the QR code from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedTransaction {
    /// The base URL Latipay returned, e.g. `https://pay.latipay.net/pay`.
    pub host_url: String,
    /// The single-use nonce. Use it now; never store it.
    pub nonce: String,
    /// `{host_url}/{nonce}`: the page to send the customer to, or the gateway
    /// data URL for merchant-hosted offline.
    pub payment_url: String,
}

/// Parses and verifies the answer to a create-transaction request. The nonce
/// and host URL must be within their grammar (see the crate's `received`
/// rules) before the signature over `nonce + host_url` counts.
pub fn parse_create_response(body: &str, api_key: &str) -> Result<CreatedTransaction> {
    scrubbed(api_key, || {
        require_key(api_key)?;
        let mut fields = Fields::from_json(body, "create response")?;
        super::take_code(&mut fields, true)?;
        let signature = fields.signature()?;
        let host_url = fields.required("host_url")?;
        let nonce = fields.required("nonce")?;
        received::nonce("create response", &nonce)?;
        received::host_url("create response", &host_url)?;
        if !verify_concat(&[&nonce, &host_url], api_key, &signature) {
            return Err(Error::InvalidSignature {
                what: "create response",
            });
        }
        let payment_url = format!("{}/{}", host_url.trim_end_matches('/'), nonce);
        Ok(CreatedTransaction {
            host_url,
            nonce,
            payment_url,
        })
    })
}
