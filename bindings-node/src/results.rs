//! Plain JavaScript objects for the core's results, declared from the core's
//! field lists (`latipay::with_*_fields!`, `latipay::binding_type!`) and
//! converted from its flat views:
//! camelCase properties, amounts as the exact text received.

use chrono::{DateTime, FixedOffset};
use latipay::{binding_type, ffi};
use napi::bindgen_prelude::Buffer;
use napi_derive::napi;

use crate::extra::Extra;

// Docs inside the macro calls are `#[doc = "…"]`: napi-rs copies a doc
// literal into index.d.ts as written, and a `///` comment passed through a
// macro arrives as a raw string (`r" …"`).

latipay::with_payment_fields!(binding_type {
    #[doc = "A verified payment, from a notification or a query. The signature covers"]
    #[doc = "`merchantReference`, `paymentMethod`, `status`, `currency` and `amount`;"]
    #[doc = "`orderId`, `payTime` and `extra` are not signed by Latipay."]
    #[napi(object, object_from_js = false)]
    pub struct Payment from ffi::PaymentView, via latipay::Payment, each [],
    |p| {
        #[doc = "When it was paid (Latipay writes UTC+08:00); absent when not sent or not"]
        #[doc = "in the documented form (then see `payTimeRaw`)."]
        pay_time: Option<DateTime<FixedOffset>> = p.pay_time,
        #[doc = "`pay_time` exactly as received."]
        pay_time_raw: Option<String> = p.pay_time_raw,
        #[doc = "Every other field received."]
        #[napi(ts_type = "Record<string, string>")]
        extra: Extra = Extra(p.extra),
    }
});

latipay::with_redirect_fields!(binding_type {
    #[doc = "A verified browser redirect: for display only, never for fulfilment."]
    #[napi(object, object_from_js = false)]
    pub struct Redirect from ffi::RedirectView, via latipay::Redirect, each [],
    |r| {
        #[doc = "Every other query parameter."]
        #[napi(ts_type = "Record<string, string>")]
        extra: Extra = Extra(r.extra),
    }
});

latipay::with_created_fields!(binding_type {
    #[doc = "A created transaction: send the customer to `paymentUrl`, or pass it to"]
    #[doc = "`client.gatewayData` for a merchant-hosted QR code."]
    #[napi(object)]
    pub struct CreatedTransaction from latipay::CreatedTransaction, each [],
    |c| {}
});

latipay::with_gateway_fields!(binding_type {
    #[doc = "The verified QR code of a merchant-hosted transaction."]
    #[napi(object)]
    pub struct GatewayData from ffi::GatewayView, each [],
    |g| {
        #[doc = "The QR code picture as PNG bytes."]
        qr_code_png: Buffer = g.qr_code_png.into(),
    }
});

/// A core result as it is, converted to its JavaScript type.
pub(crate) fn converted<T, J: From<T>>(value: T) -> latipay::Result<J> {
    Ok(value.into())
}

/// Gateway data with its PNG decoded.
pub(crate) fn gateway_data(g: latipay::GatewayData) -> latipay::Result<GatewayData> {
    Ok(ffi::GatewayView::try_from(g)?.into())
}

latipay::with_barcode_accepted_fields!(binding_type {
    #[doc = "Latipay accepted a barcode payment; read its outcome with a blocking query."]
    #[napi(object)]
    pub struct BarcodeAccepted from latipay::BarcodeAccepted, each [],
    |b| {}
});

latipay::with_signed_request_fields!(binding_type {
    #[doc = "A validated, signed request for your own HTTP client."]
    #[napi(object)]
    pub struct SignedRequest from ffi::SignedRequestView, via latipay::SignedRequest, each [],
    |r| {}
});

latipay::with_checked_amount_fields!(binding_type {
    #[doc = "An amount checked by the core's rules (decimal text, at most two decimals)."]
    #[napi(object)]
    pub struct CheckedAmount from ffi::CheckedAmount, each [],
    |a| {}
});
