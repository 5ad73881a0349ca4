//! `GET /v2/transaction/{merchant_reference}`: the order's status, signed by
//! rule B, optionally held (`is_block=1`) until the status changes.

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use latipay::signature::{verify_concat, SIGNATURE_FIELD};
use latipay::Status;

use super::params::Params;
use super::reply::{bad_path, code, json_text, Answer, ObjectText, Refusal};
use crate::app::{App, OrderKey};
use crate::config::Merchant;

/// `GET /v2/transaction/{merchant_reference}?user_id=…[&is_block=1]&signature=…`.
pub(crate) async fn query(
    State(app): State<Arc<App>>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Answer {
    let Path(merchant_reference) = path.map_err(bad_path)?;
    let params = Params::from_query(query.as_deref().unwrap_or_default())?
        .with("merchant_reference", &merchant_reference);
    params.require(&["user_id", "signature"])?;
    let merchant = params.merchant(&app, code::NO_KEY)?;
    params
        .verify(&app, merchant)
        .map_err(|wrong| older_rule(&params, merchant).unwrap_or(wrong))?;
    let block = params.flag("is_block")?;
    let key: OrderKey = (merchant.user_id.clone(), merchant_reference);
    let waiting = {
        let ledger = app.ledger();
        let order = ledger.orders.get(&key).ok_or_else(|| no_order(&key))?;
        (block && order.status == Status::Pending).then(|| order.status_watch.subscribe())
    };
    if let Some(mut changes) = waiting {
        // Either outcome (a change, the hold running out, a reset) ends the wait.
        let _ = tokio::time::timeout(app.settings.block_timeout, changes.changed()).await;
    }

    let ledger = app.ledger();
    let order = ledger.orders.get(&key).ok_or_else(|| no_order(&key))?;
    let (method, status, amount) = (
        order.reported_method(),
        order.status.as_str(),
        order.amount.as_str(),
    );
    let signature = order.sign_outcome(method, status, merchant.api_key.expose());
    let body = ObjectText::success()
        .string("merchant_reference", &order.merchant_reference)
        .string("order_id", &order.order_id)
        .string("currency", &order.currency)
        .number("amount", amount)
        .string("payment_method", method)
        .string("status", status)
        .string("pay_time", &order.pay_time);
    Ok(json_text(
        StatusCode::OK,
        body.string("signature", &signature).finish(),
    ))
}

fn no_order(key: &OrderKey) -> Refusal {
    Refusal::new(
        code::NO_SUCH_ORDER,
        format!("order {:?} does not exist for user {:?}", key.1, key.0),
    )
}

/// The refusal of a query signed by the older rule (the HMAC of
/// `merchant_reference + user_id`, as an older documentation page and some
/// integrations sign it): still 206, but saying which rule it was and which
/// one Latipay checks. `None` when the signature is not the older rule's either.
fn older_rule(params: &Params, merchant: &Merchant) -> Option<Refusal> {
    let parts = [params.value("merchant_reference"), params.value("user_id")];
    verify_concat(&parts, merchant.api_key.expose(), params.value(SIGNATURE_FIELD)).then(|| {
        Refusal::new(
            code::BAD_SIGNATURE,
            "the signature is by the older rule (merchant_reference + user_id, no separators), which Latipay \
             no longer checks: sign by rule A instead (merchant_reference, user_id and is_block when present, \
             as sorted key=value joined with &, then the api_key appended)",
        )
    })
}
