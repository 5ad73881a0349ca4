//! Serving the sandbox: on a listener of your own (async), or on its own
//! thread and runtime (for blocking tests and demos); over HTTP or HTTPS.

use std::io;
use std::net::SocketAddr;
use std::thread::JoinHandle;

use axum::middleware::from_fn_with_state;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio_rustls::TlsAcceptor;

use crate::app::App;
use crate::config::Settings;
use crate::tls::SelfSignedCertificate;
use crate::{api, connection, control, faults, page};

/// The whole sandbox as an axum router, for a sandbox reachable at `base_url`
/// (which its answers use in `host_url` and QR codes). Faults apply, except
/// `reset`, which needs [`serve`]'s connections: here it is a 500.
pub fn router(settings: Settings, base_url: &str) -> Router {
    let app = App::new(settings, base_url.trim_end_matches('/').to_owned());
    api::routes()
        .merge(page::routes())
        .merge(control::routes())
        .fallback(api::not_found)
        .layer(from_fn_with_state(app.clone(), faults::apply))
        .with_state(app)
}

/// The base URL of a listener: `http://127.0.0.1:41234`, or `https://…`.
fn base_url_of(address: SocketAddr, tls: bool) -> String {
    let scheme = if tls { "https" } else { "http" };
    format!("{scheme}://{address}")
}

/// Refuses settings that [`Settings::check`] refuses, as `InvalidInput`.
fn checked(settings: &Settings) -> io::Result<()> {
    settings
        .check()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
}

/// Serves the sandbox on `listener` until the future is dropped.
/// Fails at once, with `InvalidInput`, when [`Settings::check`] refuses the settings.
pub async fn serve(listener: TcpListener, settings: Settings) -> io::Result<()> {
    checked(&settings)?;
    serve_checked(listener, settings, None).await
}

/// [`serve`] over HTTPS with `certificate`: the base URL, `host_url` and the
/// pay page's links are `https://`.
pub async fn serve_tls(
    listener: TcpListener,
    settings: Settings,
    certificate: &SelfSignedCertificate,
) -> io::Result<()> {
    checked(&settings)?;
    serve_checked(listener, settings, Some(certificate.acceptor())).await
}

/// Serves checked settings, over TLS when `tls` is given.
async fn serve_checked(
    listener: TcpListener,
    settings: Settings,
    tls: Option<TlsAcceptor>,
) -> io::Result<()> {
    let base_url = base_url_of(listener.local_addr()?, tls.is_some());
    connection::serve(listener, router(settings, &base_url), tls).await
}

/// A sandbox on a free loopback port, served by its own thread and runtime.
/// Dropping it stops it.
pub struct Sandbox {
    base_url: String,
    certificate: Option<SelfSignedCertificate>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Starts a sandbox on `127.0.0.1` and a free port; refuses settings that
    /// [`Settings::check`] refuses (`InvalidInput`).
    pub fn start(settings: Settings) -> io::Result<Self> {
        Self::launch(settings, None)
    }

    /// [`Sandbox::start`] over HTTPS, with a new self-signed certificate for
    /// `localhost`, `127.0.0.1` and `::1`: see [`Sandbox::certificate_pem`].
    pub fn start_tls(settings: Settings) -> io::Result<Self> {
        Self::launch(settings, Some(SelfSignedCertificate::generate(&[])?))
    }

    /// Starts the runtime and its thread, serving over TLS with `certificate` when given.
    fn launch(settings: Settings, certificate: Option<SelfSignedCertificate>) -> io::Result<Self> {
        checked(&settings)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0"))?;
        let base_url = base_url_of(listener.local_addr()?, certificate.is_some());
        let tls = certificate.as_ref().map(SelfSignedCertificate::acceptor);
        let (stop, stopped) = oneshot::channel();
        let thread = std::thread::Builder::new()
            .name("latipay-sandbox".into())
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::select! {
                        _ = serve_checked(listener, settings, tls) => {}
                        _ = stopped => {}
                    }
                });
            })?;
        Ok(Sandbox {
            base_url,
            certificate,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Where it listens, e.g. `http://127.0.0.1:41234` (no trailing slash),
    /// or `https://…` when started with [`Sandbox::start_tls`].
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The certificate to trust, as PEM, when started with [`Sandbox::start_tls`].
    pub fn certificate_pem(&self) -> Option<&str> {
        self.certificate.as_ref().map(SelfSignedCertificate::pem)
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
