//! `POST /cancel`: cancel an unpaid order.

use super::{signed_post, SignedRequest};
use crate::credentials::Credentials;
use crate::error::{scrubbed, Result};
use crate::validate;

/// Cancels an order that has not been paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancel {
    /// The order to cancel.
    pub merchant_reference: String,
}

impl Cancel {
    /// A cancellation of `merchant_reference`.
    pub fn new(merchant_reference: impl Into<String>) -> Self {
        Cancel {
            merchant_reference: merchant_reference.into(),
        }
    }

    /// Validates and signs the cancellation.
    pub fn signed(&self, credentials: &Credentials) -> Result<SignedRequest> {
        // Caller input is quoted in errors: a key pasted into a field is not shown.
        scrubbed(credentials.api_key().expose(), || {
            validate::merchant_reference(&self.merchant_reference)?;
            let fields = [
                ("user_id", Some(credentials.user_id())),
                ("merchant_reference", Some(self.merchant_reference.as_str())),
            ];
            signed_post("/cancel", &fields, credentials)
        })
    }
}
