//! The orders a merchant sends, as Kotlin data classes, turned into the
//! core's request types (which check every field). Amounts are `String`s.

use latipay::ApiKey;

use crate::error::Result;

/// A transaction to create: hosted (send the customer to `paymentUrl`) or,
/// with `merchantHosted = true`, a QR code the POS shows itself.
#[derive(uniffi::Record)]
pub struct CreateTransaction {
    /// The merchant's unique order reference.
    pub merchant_reference: String,
    /// Decimal text with at most two decimals, e.g. `"12.30"`.
    pub amount: String,
    /// `alipay`, `wechat`, `unionpay`, `polipay`, `payid` …
    pub payment_method: String,
    /// What the customer sees.
    pub product_name: String,
    /// Where Latipay sends the notification (http or https).
    pub callback_url: String,
    /// The customer's IPv4 address (the POS's for in-store payments).
    pub ip: String,
    /// Where the browser returns after paying; needed unless merchant-hosted.
    #[uniffi(default = None)]
    pub return_url: Option<String>,
    /// Where the hosted page's back button leads.
    #[uniffi(default = None)]
    pub back_page_url: Option<String>,
    /// WeChat only: show the QR code on the hosted page.
    #[uniffi(default = false)]
    pub present_qr: bool,
    /// Fetch the QR code with `gatewayData` and show it yourself.
    #[uniffi(default = false)]
    pub merchant_hosted: bool,
}

impl CreateTransaction {
    /// The core's request; the key is scrubbed from any error (a key pasted
    /// into the wrong field is not quoted back).
    pub(crate) fn into_core(self, key: &ApiKey) -> Result<latipay::CreateTransaction> {
        let checked = latipay::Amount::parse_field(&self.amount, "amount")
            .and_then(|amount| Ok((amount, latipay::PaymentMethod::parse(&self.payment_method)?)));
        let (amount, payment_method) = checked.map_err(|e| e.redact(key))?;
        Ok(latipay::CreateTransaction {
            merchant_reference: self.merchant_reference,
            amount,
            payment_method,
            product_name: self.product_name,
            callback_url: self.callback_url,
            ip: self.ip,
            return_url: self.return_url,
            back_page_url: self.back_page_url,
            present_qr: self.present_qr,
            merchant_hosted: self.merchant_hosted,
        })
    }
}

/// A refund of a paid order, by Latipay's `orderId` (`payment.orderId`).
#[derive(uniffi::Record)]
pub struct Refund {
    /// Latipay's transaction id of the paid order.
    pub order_id: String,
    /// Decimal text, at most what is left to refund.
    pub refund_amount: String,
    /// Your note for the refund.
    #[uniffi(default = None)]
    pub reference: Option<String>,
}

impl Refund {
    /// The core's request, the key scrubbed from any error.
    pub(crate) fn into_core(self, key: &ApiKey) -> Result<latipay::Refund> {
        let amount = latipay::Amount::parse_field(&self.refund_amount, "refund_amount")
            .map_err(|e| e.redact(key))?;
        Ok(latipay::Refund {
            order_id: self.order_id,
            refund_amount: amount,
            reference: self.reference,
        })
    }
}

/// An in-store payment from the code a customer shows (scanned by the POS).
#[derive(uniffi::Record)]
pub struct BarcodePayment {
    /// The merchant's unique order reference.
    pub merchant_reference: String,
    /// Decimal text, e.g. `"8.50"`.
    pub amount: String,
    /// The digits scanned from the customer's WeChat or Alipay app.
    pub pay_code: String,
}

impl BarcodePayment {
    /// The core's request, the key scrubbed from any error.
    pub(crate) fn into_core(self, key: &ApiKey) -> Result<latipay::Barcode> {
        let amount =
            latipay::Amount::parse_field(&self.amount, "amount").map_err(|e| e.redact(key))?;
        Ok(latipay::Barcode::new(
            self.merchant_reference,
            amount,
            self.pay_code,
        ))
    }
}
