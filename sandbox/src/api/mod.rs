//! The Latipay v2 merchant API, as strict as the real one: every request's
//! rule-A signature is checked, every answer is HTTP 200 with Latipay's
//! `code` and `message`, and signed answers are signed by the core crate.

mod barcode;
mod cancel;
pub(crate) mod create;
mod gateway;
mod params;
mod query;
mod refund;
pub(crate) mod reply;

use std::sync::Arc;

use axum::http::{Method, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;

pub use barcode::BarcodeOutcome;

use crate::app::App;

/// The Latipay API routes.
pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/v2/transaction", post(create::create_transaction))
        .route("/v2/transaction/{merchant_reference}", get(query::query))
        .route(
            &format!("{}/{{nonce}}", create::GATEWAY_DATA_PATH),
            get(gateway::gateway_data),
        )
        .route("/refund", post(refund::refund))
        .route("/v2/refund", post(refund::refund_at_v2))
        .route("/cancel", post(cancel::cancel))
        .route("/barcode", post(barcode::barcode))
}

/// Any other path: 404 with a JSON body that names what was asked for.
pub(crate) async fn not_found(method: Method, uri: Uri) -> Response {
    let body = json!({ "code": reply::code::FAIL, "message": format!("no such endpoint: {method} {}", uri.path()) });
    reply::json_text(StatusCode::NOT_FOUND, body.to_string())
}
