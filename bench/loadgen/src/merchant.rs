//! A merchant's notification endpoint, answering `sent` at once or after a delay.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::routing::post;
use axum::Router;

/// A merchant on a loopback port; counts the notifications it received and
/// those it has not answered yet.
pub struct Merchant {
    /// Its callback URL.
    pub callback_url: String,
    /// Notifications received so far.
    pub received: Arc<AtomicU64>,
    /// Notifications received and not answered yet.
    pub open: Arc<AtomicU64>,
}

impl Merchant {
    /// Starts a merchant that waits `delay` before acknowledging each notification.
    pub async fn start(delay: Duration) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let address: SocketAddr = listener.local_addr()?;
        let received = Arc::new(AtomicU64::new(0));
        let open = Arc::new(AtomicU64::new(0));
        let (counter, waiting) = (Arc::clone(&received), Arc::clone(&open));
        let app = Router::new().route(
            "/latipay",
            post(move || {
                let (counter, waiting) = (Arc::clone(&counter), Arc::clone(&waiting));
                async move {
                    counter.fetch_add(1, Ordering::Relaxed);
                    waiting.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(delay).await;
                    waiting.fetch_sub(1, Ordering::Relaxed);
                    latipay::NOTIFICATION_ACK
                }
            }),
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok(Merchant {
            callback_url: format!("http://{address}/latipay"),
            received,
            open,
        })
    }
}
