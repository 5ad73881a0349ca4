//! Plain JavaScript objects for the core's results, from its flat views
//! (`latipay::ffi`): camelCase properties, amounts as the exact text received.

use chrono::{DateTime, FixedOffset};
use latipay::ffi;
use napi_derive::napi;

use crate::extra::Extra;

/// A verified payment, from a notification or a query. The signature covers
/// `merchantReference`, `paymentMethod`, `status`, `currency` and `amount`;
/// `orderId`, `payTime` and `extra` are not signed by Latipay.
#[napi(object, object_from_js = false)]
pub struct Payment {
    /// The merchant's order reference.
    pub merchant_reference: String,
    /// Latipay's transaction id, when sent.
    pub order_id: Option<String>,
    /// How the customer paid, e.g. `alipay`.
    pub payment_method: String,
    /// The order's status, e.g. `paid`.
    pub status: String,
    /// The wallet's currency, e.g. `NZD`.
    pub currency: String,
    /// The amount exactly as received, e.g. `"120.00"`.
    pub amount: String,
    /// When it was paid (Latipay writes UTC+08:00); absent when not sent or not
    /// in the documented form (then see `payTimeRaw`).
    pub pay_time: Option<DateTime<FixedOffset>>,
    /// `pay_time` exactly as received.
    pub pay_time_raw: Option<String>,
    /// Every other field received.
    #[napi(ts_type = "Record<string, string>")]
    pub extra: Extra,
}

impl From<latipay::Payment> for Payment {
    fn from(p: latipay::Payment) -> Self {
        let p = ffi::PaymentView::from(p);
        Payment {
            pay_time: p.pay_time(),
            merchant_reference: p.merchant_reference,
            order_id: p.order_id,
            payment_method: p.payment_method,
            status: p.status,
            currency: p.currency,
            amount: p.amount,
            pay_time_raw: p.pay_time_raw,
            extra: Extra(p.extra),
        }
    }
}

/// A verified browser redirect: for display only, never for fulfilment.
#[napi(object, object_from_js = false)]
pub struct Redirect {
    /// The merchant's order reference.
    pub merchant_reference: String,
    /// How the customer paid.
    pub payment_method: String,
    /// `paid`, or `cancel_or_fail` (WeChat), `failed`, `canceled`.
    pub status: String,
    /// The wallet's currency.
    pub currency: String,
    /// The amount exactly as received.
    pub amount: String,
    /// Every other query parameter.
    #[napi(ts_type = "Record<string, string>")]
    pub extra: Extra,
}

impl From<latipay::Redirect> for Redirect {
    fn from(r: latipay::Redirect) -> Self {
        let r = ffi::RedirectView::from(r);
        Redirect {
            merchant_reference: r.merchant_reference,
            payment_method: r.payment_method,
            status: r.status,
            currency: r.currency,
            amount: r.amount,
            extra: Extra(r.extra),
        }
    }
}

/// A created transaction: send the customer to `paymentUrl`, or pass it to
/// `client.gatewayData` for a merchant-hosted QR code.
#[napi(object)]
pub struct CreatedTransaction {
    /// Latipay's pay page (or gateway) base URL.
    pub host_url: String,
    /// The single-use nonce.
    pub nonce: String,
    /// `hostUrl/nonce`: where the customer pays.
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

/// The verified QR code of a merchant-hosted transaction.
#[napi(object)]
pub struct GatewayData {
    /// The merchant's order reference.
    pub merchant_reference: String,
    /// Latipay's transaction id, when sent.
    pub order_id: Option<String>,
    /// The nonce the data was fetched with.
    pub nonce: String,
    /// `alipay` or `wechat`.
    pub payment_method: String,
    /// The amount exactly as received.
    pub amount: String,
    /// The wallet's currency.
    pub currency: String,
    /// The amount in CNY, when sent.
    pub amount_cny: Option<String>,
    /// The product name, when sent.
    pub product_name: Option<String>,
    /// The merchant organisation's name, when sent.
    pub organisation_name: Option<String>,
    /// The QR code's text, to render yourself.
    pub qr_code_url: String,
    /// The QR code as a `data:image/png;base64,…` URL.
    pub qr_code: String,
    /// The QR code picture as PNG bytes.
    pub qr_code_png: napi::bindgen_prelude::Buffer,
}

/// Latipay accepted a barcode payment; read its outcome with a blocking query.
#[napi(object)]
pub struct BarcodeAccepted {
    /// Latipay's transaction id.
    pub order_id: String,
}

/// A validated, signed request for your own HTTP client.
#[napi(object)]
pub struct SignedRequest {
    /// `GET` or `POST`.
    pub method: String,
    /// The path and query to append to the API base URL.
    pub path: String,
    /// The JSON body of a `POST`; absent for a `GET`.
    pub body: Option<String>,
    /// The `Content-Type` to send with a body.
    pub content_type: String,
}

impl From<latipay::SignedRequest> for SignedRequest {
    fn from(r: latipay::SignedRequest) -> Self {
        let r = ffi::SignedRequestView::from(r);
        SignedRequest {
            method: r.method,
            path: r.path,
            body: r.body,
            content_type: r.content_type,
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

/// Gateway data with its PNG decoded.
pub(crate) fn gateway_data(g: latipay::GatewayData) -> latipay::Result<GatewayData> {
    let g = ffi::GatewayView::try_from(g)?;
    Ok(GatewayData {
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
        qr_code_png: g.qr_code_png.into(),
    })
}
