//! Asynchronous notifications: on every status change the signed form is
//! POSTed to the order's `callback_url`, and retried every
//! `notify_interval` until the merchant answers HTTP 200 with exactly `sent`.
//! Every attempt is kept, with its outcome, for `GET /_sandbox/notifications`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use latipay::NOTIFICATION_ACK;
use serde_json::{json, Value};

use crate::app::{App, Ledger};
use crate::clock;
use crate::config::Merchant;
use crate::order::Order;

/// The longest merchant answer kept in the log, in bytes.
const KEPT_ANSWER: usize = 200;

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// One notification and every attempt to deliver it.
#[derive(Debug)]
pub(crate) struct Delivery {
    id: u64,
    merchant_reference: String,
    status: String,
    callback_url: String,
    body: String,
    attempts: Vec<Attempt>,
    delivered: bool,
}

/// One try at delivering a notification.
#[derive(Debug)]
struct Attempt {
    at: String,
    outcome: Outcome,
}

/// How one attempt ended.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// HTTP 200 with body exactly `sent`: delivered, never sent again.
    Sent,
    /// Another HTTP status.
    HttpStatus(u16),
    /// HTTP 200 with another body (kept, shortened).
    WrongBody(String),
    /// No answer within `notify_timeout`.
    Timeout,
    /// No connection, or it broke.
    Unreachable(String),
}

impl Delivery {
    /// The notification for `order`'s current status, signed by rule B with the
    /// merchant's key; `None` when the order has no `callback_url`.
    pub(crate) fn for_order(order: &Order, merchant: &Merchant) -> Option<Self> {
        let callback_url = order.callback_url.clone()?;
        let (reference, method, status) = (
            order.merchant_reference.as_str(),
            order.payment_method.as_str(),
            order.status.as_str(),
        );
        let amount = order.amount.as_str();
        let signature = order.sign_outcome(method, status, merchant.api_key.expose());
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("merchant_reference", reference)
            .append_pair("order_id", &order.order_id)
            .append_pair("currency", &order.currency)
            .append_pair("amount", amount)
            .append_pair("payment_method", method)
            .append_pair("status", status)
            .append_pair("pay_time", &order.pay_time)
            .append_pair("signature", &signature)
            .finish();
        Some(Delivery {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            merchant_reference: reference.to_owned(),
            status: status.to_owned(),
            callback_url,
            body,
            attempts: Vec::new(),
            delivered: false,
        })
    }

    /// The delivery as the control API shows it.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "merchant_reference": self.merchant_reference,
            "status": self.status,
            "callback_url": self.callback_url,
            "body": self.body,
            "delivered": self.delivered,
            "attempts": self.attempts.iter().map(Attempt::to_json).collect::<Vec<_>>(),
        })
    }
}

impl Attempt {
    /// The attempt as the control API shows it.
    fn to_json(&self) -> Value {
        let at = &self.at;
        match &self.outcome {
            Outcome::Sent => json!({ "at": at, "outcome": "sent", "http_status": 200 }),
            Outcome::HttpStatus(code) => {
                json!({ "at": at, "outcome": "http_status", "http_status": code })
            }
            Outcome::WrongBody(body) => {
                json!({ "at": at, "outcome": "wrong_body", "http_status": 200, "answer": body })
            }
            Outcome::Timeout => json!({ "at": at, "outcome": "timeout" }),
            Outcome::Unreachable(error) => {
                json!({ "at": at, "outcome": "unreachable", "error": error })
            }
        }
    }
}

/// Records `delivery` and starts sending it in the background.
pub(crate) fn start(app: &Arc<App>, ledger: &mut Ledger, delivery: Delivery) {
    let task = tokio::spawn(deliver(
        Arc::clone(app),
        delivery.id,
        delivery.callback_url.clone(),
        delivery.body.clone(),
    ));
    ledger.deliveries.insert(delivery.id, delivery);
    ledger.track(task.abort_handle());
}

/// Sends until acknowledged. Stops silently when the sandbox is reset.
async fn deliver(app: Arc<App>, id: u64, url: String, body: String) {
    loop {
        let outcome = attempt(&app.http, &url, &body).await;
        let sent = outcome == Outcome::Sent;
        {
            let mut ledger = app.ledger();
            let Some(delivery) = ledger.deliveries.get_mut(&id) else {
                return;
            };
            delivery.attempts.push(Attempt {
                at: clock::utc_now(),
                outcome,
            });
            if sent {
                delivery.delivered = true;
                return;
            }
        }
        tokio::time::sleep(app.settings.notify_interval).await;
    }
}

/// POSTs the notification once and says how it went.
async fn attempt(http: &reqwest::Client, url: &str, body: &str) -> Outcome {
    let sent = http
        .post(url)
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(body.to_owned())
        .send()
        .await;
    let answer = match sent {
        Ok(response) => response,
        Err(e) => return failure(&e),
    };
    let status = answer.status().as_u16();
    let text = match answer.bytes().await {
        Ok(bytes) => bytes,
        Err(e) => return failure(&e),
    };
    match status {
        200 if text.as_ref() == NOTIFICATION_ACK.as_bytes() => Outcome::Sent,
        200 => {
            let shown = String::from_utf8_lossy(&text[..text.len().min(KEPT_ANSWER)]).into_owned();
            Outcome::WrongBody(shown)
        }
        other => Outcome::HttpStatus(other),
    }
}

/// A transport failure: a timeout, or why there was no answer (with causes).
fn failure(error: &reqwest::Error) -> Outcome {
    if error.is_timeout() {
        return Outcome::Timeout;
    }
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    Outcome::Unreachable(text)
}

/// Every delivery so far, oldest first.
pub(crate) fn log(ledger: &Ledger) -> Value {
    Value::Array(ledger.deliveries.values().map(Delivery::to_json).collect())
}
