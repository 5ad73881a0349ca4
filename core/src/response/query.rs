//! The query response, signed by rule B; its `amount` is often a JSON number.

use crate::error::{quoted, scrubbed, Error, Result};
use crate::fields::Fields;
use crate::payment::Payment;

/// Parses and verifies a query response for the order `merchant_reference`.
/// A validly signed answer about another order is refused as malformed.
pub fn parse_query_response(
    body: &str,
    api_key: &str,
    merchant_reference: &str,
) -> Result<Payment> {
    scrubbed(api_key, || {
        let mut fields = Fields::from_json(body, "query response")?;
        super::take_code(&mut fields, false)?;
        let payment = Payment::from_fields(fields, api_key)?;
        if payment.merchant_reference != merchant_reference {
            return Err(Error::malformed_field(
                "query response",
                "merchant_reference",
                format!(
                    "is {}: the answer is about another order than {}",
                    quoted(&payment.merchant_reference),
                    quoted(merchant_reference)
                ),
            ));
        }
        Ok(payment)
    })
}
