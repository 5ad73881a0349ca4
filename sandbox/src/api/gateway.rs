//! `GET /v2/merchanthosted/gatewaydata/{nonce}`: the QR code a point of sale
//! shows, with `data.signature` by rule A over every other field of `data`.

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use latipay::Amount;

use super::reply::{bad_path, code, json_text, Answer, ObjectText, Refusal};
use crate::app::App;
use crate::money;
use crate::order::Channel;
use crate::page::scan_url;
use crate::qr;

/// The organisation id every sandbox merchant belongs to.
const ORGANISATION_ID: &str = "1";

/// What gateway data shows of an order, copied out so that the QR code is
/// drawn without holding the ledger's lock.
struct Shown {
    order_id: String,
    merchant_reference: String,
    payment_method: String,
    amount: Amount,
    currency: String,
    product_name: String,
    user_id: String,
    wallet_id: String,
}

/// `GET /v2/merchanthosted/gatewaydata/{nonce}`: uses up a merchant-hosted nonce.
pub(crate) async fn gateway_data(
    State(app): State<Arc<App>>,
    path: Result<Path<String>, PathRejection>,
) -> Answer {
    let Path(nonce) = path.map_err(bad_path)?;
    let key = app
        .take_nonce(&nonce, Channel::MerchantHosted)
        .map_err(|e| Refusal::new(code::BAD_PARAMETER, e.message()))?;
    let shown = app
        .ledger()
        .orders
        .get(&key)
        .map(|order| Shown {
            order_id: order.order_id.clone(),
            merchant_reference: order.merchant_reference.clone(),
            payment_method: order.payment_method.as_str().to_owned(),
            amount: order.amount.clone(),
            currency: order.currency.clone(),
            product_name: order.product_name.clone(),
            user_id: order.user_id.clone(),
            wallet_id: order.wallet_id.clone(),
        })
        .ok_or_else(|| {
            Refusal::new(
                code::NO_SUCH_ORDER,
                "the order of this nonce no longer exists",
            )
        })?;
    let merchant = app
        .merchant(&shown.user_id)
        .ok_or_else(|| Refusal::new(code::NO_KEY, "the merchant of this order no longer exists"))?;

    let qr_code_url = scan_url(&app.base_url, &shown.order_id);
    let (currency_rate, amount_cny) = money::in_cny(shown.amount.minor_units(), &shown.currency);
    let organisation_name = format!("Sandbox merchant {}", shown.user_id);
    let wallet_name = format!("Sandbox {} wallet", shown.currency);
    let qr_code = qr::png_data_url(&qr_code_url);
    // (name, text, whether the text is a JSON number); all are signed as text.
    let fields: [(&str, &str, bool); 17] = [
        ("order_id", &shown.order_id, false),
        ("nonce", &nonce, false),
        ("payment_method", &shown.payment_method, false),
        ("amount", shown.amount.as_str(), true),
        ("amount_cny", &amount_cny, true),
        ("currency", &shown.currency, false),
        ("product_name", &shown.product_name, false),
        ("organisation_id", ORGANISATION_ID, true),
        ("organisation_name", &organisation_name, false),
        ("user_id", &shown.user_id, false),
        ("user_name", &shown.user_id, false),
        ("wallet_id", &shown.wallet_id, false),
        ("wallet_name", &wallet_name, false),
        ("qr_code", &qr_code, false),
        ("qr_code_url", &qr_code_url, false),
        ("currency_rate", currency_rate, true),
        ("merchant_reference", &shown.merchant_reference, false),
    ];
    let signature = latipay::sign(
        fields.iter().map(|(name, text, _)| (*name, *text)),
        merchant.api_key.expose(),
    )
    .map_err(|e| Refusal::new(code::FAIL, e.to_string()))?;
    let data = fields
        .iter()
        .fold(ObjectText::empty(), |data, (name, text, number)| {
            if *number {
                data.number(name, text)
            } else {
                data.string(name, text)
            }
        })
        .string("signature", &signature);
    Ok(json_text(
        StatusCode::OK,
        ObjectText::success().raw("data", data.finish()).finish(),
    ))
}
