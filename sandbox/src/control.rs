//! The control API for tests and demos, under `/_sandbox`: act as the
//! customer, inspect orders and notification attempts, inject faults (see
//! `faults`), reset everything.
//! Plain REST (real HTTP statuses), unlike the Latipay API it sits beside.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::app::{App, OrderKey, SettleError};
use crate::faults;
use crate::money::format_minor;
use crate::notify;
use crate::order::{Action, Order};

/// The control routes.
pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/_sandbox/orders/{reference}", get(show_order))
        .route("/_sandbox/orders/{reference}/{action}", post(act))
        .route("/_sandbox/notifications", get(notifications))
        .route("/_sandbox/warnings", get(warnings))
        .route("/_sandbox/reset", post(reset))
        .merge(faults::routes())
}

/// `?user_id=…`: which merchant's order, when references collide.
#[derive(serde::Deserialize)]
struct UserFilter {
    user_id: Option<String>,
}

/// An error answer: the HTTP status and `{"error": "…"}`.
pub(crate) fn problem(status: StatusCode, error: impl Into<String>) -> Response {
    (status, Json(json!({ "error": error.into() }))).into_response()
}

/// An order as the control API shows it.
fn view(order: &Order) -> Value {
    json!({
        "user_id": order.user_id,
        "wallet_id": order.wallet_id,
        "merchant_reference": order.merchant_reference,
        "order_id": order.order_id,
        "channel": order.channel.as_str(),
        "payment_method": order.payment_method.as_str(),
        "product_name": order.product_name,
        "amount": order.amount.as_str(),
        "currency": order.currency,
        "status": order.status.as_str(),
        "pay_time": order.pay_time,
        "refunded": format_minor(order.refunded),
        "waiting_queries": order.status_watch.receiver_count(),
    })
}

/// The order under `key`, or 404.
fn order_view(app: &App, key: &OrderKey) -> Response {
    match app.ledger().orders.get(key) {
        Some(order) => Json(view(order)).into_response(),
        None => problem(StatusCode::NOT_FOUND, "the order no longer exists"),
    }
}

/// `GET /_sandbox/orders/{reference}`.
async fn show_order(
    State(app): State<Arc<App>>,
    Path(reference): Path<String>,
    Query(filter): Query<UserFilter>,
) -> Response {
    match app.find(&reference, filter.user_id.as_deref()) {
        Ok(key) => order_view(&app, &key),
        Err(e) => problem(StatusCode::NOT_FOUND, e),
    }
}

/// `POST /_sandbox/orders/{reference}/pay|fail|cancel`.
async fn act(
    State(app): State<Arc<App>>,
    Path((reference, action)): Path<(String, String)>,
    Query(filter): Query<UserFilter>,
) -> Response {
    let Some(action) = Action::parse(&action) else {
        return problem(
            StatusCode::NOT_FOUND,
            format!("unknown action {action:?}: use pay, fail or cancel"),
        );
    };
    let key = match app.find(&reference, filter.user_id.as_deref()) {
        Ok(key) => key,
        Err(e) => return problem(StatusCode::NOT_FOUND, e),
    };
    match app.settle(&key, action) {
        Ok(_) => order_view(&app, &key),
        Err(SettleError::NotFound) => problem(StatusCode::NOT_FOUND, "the order no longer exists"),
        Err(SettleError::NotPending(status)) => problem(
            StatusCode::CONFLICT,
            format!("the order is already {status}; only a pending order can change"),
        ),
    }
}

/// `GET /_sandbox/notifications`: every delivery with every attempt.
async fn notifications(State(app): State<Arc<App>>) -> Json<Value> {
    Json(json!({ "notifications": notify::log(&app.ledger()) }))
}

/// `GET /_sandbox/warnings`: every request accepted although a field was not
/// a JSON string (see `--strict`), oldest first.
async fn warnings(State(app): State<Arc<App>>) -> Json<Value> {
    let ledger = app.ledger();
    Json(json!({ "warnings": ledger.warnings, "dropped": ledger.warnings_dropped }))
}

/// `POST /_sandbox/reset`: forget everything (faults too), stop every retry and timer.
async fn reset(State(app): State<Arc<App>>) -> Json<Value> {
    app.reset();
    Json(json!({ "reset": true }))
}
