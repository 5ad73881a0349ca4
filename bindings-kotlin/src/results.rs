//! Kotlin data classes for the core's results, declared from the core's field
//! lists (`latipay::with_*_fields!`, `latipay::binding_type!`) and converted
//! from its flat views:
//! amounts as the exact text received, statuses and methods as their wire
//! strings, times in epoch milliseconds.

use std::collections::HashMap;

use latipay::{binding_type, ffi};

latipay::with_payment_fields!(binding_type {
    /// The verified state of a payment, from a notification or a query. Only
    /// `merchantReference`, `paymentMethod`, `status`, `currency` and `amount` are
    /// signed; apply it only when `transition` says `ADVANCE`, and check the amount.
    #[derive(uniffi::Record)]
    pub struct Payment from ffi::PaymentView, via latipay::Payment, each [],
    |p| {
        /// `payTimeRaw` read as UTC+08:00, in milliseconds since the epoch
        /// (`Instant.ofEpochMilli`), when present and in the documented form.
        pay_time_millis: Option<i64> = p.pay_time_millis(),
        /// `pay_time` exactly as received.
        pay_time_raw: Option<String> = p.pay_time_raw,
        /// Every other field received (unsigned), in no particular order.
        extra: HashMap<String, String> = p.extra.into_iter().collect(),
    }
});

latipay::with_redirect_fields!(binding_type {
    /// A verified browser redirect: for display only, never to fulfil an order.
    #[derive(uniffi::Record)]
    pub struct Redirect from ffi::RedirectView, via latipay::Redirect, each [],
    |r| {
        /// Every other query parameter (unsigned).
        extra: HashMap<String, String> = r.extra.into_iter().collect(),
    }
});

latipay::with_created_fields!(binding_type {
    /// A created transaction: send the customer to `paymentUrl`, or pass it to
    /// `gatewayData` when merchant-hosted.
    #[derive(uniffi::Record)]
    pub struct CreatedTransaction from latipay::CreatedTransaction, each [],
    |c| {}
});

impl From<CreatedTransaction> for latipay::CreatedTransaction {
    fn from(c: CreatedTransaction) -> Self {
        latipay::CreatedTransaction {
            host_url: c.host_url,
            nonce: c.nonce,
            payment_url: c.payment_url,
        }
    }
}

latipay::with_gateway_fields!(binding_type {
    /// A merchant-hosted QR code, verified: show `qrCodePng` (or encode
    /// `qrCodeUrl`) on the POS screen, then wait with `query(block = true)`.
    #[derive(uniffi::Record)]
    pub struct GatewayData from ffi::GatewayView, each [],
    |g| {
        /// The QR code as PNG bytes, decoded and checked (a `ByteArray`: the data
        /// class compares it by identity, use `contentEquals`).
        qr_code_png: Vec<u8> = g.qr_code_png,
    }
});

latipay::with_barcode_accepted_fields!(binding_type {
    /// Latipay accepted a barcode payment; `query(block = true)` tells the outcome.
    #[derive(uniffi::Record)]
    pub struct BarcodeAccepted from latipay::BarcodeAccepted, each [],
    |b| {}
});

latipay::with_signed_request_fields!(binding_type {
    /// A signed request, to send with any HTTP client.
    #[derive(uniffi::Record)]
    pub struct SignedRequest from ffi::SignedRequestView, via latipay::SignedRequest, each [],
    |r| {}
});

latipay::with_checked_amount_fields!(binding_type {
    /// An amount checked by the core's rules.
    #[derive(uniffi::Record)]
    pub struct CheckedAmount from ffi::CheckedAmount, each [],
    |a| {}
});

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
