//! Kotlin data classes for the core's results, from its flat views
//! (`latipay::ffi`): amounts as the exact text received, statuses and methods
//! as their wire strings, times in epoch milliseconds.

use std::collections::HashMap;

use latipay::ffi;

/// The verified state of a payment, from a notification or a query. Only
/// `merchantReference`, `paymentMethod`, `status`, `currency` and `amount` are
/// signed; apply it only when `transition` says `ADVANCE`, and check the amount.
#[derive(uniffi::Record)]
pub struct Payment {
    /// The merchant's order reference.
    pub merchant_reference: String,
    /// Latipay's transaction id (unsigned), when sent.
    pub order_id: Option<String>,
    /// `alipay`, `wechat`, `unionpay`, `onlineBank` … as sent.
    pub payment_method: String,
    /// `pending`, `paid`, `failed`, `canceled`, `cancel_or_fail` … as sent.
    pub status: String,
    /// The wallet's currency, e.g. `NZD`.
    pub currency: String,
    /// The amount exactly as signed, e.g. `"120.00"`.
    pub amount: String,
    /// `payTimeRaw` read as UTC+08:00, in milliseconds since the epoch
    /// (`Instant.ofEpochMilli`), when present and in the documented form.
    pub pay_time_millis: Option<i64>,
    /// `pay_time` exactly as received.
    pub pay_time_raw: Option<String>,
    /// Every other field received (unsigned), in no particular order.
    pub extra: HashMap<String, String>,
}

impl From<ffi::PaymentView> for Payment {
    fn from(p: ffi::PaymentView) -> Self {
        Payment {
            merchant_reference: p.merchant_reference,
            order_id: p.order_id,
            payment_method: p.payment_method,
            status: p.status,
            currency: p.currency,
            amount: p.amount,
            pay_time_millis: p.pay_time_millis,
            pay_time_raw: p.pay_time_raw,
            extra: p.extra.into_iter().collect(),
        }
    }
}

/// A verified browser redirect: for display only, never to fulfil an order.
#[derive(uniffi::Record)]
pub struct Redirect {
    /// The merchant's order reference.
    pub merchant_reference: String,
    /// How the customer paid, as sent.
    pub payment_method: String,
    /// `paid`, `failed`, `canceled` or WeChat's `cancel_or_fail`.
    pub status: String,
    /// The wallet's currency.
    pub currency: String,
    /// The amount exactly as signed.
    pub amount: String,
    /// Every other query parameter (unsigned).
    pub extra: HashMap<String, String>,
}

impl From<ffi::RedirectView> for Redirect {
    fn from(r: ffi::RedirectView) -> Self {
        Redirect {
            merchant_reference: r.merchant_reference,
            payment_method: r.payment_method,
            status: r.status,
            currency: r.currency,
            amount: r.amount,
            extra: r.extra.into_iter().collect(),
        }
    }
}

/// A created transaction: send the customer to `paymentUrl`, or pass it to
/// `gatewayData` when merchant-hosted.
#[derive(uniffi::Record)]
pub struct CreatedTransaction {
    /// Latipay's host URL (signed).
    pub host_url: String,
    /// The one-time nonce (signed).
    pub nonce: String,
    /// `hostUrl/nonce`: the hosted payment page.
    pub payment_url: String,
}

impl From<latipay::CreatedTransaction> for CreatedTransaction {
    fn from(c: latipay::CreatedTransaction) -> Self {
        CreatedTransaction {
            host_url: c.host_url,
            nonce: c.nonce,
            payment_url: c.payment_url,
        }
    }
}

impl From<CreatedTransaction> for latipay::CreatedTransaction {
    fn from(c: CreatedTransaction) -> Self {
        latipay::CreatedTransaction {
            host_url: c.host_url,
            nonce: c.nonce,
            payment_url: c.payment_url,
        }
    }
}

