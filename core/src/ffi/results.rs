//! Flat views of the core's results, in the types every binding has: text,
//! epoch milliseconds, bytes. Each binding turns a view into its own type.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::amount::Amount;
use crate::client::Attempt;
use crate::error::Result;
use crate::payment::Payment;
use crate::redirect::Redirect;
use crate::request::{SignedRequest, CONTENT_TYPE_JSON};
use crate::response::GatewayData;

use super::fields::view;

crate::with_payment_fields!(view {
    /// A verified payment (notification or query).
    #[derive(Debug, Clone, PartialEq, Eq)]
    PaymentView {
        /// `pay_time` read as UTC+08:00 (unsigned).
        pay_time: Option<DateTime<FixedOffset>>,
        /// `pay_time` exactly as received (unsigned).
        pay_time_raw: Option<String>,
        /// Every other field received (unsigned).
        extra: BTreeMap<String, String>,
    }
});

impl PaymentView {
    /// `pay_time` in milliseconds since the epoch.
    pub fn pay_time_millis(&self) -> Option<i64> {
        self.pay_time.map(|t| t.timestamp_millis())
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
            pay_time: p.pay_time,
            pay_time_raw: p.pay_time_raw,
            extra: p.extra,
        }
    }
}

crate::with_redirect_fields!(view {
    /// A verified browser redirect: for display only.
    #[derive(Debug, Clone, PartialEq, Eq)]
    RedirectView {
        /// Every other query parameter (unsigned).
        extra: BTreeMap<String, String>,
    }
});

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

crate::with_gateway_fields!(view {
    /// Verified gateway data, its QR code decoded.
    #[derive(Debug, Clone, PartialEq, Eq)]
    GatewayView {
        /// The QR code picture as PNG bytes.
        qr_code_png: Vec<u8>,
    }
});

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

crate::with_signed_request_fields!(view {
    /// A signed request, for the caller's own HTTP client.
    #[derive(Debug, Clone, PartialEq, Eq)]
    SignedRequestView {}
});

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

crate::with_attempt_fields!(view {
    /// One attempt of a call, as the bindings report it.
    #[derive(Debug, Clone, PartialEq)]
    AttemptView {}
});

impl From<Attempt> for AttemptView {
    fn from(a: Attempt) -> Self {
        AttemptView {
            method: a.method.to_owned(),
            path: a.path,
            attempt: a.attempt,
            status: a.status,
            duration_ms: a.duration.as_secs_f64() * 1000.0,
            error_code: a.error_code.map(str::to_owned),
            retrying: a.retrying,
        }
    }
}

crate::with_checked_amount_fields!(view {
    /// An amount checked by the core's rules.
    #[derive(Debug, Clone, PartialEq, Eq)]
    CheckedAmount {}
});

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
    fn pay_time_counts_from_the_epoch() {
        let body =
            b"merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay\
&status=paid&pay_time=2017-07-07%2010%3A53%3A50\
&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
        let payment = crate::verify_notification(body, "111222333").unwrap();
        let view = PaymentView::from(payment.clone());
        assert_eq!(view.pay_time_millis(), Some(1_499_396_030_000));
    }
}
