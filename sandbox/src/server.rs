//! Serving the sandbox: on a listener of your own (async), or on its own
//! thread and runtime (for blocking tests and demos).

use std::io;
use std::net::SocketAddr;
use std::thread::JoinHandle;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::app::App;
use crate::config::Settings;
use crate::{api, control, page};

/// The whole sandbox as an axum router, for a sandbox reachable at `base_url`
/// (which its answers use in `host_url` and QR codes).
pub fn router(settings: Settings, base_url: &str) -> Router {
    let app = App::new(settings, base_url.trim_end_matches('/').to_owned());
    api::routes()
        .merge(page::routes())
        .merge(control::routes())
        .fallback(api::not_found)
        .with_state(app)
}

/// The base URL of a listener: `http://127.0.0.1:41234`.
fn base_url_of(address: SocketAddr) -> String {
    format!("http://{address}")
}

/// Serves the sandbox on `listener` until the future is dropped.
/// Fails at once, with `InvalidInput`, when [`Settings::check`] refuses the settings.
pub async fn serve(listener: TcpListener, settings: Settings) -> io::Result<()> {
    settings
        .check()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let base_url = base_url_of(listener.local_addr()?);
    axum::serve(listener, router(settings, &base_url)).await
}

/// A sandbox on a free loopback port, served by its own thread and runtime.
/// Dropping it stops it.
pub struct Sandbox {
    base_url: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Starts a sandbox on `127.0.0.1` and a free port; refuses settings that
    /// [`Settings::check`] refuses (`InvalidInput`).
    pub fn start(settings: Settings) -> io::Result<Self> {
        settings
            .check()
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0"))?;
        let base_url = base_url_of(listener.local_addr()?);
        let (stop, stopped) = oneshot::channel();
        let thread = std::thread::Builder::new()
            .name("latipay-sandbox".into())
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::select! {
                        _ = serve(listener, settings) => {}
                        _ = stopped => {}
                    }
                });
            })?;
        Ok(Sandbox {
            base_url,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Where it listens, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
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