/// A merchant-hosted QR code, verified: show `qrCodePng` (or encode
/// `qrCodeUrl`) on the POS screen, then wait with `query(block = true)`.
#[derive(uniffi::Record)]
pub struct GatewayData {
    /// The merchant's order reference.
    pub merchant_reference: String,
    /// Latipay's transaction id, when sent.
    pub order_id: Option<String>,
    /// The nonce of the transaction.
    pub nonce: String,
    /// `wechat`, `alipay` … as sent.
    pub payment_method: String,
    /// The amount exactly as signed.
    pub amount: String,
    /// The wallet's currency.
    pub currency: String,
    /// The amount in CNY, when sent.
    pub amount_cny: Option<String>,
    /// The product name, when sent.
    pub product_name: Option<String>,
    /// The merchant's organisation name, when sent.
    pub organisation_name: Option<String>,
    /// The text the QR code encodes: the customer's payment page.
    pub qr_code_url: String,
    /// The QR code as Latipay sent it (a `data:image/png;base64,…` URL).
    pub qr_code: String,
    /// The QR code as PNG bytes, decoded and checked (a `ByteArray`: the data
    /// class compares it by identity, use `contentEquals`).
    pub qr_code_png: Vec<u8>,
}

impl From<ffi::GatewayView> for GatewayData {
    fn from(g: ffi::GatewayView) -> Self {
        GatewayData {
            merchant_reference: g.merchant_reference,
            order_id: g.order_id,
            nonce: g.nonce,
            payment_method: g.payment_method,
            amount: g.amount,
            currency: g.currency,
            amount_cny: g.amount_cny,
            product_name: g.product_name,
            organisation_name: g.organisation_name,
            qr_code_url: g.qr_code_url,
            qr_code: g.qr_code,
            qr_code_png: g.qr_code_png,
        }
    }
}

/// Latipay accepted a barcode payment; `query(block = true)` tells the outcome.
#[derive(uniffi::Record)]
pub struct BarcodeAccepted {
    /// Latipay's transaction id.
    pub order_id: String,
}

/// A signed request, to send with any HTTP client.
#[derive(uniffi::Record)]
pub struct SignedRequest {
    /// `GET` or `POST`.
    pub method: String,
    /// The path and query, to append to the base URL.
    pub path: String,
    /// The JSON body of a POST.
    pub body: Option<String>,
    /// The body's content type.
    pub content_type: String,
}

impl From<ffi::SignedRequestView> for SignedRequest {
    fn from(r: ffi::SignedRequestView) -> Self {
        SignedRequest {
            method: r.method,
            path: r.path,
            body: r.body,
            content_type: r.content_type,
        }
    }
}

impl From<latipay::SignedRequest> for SignedRequest {
    fn from(r: latipay::SignedRequest) -> Self {
        ffi::SignedRequestView::from(r).into()
    }
}

/// The five fields Latipay signs in a notification (rule B), for `signOutcome`.
#[derive(uniffi::Record)]
pub struct OutcomeFields {
    /// The merchant's order reference.
    pub merchant_reference: String,
    /// `alipay`, `wechat` …
    pub payment_method: String,
    /// `paid`, `failed` …
    pub status: String,
    /// The wallet's currency.
    pub currency: String,
    /// The amount text, e.g. `"120.00"`.
    pub amount: String,
}

impl From<OutcomeFields> for ffi::Outcome {
    fn from(o: OutcomeFields) -> Self {
        ffi::Outcome {
            merchant_reference: o.merchant_reference,
            payment_method: o.payment_method,
            status: o.status,
            currency: o.currency,
            amount: o.amount,
        }
    }
}

/// An amount checked by the core's rules.
#[derive(uniffi::Record)]
pub struct CheckedAmount {
    /// The text that is signed and sent.
    pub text: String,
    /// The amount in cents.
    pub minor_units: i64,
}

impl From<ffi::CheckedAmount> for CheckedAmount {
    fn from(a: ffi::CheckedAmount) -> Self {
        CheckedAmount {
            text: a.text,
            minor_units: a.minor_units,
        }
    }
}

impl From<latipay::BarcodeAccepted> for BarcodeAccepted {
    fn from(b: latipay::BarcodeAccepted) -> Self {
        BarcodeAccepted {
            order_id: b.order_id,
        }
    }
}

/// What moving an order from its stored status to an incoming one means.
#[derive(uniffi::Enum)]
pub enum Transition {
    /// A step forward: apply it.
    Advance,
    /// The status it already has: answer `sent`, change nothing.
    Duplicate,
    /// An older status arriving late: ignore it.
    Stale,
    /// A contradiction (e.g. paid, then failed): keep the order, alert a person.
    Conflict,
}

impl From<latipay::Transition> for Transition {
    fn from(t: latipay::Transition) -> Self {
        match t {
            latipay::Transition::Advance => Transition::Advance,
            latipay::Transition::Duplicate => Transition::Duplicate,
            latipay::Transition::Stale => Transition::Stale,
            latipay::Transition::Conflict => Transition::Conflict,
        }
    }
}
