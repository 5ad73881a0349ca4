//! The orders a merchant sends, as Kotlin data classes; the core's binding
//! layer turns them into checked requests. Amounts are `String`s.

use latipay::ffi;

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

impl From<CreateTransaction> for ffi::CreateTransactionText {
    fn from(o: CreateTransaction) -> Self {
        ffi::CreateTransactionText {
            merchant_reference: o.merchant_reference,
            amount: o.amount,
            payment_method: o.payment_method,
            product_name: o.product_name,
            callback_url: o.callback_url,
            ip: o.ip,
            return_url: o.return_url,
            back_page_url: o.back_page_url,
            present_qr: o.present_qr,
            merchant_hosted: o.merchant_hosted,
        }
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

impl From<Refund> for ffi::RefundText {
    fn from(r: Refund) -> Self {
        ffi::RefundText {
            order_id: r.order_id,
            refund_amount: r.refund_amount,
            reference: r.reference,
        }
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

impl From<BarcodePayment> for ffi::BarcodeText {
    fn from(b: BarcodePayment) -> Self {
        ffi::BarcodeText {
            merchant_reference: b.merchant_reference,
            amount: b.amount,
            pay_code: b.pay_code,
        }
    }
}
