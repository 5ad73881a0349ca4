//! Flat views of the core's results, in the types every binding has: text,
//! epoch milliseconds, bytes. Each binding turns a view into its own type.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::amount::Amount;
use crate::error::Result;
use crate::outcome::OutcomeFields;
use crate::pay_time::PAY_TIME_OFFSET_SECONDS;
use crate::payment::Payment;
use crate::redirect::Redirect;
use crate::request::{SignedRequest, CONTENT_TYPE_JSON};
use crate::response::GatewayData;

/// A verified payment (notification or query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentView {
    /// The merchant's order reference (signed).
    pub merchant_reference: String,
    /// Latipay's transaction id, when sent (unsigned).
    pub order_id: Option<String>,
    /// The payment method's wire value, e.g. `alipay` (signed).
    pub payment_method: String,
    /// The status's wire value, e.g. `paid` (signed).
    pub status: String,
    /// The wallet's currency, e.g. `NZD` (signed).
    pub currency: String,
    /// The amount exactly as received (signed).
    pub amount: String,
    /// `pay_time` read as UTC+08:00, in milliseconds since the epoch (unsigned).
    pub pay_time_millis: Option<i64>,
    /// `pay_time` exactly as received (unsigned).
    pub pay_time_raw: Option<String>,
    /// Every other field received (unsigned).
    pub extra: BTreeMap<String, String>,
}

impl PaymentView {
    /// `pay_time` as a date and time in Latipay's UTC+08:00.
    pub fn pay_time(&self) -> Option<DateTime<FixedOffset>> {
        let offset = FixedOffset::east_opt(PAY_TIME_OFFSET_SECONDS)?;
        DateTime::from_timestamp_millis(self.pay_time_millis?).map(|t| t.with_timezone(&offset))
    }

    /// The five signed fields, for [`OutcomeFields::matches_stored`].
    pub fn outcome(&self) -> OutcomeFields<'_> {
        OutcomeFields {
            merchant_reference: &self.merchant_reference,
            payment_method: &self.payment_method,
            status: &self.status,
            currency: &self.currency,
            amount: &self.amount,
        }
    }
}

impl From<Payment> for PaymentView {
    fn from(p: Payment) -> Self {
        PaymentView {
            merchant_reference: p.merchant_reference,
            order_id: p.order_id,
            payment_method: p.payment_method.as_str().to_owned(),
            status: p.status.as_str().to_owned(),
            currency: p.currency,
            amount: p.amount,
            pay_time_millis: p.pay_time.map(|t| t.timestamp_millis()),
            pay_time_raw: p.pay_time_raw,
            extra: p.extra,
        }
    }
}

/// A verified browser redirect: for display only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectView {
    /// The merchant's order reference.
    pub merchant_reference: String,
    /// The payment method's wire value.
    pub payment_method: String,
    /// `paid`, or `cancel_or_fail` (WeChat), `failed`, `canceled`.
    pub status: String,
    /// The wallet's currency.
    pub currency: String,
    /// The amount exactly as received.
    pub amount: String,
    /// Every other query parameter (unsigned).
    pub extra: BTreeMap<String, String>,
}

impl RedirectView {
    /// The five signed fields, for [`OutcomeFields::matches_stored`].
    pub fn outcome(&self) -> OutcomeFields<'_> {
        OutcomeFields {
            merchant_reference: &self.merchant_reference,
            payment_method: &self.payment_method,
            status: &self.status,
            currency: &self.currency,
            amount: &self.amount,
        }
    }
}

impl From<Redirect> for RedirectView {
    fn from(r: Redirect) -> Self {
        RedirectView {
            merchant_reference: r.merchant_reference,
            payment_method: r.payment_method.as_str().to_owned(),
            status: r.status.as_str().to_owned(),
            currency: r.currency,
            amount: r.amount,
            extra: r.extra,
        }
    }
}

/// Verified gateway data, its QR code decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayView {
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
    /// The QR code's text.
    pub qr_code_url: String,
    /// The QR code as a `data:image/png;base64,…` URL.
    pub qr_code: String,
    /// The QR code picture as PNG bytes.
    pub qr_code_png: Vec<u8>,
}

impl TryFrom<GatewayData> for GatewayView {
    type Error = crate::Error;

    /// Decodes the PNG once, at the boundary.
    fn try_from(g: GatewayData) -> Result<Self> {
        let qr_code_png = g.qr_code_png()?;
        Ok(GatewayView {
            merchant_reference: g.merchant_reference,
            order_id: g.order_id,
            nonce: g.nonce,
            payment_method: g.payment_method.as_str().to_owned(),
            amount: g.amount,
            currency: g.currency,
            amount_cny: g.amount_cny,
            product_name: g.product_name,
            organisation_name: g.organisation_name,
            qr_code_url: g.qr_code_url,
            qr_code: g.qr_code,
            qr_code_png,
        })
    }
}

/// A signed request, for the caller's own HTTP client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequestView {
    /// `GET` or `POST`.
    pub method: String,
    /// The path and query, to append to the base URL.
    pub path: String,
    /// The JSON body of a `POST`.
    pub body: Option<String>,
    /// The `Content-Type` to send with a body.
    pub content_type: String,
}

impl From<SignedRequest> for SignedRequestView {
    fn from(r: SignedRequest) -> Self {
        SignedRequestView {
            method: r.method.as_str().to_owned(),
            path: r.path_and_query,
            body: r.body,
            content_type: CONTENT_TYPE_JSON.to_owned(),
        }
    }
}

/// An amount checked by the core's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAmount {
    /// The text that is signed and sent.
    pub text: String,
    /// The amount in cents.
    pub minor_units: i64,
}

impl From<Amount> for CheckedAmount {
    fn from(amount: Amount) -> Self {
        CheckedAmount {
            text: amount.as_str().to_owned(),
            // At most 12 digits and 2 decimals: far inside an i64.
            minor_units: i64::try_from(amount.minor_units()).unwrap_or(i64::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pay_time_keeps_latipays_offset() {
        let body =
            b"merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay\
&status=paid&pay_time=2017-07-07%2010%3A53%3A50\
&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
        let payment = crate::verify_notification(body, "111222333").unwrap();
        let view = PaymentView::from(payment.clone());
        assert_eq!(view.pay_time(), payment.pay_time);
        assert_eq!(view.pay_time_millis, Some(1_499_396_030_000));
        assert_eq!(view.outcome(), payment.signed_fields());
    }
}
