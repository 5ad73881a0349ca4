//! The asynchronous notification Latipay POSTs to `callback_url`.

use crate::error::{scrubbed, Result};
use crate::fields::Fields;
use crate::payment::Payment;

/// The body the merchant must answer with (HTTP 200) once a notification is
/// handled; until then Latipay retries about every 30 s, without limit.
pub const NOTIFICATION_ACK: &str = "sent";

/// Verifies a notification from the **raw** request body, exactly as received
/// (form-urlencoded bytes, before any framework has parsed them).
///
/// Fails with `invalid_signature` when the signature is missing or wrong,
/// `malformed_response` when the body cannot be decoded, a field is repeated or
/// a signed field is missing, and `invalid_argument` for an empty api_key.
///
/// ```
/// let body = b"merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay\
/// &status=paid&pay_time=2017-07-07%2010%3A53%3A50\
/// &signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
/// let n = latipay::verify_notification(body, "111222333").unwrap();
/// assert_eq!(n.status, latipay::Status::Paid);
/// assert_eq!(n.amount, "120.00");
/// ```
pub fn verify_notification(body: &[u8], api_key: &str) -> Result<Payment> {
    scrubbed(api_key, || {
        Payment::from_fields(Fields::from_form(body, "notification")?, api_key)
    })
}
