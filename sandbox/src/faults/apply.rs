//! The middleware that applies faults: each request takes the oldest pending
//! fault that matches it, under the app's lock, and is answered accordingly.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{bodies, gzip, Kind};
use crate::app::App;

/// Marks an answer that must not be sent: the server closes the connection
/// instead (see `connection.rs`). A server that does not know the mark sends
/// the answer it is attached to, a 500 that says so.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a reset fault closed the connection")
    }
}

impl std::error::Error for DropConnection {}

impl DropConnection {
    /// The marked answer.
    fn response() -> Response {
        let mut response = (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"error":"injected fault: reset, which only latipay_sandbox::serve can carry out"}"#,
        )
            .into_response();
        response.extensions_mut().insert(DropConnection);
        response
    }
}

/// Runs `request` through the fault it takes, if any.
pub(crate) async fn apply(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let taken = app
        .ledger()
        .faults
        .take(request.method(), request.uri().path());
    let Some(kind) = taken else {
        return next.run(request).await;
    };
    match kind {
        Kind::Delay(pause) => {
            tokio::time::sleep(pause).await;
            next.run(request).await
        }
        Kind::Status {
            status,
            body,
            content_type,
        } => (status, [(header::CONTENT_TYPE, content_type)], body).into_response(),
        Kind::Reset => DropConnection::response(),
        Kind::SlowBody { chunk_bytes, pause } => {
            bodies::slowly(next.run(request).await, chunk_bytes, pause).await
        }
        Kind::OversizedBody { bytes } => bodies::oversized(bytes),
        Kind::GzipBomb { bytes } => gzip::bomb(bytes),
        Kind::Redirect { status, location } => {
            (status, [(header::LOCATION, location)]).into_response()
        }
    }
}
