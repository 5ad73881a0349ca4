//! The core's requests from JavaScript option objects, shared by `Client`'s
//! methods and the `wire` request builders: each property converted to text
//! here (a wrong type throws a `TypeError` naming the field), then checked by
//! the core's binding layer.

use latipay::ffi;
use napi::bindgen_prelude::Unknown;
use napi::{Env, Result};

use crate::convert::{amount_text, flag, optional_text, text, Options};
use crate::errors::OrThrow;

/// `{ merchantReference, amount, paymentMethod, productName, callbackUrl, ip,
/// returnUrl?, backPageUrl?, presentQr?, merchantHosted? }`.
pub(crate) fn create_transaction(
    env: &Env,
    options: &Unknown<'_>,
    key: &latipay::ApiKey,
) -> Result<latipay::CreateTransaction> {
    const KNOWN: [&str; 10] = [
        "merchantReference",
        "amount",
        "paymentMethod",
        "productName",
        "callbackUrl",
        "ip",
        "returnUrl",
        "backPageUrl",
        "presentQr",
        "merchantHosted",
    ];
    let o = Options::new(env, options, "options", &KNOWN, Some(key.expose()))?;
    ffi::CreateTransactionText {
        merchant_reference: text(env, &o.get("merchantReference")?, "merchant_reference")?,
        amount: amount_text(env, &o.get("amount")?, "amount")?,
        payment_method: text(env, &o.get("paymentMethod")?, "payment_method")?,
        product_name: text(env, &o.get("productName")?, "product_name")?,
        callback_url: text(env, &o.get("callbackUrl")?, "callback_url")?,
        ip: text(env, &o.get("ip")?, "ip")?,
        return_url: optional_text(env, &o.get("returnUrl")?, "return_url")?,
        back_page_url: optional_text(env, &o.get("backPageUrl")?, "backPage_url")?,
        present_qr: flag(env, &o.get("presentQr")?, "present_qr")?,
        merchant_hosted: flag(env, &o.get("merchantHosted")?, "merchant_hosted")?,
    }
    .into_request(key)
    .or_throw(env)
}

/// `{ orderId, refundAmount, reference? }`.
pub(crate) fn refund(
    env: &Env,
    options: &Unknown<'_>,
    key: &latipay::ApiKey,
) -> Result<latipay::Refund> {
    let known = ["orderId", "refundAmount", "reference"];
    let o = Options::new(env, options, "options", &known, Some(key.expose()))?;
    ffi::RefundText {
        order_id: text(env, &o.get("orderId")?, "order_id")?,
        refund_amount: amount_text(env, &o.get("refundAmount")?, "refund_amount")?,
        reference: optional_text(env, &o.get("reference")?, "reference")?,
    }
    .into_request(key)
    .or_throw(env)
}

/// `{ merchantReference, amount, payCode }`.
pub(crate) fn barcode(
    env: &Env,
    options: &Unknown<'_>,
    key: &latipay::ApiKey,
) -> Result<latipay::Barcode> {
    let known = ["merchantReference", "amount", "payCode"];
    let o = Options::new(env, options, "options", &known, Some(key.expose()))?;
    ffi::BarcodeText {
        merchant_reference: text(env, &o.get("merchantReference")?, "merchant_reference")?,
        amount: amount_text(env, &o.get("amount")?, "amount")?,
        pay_code: text(env, &o.get("payCode")?, "pay_code")?,
    }
    .into_request(key)
    .or_throw(env)
}

/// `{ block? }` of a query; absent options mean a plain query.
pub(crate) fn block(
    env: &Env,
    options: Option<&Unknown<'_>>,
    key: &latipay::ApiKey,
) -> Result<bool> {
    match options {
        None => Ok(false),
        Some(value) if value.get_type()? == napi::ValueType::Undefined => Ok(false),
        Some(value) => {
            let o = Options::new(env, value, "options", &["block"], Some(key.expose()))?;
            flag(env, &o.get("block")?, "block")
        }
    }
}

/// `{ hostUrl, nonce, paymentUrl }`, as `createTransaction` returned it.
pub(crate) fn created_transaction(
    env: &Env,
    created: &Unknown<'_>,
    key: &latipay::ApiKey,
) -> Result<latipay::CreatedTransaction> {
    let known = ["hostUrl", "nonce", "paymentUrl"];
    let o = Options::new(env, created, "created", &known, Some(key.expose()))?;
    Ok(latipay::CreatedTransaction {
        host_url: text(env, &o.get("hostUrl")?, "host_url")?,
        nonce: text(env, &o.get("nonce")?, "nonce")?,
        payment_url: text(env, &o.get("paymentUrl")?, "payment_url")?,
    })
}
