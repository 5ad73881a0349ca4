//! The unsigned `{code, message}` answers of refund, cancel and barcode.

use crate::error::Result;
use crate::fields::Fields;

/// The answer to a barcode payment: the payment was submitted; read its
/// outcome with a (blocking) query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarcodeAccepted {
    /// Latipay's transaction id.
    pub order_id: String,
}

/// Parses a refund answer; `Ok(())` means Latipay accepted the refund.
pub fn parse_refund_response(body: &str) -> Result<()> {
    parse_ack(body, "refund response").map(drop)
}

/// Parses a cancel answer; `Ok(())` means the order was cancelled. Latipay's
/// code 1 (retry after 15 minutes), 900 (already paid) and 901 (already
/// failed) arrive as [`crate::Error::Api`].
pub fn parse_cancel_response(body: &str) -> Result<()> {
    parse_ack(body, "cancel response").map(drop)
}

/// Parses a barcode answer.
pub fn parse_barcode_response(body: &str) -> Result<BarcodeAccepted> {
    let mut fields = parse_ack(body, "barcode response")?;
    Ok(BarcodeAccepted {
        order_id: fields.required("order_id")?,
    })
}

fn parse_ack<'a>(body: &'a str, what: &'static str) -> Result<Fields<'a>> {
    let mut fields = Fields::from_json(body, what)?;
    super::take_code(&mut fields, true)?;
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_and_failure() {
        assert!(parse_refund_response(r#"{"code":0,"message":"SUCCESS"}"#).is_ok());
        let err =
            parse_refund_response(r#"{"code":562,"message":"refund already done"}"#).unwrap_err();
        assert_eq!(err.code(), "api_error");
        assert_eq!(
            parse_cancel_response(r#"{"code":900,"message":"paid"}"#)
                .unwrap_err()
                .code(),
            "api_error"
        );
        assert_eq!(
            parse_barcode_response(r#"{"code":0,"message":"ok","order_id":"2017123"}"#).unwrap(),
            BarcodeAccepted {
                order_id: "2017123".into()
            }
        );
        assert_eq!(
            parse_barcode_response(r#"{"code":0,"message":"ok"}"#)
                .unwrap_err()
                .code(),
            "malformed_response"
        );
        assert_eq!(
            parse_cancel_response("<html>").unwrap_err().code(),
            "malformed_response"
        );
    }
}
