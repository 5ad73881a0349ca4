//! `POST /refund`: refunds part or all of a paid order, cumulatively, never
//! more than was paid.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use latipay::{Amount, Status};
use serde_json::json;

use super::params::Params;
use super::reply::{code, success, Answer, Refusal};
use crate::app::App;
use crate::money::format_minor;

/// `POST /refund`: 551 unknown order, 550 bad amount or nothing left to cover
/// it, 562 already refunded in full.
pub(crate) async fn refund(State(app): State<Arc<App>>, body: Bytes) -> Answer {
    let params = Params::from_json(&app, "POST /refund", &body)?;
    params.require(&["user_id", "order_id", "refund_amount", "signature"])?;
    let merchant = params.merchant(&app, code::NO_KEY)?;
    params.verify(&app, merchant)?;
    let wanted = Amount::parse_field(params.value("refund_amount"), "refund_amount")
        .map_err(|e| Refusal::new(code::REFUND_PARAMETERS, e.to_string()))?;
    let order_id = params.value("order_id");

    let mut ledger = app.ledger();
    let key = ledger
        .order_ids
        .get(order_id)
        .filter(|(user, _)| *user == merchant.user_id)
        .cloned();
    let order = key
        .and_then(|key| ledger.orders.get_mut(&key))
        .ok_or_else(|| {
            Refusal::new(
                code::REFUND_NO_ORDER,
                format!("order {order_id:?} does not exist"),
            )
        })?;
    if order.status != Status::Paid {
        return Err(Refusal::new(
            code::REFUND_PARAMETERS,
            format!(
                "order {order_id} is {}: only a paid order can be refunded",
                order.status
            ),
        ));
    }
    let left = order.refundable();
    if left == 0 {
        return Err(Refusal::new(
            code::REFUND_DONE,
            format!("order {order_id} is already refunded in full"),
        ));
    }
    if wanted.minor_units() > left {
        return Err(Refusal::new(
            code::REFUND_PARAMETERS,
            format!(
                "refund_amount {} is more than the {} {} still refundable on order {order_id}",
                wanted.as_str(),
                format_minor(left),
                order.currency
            ),
        ));
    }
    order.refunded += wanted.minor_units();
    Ok(success(json!({})))
}

/// `POST /v2/refund`, where some integrations (an Omnipay driver) post
/// refunds: Latipay's refund endpoint has no `/v2`. A Latipay-shaped refusal
/// that names the right path; nothing is refunded.
pub(crate) async fn refund_at_v2() -> Answer {
    Err(Refusal::new(
        code::FAIL,
        "refunds are posted to /refund, not /v2/refund (Latipay's refund endpoint has no /v2 prefix): nothing was refunded",
    ))
}
