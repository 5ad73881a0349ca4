//! The control routes for faults: `POST /_sandbox/faults` adds one,
//! `GET` lists the pending ones, `DELETE` forgets them all.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::json;
use crate::app::App;
use crate::control::problem;

/// The fault routes.
pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new().route("/_sandbox/faults", get(list).post(add).delete(clear))
}

/// `POST /_sandbox/faults`: 201 with the stored fault, or 400 naming the bad field.
async fn add(State(app): State<Arc<App>>, body: Bytes) -> Response {
    match json::parse(&body) {
        Ok((rule, kind)) => {
            let stored = json::view(app.ledger().faults.add(rule, kind));
            (StatusCode::CREATED, Json(stored)).into_response()
        }
        Err(error) => problem(StatusCode::BAD_REQUEST, error),
    }
}

/// `GET /_sandbox/faults`: the pending faults, oldest first, with what remains of each.
async fn list(State(app): State<Arc<App>>) -> Json<Value> {
    let ledger = app.ledger();
    let faults: Vec<Value> = ledger.faults.pending.iter().map(json::view).collect();
    Json(json!({ "faults": faults }))
}

/// `DELETE /_sandbox/faults`: forgets every pending fault.
async fn clear(State(app): State<Arc<App>>) -> Json<Value> {
    Json(json!({ "cleared": app.ledger().faults.clear() }))
}
