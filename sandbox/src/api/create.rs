//! `POST /v2/transaction`: create a hosted or merchant-hosted transaction.

use std::net::Ipv4Addr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use latipay::signature::sign_concat;
use latipay::PaymentMethod;
use serde_json::json;

use super::params::Params;
use super::reply::{code, success, Answer, Refusal};
use crate::app::App;
use crate::order::{Channel, Order};
use crate::random::random_hex;

/// The path of the merchant-hosted gateway data, under the base URL.
pub(crate) const GATEWAY_DATA_PATH: &str = "/v2/merchanthosted/gatewaydata";

/// The path of the hosted payment page, under the base URL.
pub(crate) const PAY_PAGE_PATH: &str = "/pay";

/// `POST /v2/transaction`: checks the request (see the sandbox README for the
/// order of checks), stores a pending order and answers its nonce.
pub(crate) async fn create_transaction(State(app): State<Arc<App>>, body: Bytes) -> Answer {
    let params = Params::from_json(&app, "POST /v2/transaction", &body)?;
    let merchant_hosted = is_merchant_hosted(&params)?;
    let mut required = vec![
        "user_id",
        "wallet_id",
        "payment_method",
        "amount",
        "callback_url",
        "merchant_reference",
        "ip",
        "version",
        "product_name",
        "signature",
    ];
    if !merchant_hosted {
        required.push("return_url");
    }
    params.require(&required)?;
    let merchant = params.merchant(&app, code::NO_KEY)?;
    params.verify(&app, merchant)?;
    if params.value("version") != latipay::request::API_VERSION {
        return Err(Refusal::new(
            code::BAD_PARAMETER,
            "`version` must be \"2.0\"",
        ));
    }
    params.check_wallet(merchant)?;
    let method = payment_method(&params, merchant_hosted)?;
    let amount = params.payment_amount()?;
    for name in ["callback_url", "return_url", "backPage_url"] {
        check_url(&params, name)?;
    }
    if params.value("ip").parse::<Ipv4Addr>().is_err() {
        return Err(Refusal::new(
            code::BAD_PARAMETER,
            "`ip` must be the customer's IPv4 address",
        ));
    }
    let present_qr = params.flag("present_qr")?;

    let channel = if merchant_hosted {
        Channel::MerchantHosted
    } else {
        Channel::Hosted
    };
    let mut order = Order::new(
        merchant,
        params.value("merchant_reference"),
        app.new_order_id(),
        method,
        amount,
        channel,
    );
    order.product_name = params.value("product_name").to_owned();
    order.return_url = params.get("return_url").map(str::to_owned);
    order.callback_url = params.get("callback_url").map(str::to_owned);
    order.back_page_url = params.get("backPage_url").map(str::to_owned);
    order.present_qr = present_qr;
    let nonce = random_hex(32);
    app.add_order(order, Some((nonce.clone(), channel)))
        .map_err(|existing| params.reference_in_use(&existing))?;

    let path = if merchant_hosted {
        GATEWAY_DATA_PATH
    } else {
        PAY_PAGE_PATH
    };
    let host_url = format!("{}{path}", app.base_url);
    let signature = sign_concat(&[&nonce, &host_url], merchant.api_key.expose());
    let fields = json!({ "host_url": host_url, "nonce": nonce, "signature": signature });
    Ok(success(fields))
}

fn is_merchant_hosted(params: &Params) -> Result<bool, Refusal> {
    match params.get("host_type") {
        None => Ok(false),
        Some("1") => Ok(true),
        Some(other) => Err(Refusal::new(
            code::BAD_PARAMETER,
            format!("`host_type` must be \"1\" for a merchant-hosted payment (got {other:?})"),
        )),
    }
}

fn payment_method(params: &Params, merchant_hosted: bool) -> Result<PaymentMethod, Refusal> {
    let text = params.value("payment_method");
    let method = PaymentMethod::parse(text).map_err(|_| {
        Refusal::new(
            code::WRONG_PAYMENT_TYPE,
            format!("payment_method {text:?} does not exist"),
        )
    })?;
    if merchant_hosted && !matches!(method, PaymentMethod::Alipay | PaymentMethod::Wechat) {
        return Err(Refusal::new(
            code::METHOD_NOT_SUPPORTED,
            format!("a merchant-hosted payment takes alipay or wechat, not {text:?}"),
        ));
    }
    Ok(method)
}

fn check_url(params: &Params, name: &str) -> Result<(), Refusal> {
    let Some(text) = params.get(name) else {
        return Ok(());
    };
    match url::Url::parse(text) {
        // The sandbox speaks plain HTTP only, so its notifications need http://.
        Ok(url) if name == "callback_url" && url.scheme() == "https" => Err(Refusal::new(
            code::BAD_PARAMETER,
            format!("the sandbox sends notifications over plain HTTP only: use an http:// callback_url (got {text:?})"),
        )),
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(()),
        _ => Err(Refusal::new(code::BAD_PARAMETER, format!("`{name}` must be an http(s) URL (got {text:?})"))),
    }
}
