//! `GET /v2/transaction/{merchant_reference}`, optionally a long poll.

use super::{Method, SignedRequest};
use crate::credentials::Credentials;
use crate::error::{scrubbed, Result};
use crate::signature::sign;
use crate::validate;

/// A status query for one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The order to ask about.
    pub merchant_reference: String,
    /// Long poll (`is_block=1`): Latipay holds the request until the status
    /// changes, up to 180 seconds.
    pub block: bool,
}

impl Query {
    /// A query for `merchant_reference`; `block` asks for a long poll.
    pub fn new(merchant_reference: impl Into<String>, block: bool) -> Self {
        Query {
            merchant_reference: merchant_reference.into(),
            block,
        }
    }

    /// Validates and signs the query (rule A over `merchant_reference`,
    /// `user_id` and `is_block` when set).
    pub fn signed(&self, credentials: &Credentials) -> Result<SignedRequest> {
        // Caller input is quoted in errors: a key pasted into a field is not shown.
        scrubbed(credentials.api_key().expose(), || {
            validate::merchant_reference(&self.merchant_reference)?;
            let is_block = self.block.then_some("1");
            let signature = sign(
                [
                    ("merchant_reference", Some(self.merchant_reference.as_str())),
                    ("user_id", Some(credentials.user_id())),
                    ("is_block", is_block),
                ],
                credentials.api_key().expose(),
            )?;
            // Every value is validated to URL-safe characters, so none needs escaping.
            let mut path_and_query = format!(
                "/v2/transaction/{}?user_id={}",
                self.merchant_reference,
                credentials.user_id()
            );
            if is_block.is_some() {
                path_and_query.push_str("&is_block=1");
            }
            path_and_query.push_str("&signature=");
            path_and_query.push_str(&signature);
            Ok(SignedRequest {
                method: Method::Get,
                path_and_query,
                body: None,
            })
        })
    }
}
