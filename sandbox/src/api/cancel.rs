//! `POST /cancel`: cancels a pending order (0), or says why not (201/900/901).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use latipay::Status;
use serde_json::json;

use super::params::Params;
use super::reply::{code, success, Answer, Refusal};
use crate::app::{App, SettleError};
use crate::order::Action;

/// `POST /cancel`: 3 for missing fields, 110 for an unknown user, 206 for a
/// bad signature, then by the order's state.
pub(crate) async fn cancel(State(app): State<Arc<App>>, body: Bytes) -> Answer {
    let params = Params::from_json(&app, "POST /cancel", &body)?;
    params
        .require(&["user_id", "merchant_reference", "signature"])
        .map_err(|missing| Refusal::new(code::ILLEGAL_PARAMETERS, missing.message))?;
    let merchant = params.merchant(&app, code::NO_SUCH_USER)?;
    params.verify(&app, merchant)?;
    let key = (
        merchant.user_id.clone(),
        params.value("merchant_reference").to_owned(),
    );
    match app.settle(&key, Action::Cancel) {
        Ok(_) | Err(SettleError::NotPending(Status::Canceled)) => Ok(success(json!({}))),
        Err(SettleError::NotFound) => Err(Refusal::new(
            code::NO_SUCH_ORDER,
            format!("order {:?} does not exist", key.1),
        )),
        Err(SettleError::NotPending(Status::Failed)) => Err(Refusal::new(
            code::ALREADY_FAILED,
            "the order has already failed",
        )),
        Err(SettleError::NotPending(status)) => Err(Refusal::new(
            code::ALREADY_PAID,
            format!("the order is {status}, so it cannot be cancelled: refund it instead"),
        )),
    }
}
