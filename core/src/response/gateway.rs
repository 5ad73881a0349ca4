//! Gateway data for merchant-hosted offline payments: the QR code to show,
//! with `data.signature` by rule A over every other field of `data`.

use base64::Engine as _;

use crate::error::{scrubbed, Error, Result};
use crate::fields::Fields;
use crate::payment_method::PaymentMethod;
use crate::received;
use crate::signature::{require_key, verify_sorted};

const PNG_DATA_URL_PREFIX: &str = "data:image/png;base64,";

/// What a point-of-sale shows the customer to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayData {
    /// The merchant's order reference.
    pub merchant_reference: String,
    /// Latipay's transaction id.
    pub order_id: Option<String>,
    /// The nonce this data was fetched with.
    pub nonce: String,
    /// `alipay` or `wechat`.
    pub payment_method: PaymentMethod,
    /// The amount exactly as received (a JSON number keeps its text).
    pub amount: String,
    /// The wallet's currency.
    pub currency: String,
    /// The amount in CNY, as received, when sent.
    pub amount_cny: Option<String>,
    /// The product name, when sent.
    pub product_name: Option<String>,
    /// The merchant organisation's name, when sent.
    pub organisation_name: Option<String>,
    /// The QR code's text (`weixin://…`, `https://qr.alipay.com/…`): render it
    /// yourself, or use [`GatewayData::qr_code_png`].
    pub qr_code_url: String,
    /// The QR code as a `data:image/png;base64,…` URL.
    pub qr_code: String,
}

impl GatewayData {
    /// The QR code picture as PNG bytes, decoded from [`GatewayData::qr_code`].
    pub fn qr_code_png(&self) -> Result<Vec<u8>> {
        let encoded = self
            .qr_code
            .strip_prefix(PNG_DATA_URL_PREFIX)
            .ok_or_else(|| {
                Error::malformed_field(
                    "gateway data",
                    "qr_code",
                    "is not a data:image/png;base64 URL",
                )
            })?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|e| {
                Error::malformed_field(
                    "gateway data",
                    "qr_code",
                    format!("is not valid base64: {e}"),
                )
            })?;
        if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(Error::malformed_field(
                "gateway data",
                "qr_code",
                "is not a PNG picture",
            ));
        }
        Ok(png)
    }
}

/// Parses `{code, message, data}` and verifies `data.signature`; the fields
/// a point of sale relies on (reference, nonce, method, amount, currency) must
/// be within their grammar too.
pub fn parse_gateway_data(body: &str, api_key: &str) -> Result<GatewayData> {
    scrubbed(api_key, || {
        require_key(api_key)?;
        let mut envelope = Fields::from_json(body, "gateway data")?;
        super::take_code(&mut envelope, true)?;
        let data = envelope.required("data")?;
        let mut fields = Fields::from_json(&data, "gateway data")?;
        let signature = fields.signature()?;
        received::sorted_fields("gateway data", fields.params())?;
        if !verify_sorted(fields.params(), api_key, &signature) {
            return Err(Error::InvalidSignature {
                what: "gateway data",
            });
        }
        const WHAT: &str = "gateway data";
        let merchant_reference = fields.required("merchant_reference")?;
        received::merchant_reference(WHAT, &merchant_reference)?;
        let nonce = fields.required("nonce")?;
        received::nonce(WHAT, &nonce)?;
        let payment_method = received::payment_method(WHAT, &fields.required("payment_method")?)?;
        let amount = fields.required("amount")?;
        received::amount(WHAT, "amount", &amount)?;
        let currency = fields.required("currency")?;
        received::currency(WHAT, &currency)?;
        Ok(GatewayData {
            merchant_reference,
            order_id: fields.optional("order_id"),
            nonce,
            payment_method,
            amount,
            currency,
            amount_cny: fields.optional("amount_cny"),
            product_name: fields.optional("product_name"),
            organisation_name: fields.optional("organisation_name"),
            qr_code_url: fields.required("qr_code_url")?,
            qr_code: fields.required("qr_code")?,
        })
    })
}
