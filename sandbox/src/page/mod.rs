//! What the customer sees: the hosted payment page (`/pay/{nonce}`, then a
//! one-time checkout page) and the page behind a QR code (`/scan/{order_id}`,
//! the "customer's phone").

mod html;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use latipay::{PaymentMethod, Status};

use crate::api::create::PAY_PAGE_PATH;
use crate::app::{App, NonceError, OrderKey, SettleError};
use crate::order::{Action, Channel, Order};
use crate::qr;
use crate::random::random_hex;

/// The status a WeChat redirect reports for anything but a payment.
const CANCEL_OR_FAIL: &str = "cancel_or_fail";

/// The customer-facing routes.
pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route(&format!("{PAY_PAGE_PATH}/{{nonce}}"), get(open_payment))
        .route(
            "/checkout/{token}",
            get(show_checkout).post(decide_checkout),
        )
        .route("/scan/{order_id}", get(show_scan).post(decide_scan))
}

/// The URL a QR code holds: the customer's side of the payment.
pub(crate) fn scan_url(base_url: &str, order_id: &str) -> String {
    format!("{base_url}/scan/{order_id}")
}

fn message(status: StatusCode, title: &str, text: &str) -> Response {
    (status, Html(html::message(title, text))).into_response()
}

fn no_order() -> Response {
    message(
        StatusCode::NOT_FOUND,
        "No such order",
        "This order does not exist (any more).",
    )
}

fn unknown_action() -> Response {
    message(
        StatusCode::BAD_REQUEST,
        "Unknown action",
        "Choose Pay, Fail or Cancel.",
    )
}

fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_owned())],
    )
        .into_response()
}

/// `GET /pay/{nonce}`: uses up the nonce and opens a one-time checkout page, so
/// that reloading the payment link shows it was used.
async fn open_payment(State(app): State<Arc<App>>, Path(nonce): Path<String>) -> Response {
    match app.take_nonce(&nonce, Channel::Hosted) {
        Ok(key) => {
            let token = random_hex(24);
            app.ledger().checkouts.insert(token.clone(), key);
            see_other(&format!("/checkout/{token}"))
        }
        Err(e) => {
            let status = if e == NonceError::Unknown {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::GONE
            };
            message(status, "This payment link cannot be used", e.message())
        }
    }
}

fn checkout_order(app: &App, token: &str) -> Option<OrderKey> {
    app.ledger().checkouts.get(token).cloned()
}

/// `GET /checkout/{token}`: the order, a QR code for a WeChat `present_qr`
/// order, and the Pay / Fail / Cancel buttons.
async fn show_checkout(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    let Some(key) = checkout_order(&app, &token) else {
        return no_order();
    };
    let wants_qr = app.ledger().orders.get(&key).and_then(|order| {
        (order.present_qr && order.payment_method == PaymentMethod::Wechat)
            .then(|| order.order_id.clone())
    });
    // Drawn outside the lock: it is the slowest part of the page.
    let qr = wants_qr.map(|order_id| qr::png_data_url(&scan_url(&app.base_url, &order_id)));
    match app.ledger().orders.get(&key) {
        Some(order) => Html(html::checkout(
            order,
            &format!("/checkout/{token}"),
            qr.as_deref(),
        ))
        .into_response(),
        None => no_order(),
    }
}

/// `POST /checkout/{token}` with `action=pay|fail|cancel`: settles the order and
/// sends the browser to `return_url` with the signed redirect fields.
async fn decide_checkout(
    State(app): State<Arc<App>>,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    let Some(key) = checkout_order(&app, &token) else {
        return no_order();
    };
    let Some(action) = form_action(&body) else {
        return unknown_action();
    };
    if let Err(e) = app.settle(&key, action) {
        return settle_refused(e);
    }
    let mut ledger = app.ledger();
    ledger.checkouts.remove(&token);
    let (Some(order), Some(merchant)) = (ledger.orders.get(&key), app.merchant(&key.0)) else {
        return no_order();
    };
    match redirect_url(order, merchant.api_key.expose()) {
        Some(url) => see_other(&url),
        None => message(
            StatusCode::OK,
            "Done",
            &format!("The payment is {}.", order.status),
        ),
    }
}

/// `return_url` with the redirect fields, signed by rule B, appended. Status
/// `paid`, or for anything else WeChat's `cancel_or_fail` (other methods say
/// `failed` or `canceled`).
fn redirect_url(order: &Order, api_key: &str) -> Option<String> {
    let mut url = url::Url::parse(order.return_url.as_deref()?).ok()?;
    let status = match order.status {
        Status::Paid => Status::Paid.as_str(),
        _ if order.payment_method == PaymentMethod::Wechat => CANCEL_OR_FAIL,
        ref other => other.as_str(),
    };
    let method = order.reported_method();
    let signature = order.sign_outcome(method, status, api_key);
    url.query_pairs_mut()
        .append_pair("merchant_reference", &order.merchant_reference)
        .append_pair("payment_method", method)
        .append_pair("status", status)
        .append_pair("currency", &order.currency)
        .append_pair("amount", order.amount.as_str())
        .append_pair("signature", &signature);
    Some(url.into())
}

/// The order behind a QR code: a merchant-hosted one, or a hosted WeChat one
/// shown with `present_qr`.
fn scan_order(app: &App, order_id: &str) -> Option<OrderKey> {
    let ledger = app.ledger();
    let key = ledger.order_ids.get(order_id)?;
    let order = ledger.orders.get(key)?;
    (order.channel != Channel::Barcode).then(|| key.clone())
}

/// `GET /scan/{order_id}`: what the customer's phone shows after scanning.
async fn show_scan(State(app): State<Arc<App>>, Path(order_id): Path<String>) -> Response {
    let Some(key) = scan_order(&app, &order_id) else {
        return no_order();
    };
    let ledger = app.ledger();
    match ledger.orders.get(&key) {
        Some(order) if order.status == Status::Pending => {
            Html(html::checkout(order, &format!("/scan/{order_id}"), None)).into_response()
        }
        Some(order) => message(
            StatusCode::OK,
            "Already done",
            &format!("This order is {}.", order.status),
        ),
        None => no_order(),
    }
}

/// `POST /scan/{order_id}` with `action=pay|fail|cancel`: the customer decides
/// on the phone; the merchant learns it by notification or query.
async fn decide_scan(
    State(app): State<Arc<App>>,
    Path(order_id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(key) = scan_order(&app, &order_id) else {
        return no_order();
    };
    let Some(action) = form_action(&body) else {
        return unknown_action();
    };
    match app.settle(&key, action) {
        Ok(status) => message(
            StatusCode::OK,
            "Done",
            &format!("The payment is {status}. You can close this page."),
        ),
        Err(e) => settle_refused(e),
    }
}

fn form_action(body: &[u8]) -> Option<Action> {
    url::form_urlencoded::parse(body)
        .find(|(name, _)| name == "action")
        .and_then(|(_, value)| Action::parse(&value))
}

fn settle_refused(error: SettleError) -> Response {
    match error {
        SettleError::NotFound => no_order(),
        SettleError::NotPending(status) => message(
            StatusCode::CONFLICT,
            "Already done",
            &format!("This order is already {status}."),
        ),
    }
}
