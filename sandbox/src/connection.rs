//! Serving connections: the accept loop, TLS when asked, HTTP/1.1 by hyper,
//! and the one thing a router cannot do, closing a connection without an
//! answer (a `reset` fault's [`DropConnection`] mark).

use std::io;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{service_fn, Service};
use hyper::Request;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;

use crate::faults::DropConnection;

/// The longest a client may take over its TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long to pause accepting after an error that is not one connection's
/// (such as too many open files).
const ACCEPT_PAUSE: Duration = Duration::from_secs(1);

/// Serves `router` on every connection `listener` accepts, over TLS when
/// `tls` is given, until the future is dropped (which ends every connection).
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    tls: Option<TlsAcceptor>,
) -> io::Result<()> {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_one(stream, router.clone(), tls.clone()));
                }
                Err(e) if is_one_connections(&e) => {}
                Err(_) => tokio::time::sleep(ACCEPT_PAUSE).await,
            },
            Some(_) = connections.join_next() => {}
        }
    }
}

/// Whether an accept error concerns only the connection being accepted.
fn is_one_connections(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionReset
    )
}

/// One connection: the TLS handshake if any, then HTTP until either side closes.
async fn serve_one(stream: TcpStream, router: Router, tls: Option<TlsAcceptor>) {
    // Send each write at once: a slowed body's small pieces must not wait for ACKs.
    let _ = stream.set_nodelay(true);
    match tls {
        None => serve_http(stream, router).await,
        Some(acceptor) => {
            if let Ok(Ok(stream)) =
                tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await
            {
                serve_http(stream, router).await;
            }
        }
    }
}

/// HTTP/1.1 on `io`. An answer marked [`DropConnection`] becomes an error,
/// on which hyper closes the connection without writing anything.
async fn serve_http<I>(io: I, router: Router)
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let router = TowerToHyperService::new(router);
    let service = service_fn(move |request: Request<Incoming>| {
        let answer = router.call(request);
        async move {
            let response = answer.await.unwrap_or_else(|never| match never {});
            match response.extensions().get::<DropConnection>() {
                Some(&drop) => Err(drop),
                None => Ok(response),
            }
        }
    });
    // A failed connection concerns only its client.
    let _ = http1::Builder::new()
        .serve_connection(TokioIo::new(io), service)
        .await;
}
