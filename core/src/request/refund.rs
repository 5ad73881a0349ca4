//! `POST /refund`: a full or partial refund of a paid order.

use super::{signed_post, SignedRequest};
use crate::amount::Amount;
use crate::credentials::Credentials;
use crate::error::{scrubbed, Result};
use crate::validate;

/// A refund. Refunds add up; together they may not exceed the order's amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    /// Latipay's transaction id of the paid order. Notifications and query
    /// answers carry it unsigned: take it from a query over HTTPS.
    pub order_id: String,
    /// How much to give back.
    pub refund_amount: Amount,
    /// A free-text note (`reference`), optional.
    pub reference: Option<String>,
}

impl Refund {
    /// A refund of `refund_amount` on `order_id`, without a note.
    pub fn new(order_id: impl Into<String>, refund_amount: Amount) -> Self {
        Refund {
            order_id: order_id.into(),
            refund_amount,
            reference: None,
        }
    }

    /// Validates and signs the refund.
    pub fn signed(&self, credentials: &Credentials) -> Result<SignedRequest> {
        // Caller input is quoted in errors: a key pasted into a field is not shown.
        scrubbed(credentials.api_key().expose(), || {
            validate::identifier("order_id", &self.order_id)?;
            if let Some(note) = self.reference.as_deref().filter(|r| !r.is_empty()) {
                validate::text("reference", note)?;
            }
            let fields = [
                ("user_id", Some(credentials.user_id())),
                ("order_id", Some(self.order_id.as_str())),
                ("refund_amount", Some(self.refund_amount.as_str())),
                ("reference", self.reference.as_deref()),
            ];
            signed_post("/refund", &fields, credentials)
        })
    }
}
