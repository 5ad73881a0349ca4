//! Parsing and verification of Latipay's JSON responses, independent of any
//! HTTP client: feed them the response body text, exactly as received.

mod ack;
mod create;
mod gateway;
mod query;

pub use ack::{
    parse_barcode_response, parse_cancel_response, parse_refund_response, BarcodeAccepted,
};
pub use create::{parse_create_response, CreatedTransaction};
pub use gateway::{parse_gateway_data, GatewayData};
pub use query::parse_query_response;

use crate::error::{quoted, Error, Result};
use crate::fields::Fields;

/// Consumes `code` and `message`. A non-zero code becomes [`Error::Api`].
/// `code` may be a JSON number or a string of digits; a missing code is an
/// error only when `required`.
fn take_code(fields: &mut Fields, required: bool) -> Result<()> {
    let message = fields.optional_text("message").unwrap_or_default();
    let _ = fields.optional_text("messageCN");
    let code = match fields.optional_text("code") {
        Some(code) => code,
        None if required => {
            return Err(Error::malformed_field(fields.what(), "code", "is missing"))
        }
        None => return Ok(()),
    };
    let code: i64 = code.parse().map_err(|_| {
        Error::malformed_field(
            fields.what(),
            "code",
            format!("is not an integer (got {})", quoted(&code)),
        )
    })?;
    if code != 0 {
        return Err(Error::Api {
            code,
            message: message.into_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(json: &str, required: bool) -> Result<()> {
        take_code(&mut Fields::from_json(json, "response").unwrap(), required)
    }

    #[test]
    fn code_as_number_or_string() {
        assert!(code_of(r#"{"code":0}"#, true).is_ok());
        assert!(code_of(r#"{"code":"0"}"#, true).is_ok());
        assert!(code_of(r#"{}"#, false).is_ok());
        assert_eq!(
            code_of(r#"{}"#, true).unwrap_err().code(),
            "malformed_response"
        );
        assert_eq!(
            code_of(r#"{"code":"x"}"#, true).unwrap_err().code(),
            "malformed_response"
        );
        assert_eq!(
            code_of(
                r#"{"code":"206","message":"signature wrong","messageCN":"签名错误"}"#,
                true
            )
            .unwrap_err(),
            Error::Api {
                code: 206,
                message: "signature wrong".into()
            }
        );
    }
}
