//! The core's request types built from JavaScript option objects, shared by
//! `Client`'s methods and the `wire` request builders.

use napi::bindgen_prelude::Unknown;
use napi::{Env, Result};

use crate::convert::{amount, flag, optional_text, text, Options};
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
    let method = text(env, &o.get("paymentMethod")?, "payment_method")?;
    Ok(latipay::CreateTransaction {
        merchant_reference: text(env, &o.get("merchantReference")?, "merchant_reference")?,
        amount: amount(env, &o.get("amount")?, "amount", Some(key))?,
        payment_method: latipay::PaymentMethod::parse(&method)
            .map_err(|e| e.redact(key))
            .or_throw(env)?,
        product_name: text(env, &o.get("productName")?, "product_name")?,
        callback_url: text(env, &o.get("callbackUrl")?, "callback_url")?,
        ip: text(env, &o.get("ip")?, "ip")?,
        return_url: optional_text(env, &o.get("returnUrl")?, "return_url")?,
        back_page_url: optional_text(env, &o.get("backPageUrl")?, "backPage_url")?,
        present_qr: flag(env, &o.get("presentQr")?, "present_qr")?,
        merchant_hosted: flag(env, &o.get("merchantHosted")?, "merchant_hosted")?,
    })
}

/// `{ orderId, refundAmount, reference? }`.
pub(crate) fn refund(
    env: &Env,
    options: &Unknown<'_>,
    key: &latipay::ApiKey,
) -> Result<latipay::Refund> {
    let o = Options::new(
        env,
        options,
        "options",
        &["orderId", "refundAmount", "reference"],
        Some(key.expose()),
    )?;
    Ok(latipay::Refund {
        order_id: text(env, &o.get("orderId")?, "order_id")?,
        refund_amount: amount(env, &o.get("refundAmount")?, "refund_amount", Some(key))?,
        reference: optional_text(env, &o.get("reference")?, "reference")?,
    })
}

/// `{ merchantReference, amount, payCode }`.
pub(crate) fn barcode(
    env: &Env,
    options: &Unknown<'_>,
    key: &latipay::ApiKey,
) -> Result<latipay::Barcode> {
    let o = Options::new(
        env,
        options,
        "options",
        &["merchantReference", "amount", "payCode"],
        Some(key.expose()),
    )?;
    Ok(latipay::Barcode::new(
        text(env, &o.get("merchantReference")?, "merchant_reference")?,
        amount(env, &o.get("amount")?, "amount", Some(key))?,
        text(env, &o.get("payCode")?, "pay_code")?,
    ))
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
