//! The sandbox's shared state: merchants, orders, nonces and notification
//! deliveries, behind one lock that is never held across an `.await`.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use latipay::Status;
use tokio::task::AbortHandle;

use crate::clock;
use crate::config::{Merchant, Settings};
use crate::faults::Faults;
use crate::notify::{self, Delivery};
use crate::order::{Action, Channel, Order};

/// Orders are unique per merchant: `(user_id, merchant_reference)`.
pub(crate) type OrderKey = (String, String);

/// What a payment nonce opens.
#[derive(Debug)]
pub(crate) struct Nonce {
    pub(crate) order: OrderKey,
    pub(crate) channel: Channel,
    pub(crate) expires: Instant,
    pub(crate) used: bool,
}

/// The most warnings kept between resets.
pub(crate) const MAX_WARNINGS: usize = 1000;

/// A client's text as a warning shows it: at most 64 characters, then `…`.
fn clipped(text: &str) -> String {
    match text.char_indices().nth(64) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Everything that changes while the sandbox runs; [`App::reset`] empties it.
#[derive(Default)]
pub(crate) struct Ledger {
    pub(crate) orders: HashMap<OrderKey, Order>,
    pub(crate) order_ids: HashMap<String, OrderKey>,
    pub(crate) nonces: HashMap<String, Nonce>,
    /// Checkout pages opened from a nonce, by their one-time token.
    pub(crate) checkouts: HashMap<String, OrderKey>,
    /// Every notification, by its id (ids only grow: oldest first).
    pub(crate) deliveries: BTreeMap<u64, Delivery>,
    /// Faults waiting for requests.
    pub(crate) faults: Faults,
    /// Requests accepted although a field was not a JSON string, oldest first
    /// (at most [`MAX_WARNINGS`]).
    pub(crate) warnings: Vec<serde_json::Value>,
    /// Warnings beyond [`MAX_WARNINGS`], counted and not kept.
    pub(crate) warnings_dropped: u64,
    /// Background tasks (notification retries, barcode timers) to stop on reset.
    tasks: Vec<AbortHandle>,
}

impl Ledger {
    /// Keeps `task` to stop on reset. Finished tasks are dropped whenever the
    /// list would grow, so keeping one costs O(1) amortised.
    pub(crate) fn track(&mut self, task: AbortHandle) {
        if self.tasks.len() == self.tasks.capacity() {
            self.tasks.retain(|t| !t.is_finished());
        }
        self.tasks.push(task);
    }
}

/// Why a customer action was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SettleError {
    /// No such order.
    NotFound,
    /// The order is no longer pending; its status is given.
    NotPending(Status),
}

/// Why a nonce cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NonceError {
    /// Never issued (or the sandbox was reset).
    Unknown,
    /// Already used once.
    Used,
    /// Past its lifetime.
    Expired,
    /// Issued for the other kind of payment (hosted page vs gateway data).
    WrongChannel,
}

impl NonceError {
    /// What to tell the caller.
    pub(crate) fn message(&self) -> &'static str {
        match self {
            NonceError::Unknown => "this nonce was never issued",
            NonceError::Used => "this nonce has already been used: a nonce is single-use",
            NonceError::Expired => "this nonce has expired: create a new transaction",
            NonceError::WrongChannel => {
                "this nonce belongs to the other kind of payment (hosted page or merchant-hosted)"
            }
        }
    }
}

/// The running sandbox.
pub(crate) struct App {
    pub(crate) settings: Settings,
    pub(crate) base_url: String,
    merchants: HashMap<String, Merchant>,
    ledger: Mutex<Ledger>,
    next_order: AtomicU64,
    pub(crate) http: reqwest::Client,
}

impl App {
    /// A sandbox reachable at `base_url` (no trailing slash).
    pub(crate) fn new(settings: Settings, base_url: String) -> Arc<Self> {
        let merchants = settings
            .effective_merchants()
            .into_iter()
            .map(|m| (m.user_id.clone(), m))
            .collect();
        let http = reqwest::Client::builder()
            .timeout(settings.notify_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a plain HTTP client always builds");
        Arc::new(App {
            settings,
            base_url,
            merchants,
            ledger: Mutex::new(Ledger::default()),
            next_order: AtomicU64::new(1),
            http,
        })
    }

    /// The merchant with this `user_id`.
    pub(crate) fn merchant(&self, user_id: &str) -> Option<&Merchant> {
        self.merchants.get(user_id)
    }

    /// The ledger, locked. A panic elsewhere never makes it unusable.
    pub(crate) fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records that a request to `endpoint` sent `field` as the JSON `sent`
    /// (a number or a boolean) where Latipay documents a string: on stderr,
    /// and for `GET /_sandbox/warnings`.
    /// The first [`MAX_WARNINGS`] are kept (and printed); later ones are counted.
    pub(crate) fn warn_not_a_string(&self, endpoint: &str, field: &str, sent: &str) {
        let mut ledger = self.ledger();
        if ledger.warnings.len() >= MAX_WARNINGS {
            if ledger.warnings_dropped == 0 {
                eprintln!("latipay-sandbox: warning: more than {MAX_WARNINGS} warnings: the rest are counted at GET /_sandbox/warnings, not shown");
            }
            ledger.warnings_dropped += 1;
            return;
        }
        let (field, sent) = (clipped(field), clipped(sent));
        let message = format!(
            "`{field}` was sent as the JSON {sent} where Latipay documents a string (\"{sent}\"); \
             accepted and signed as its JSON text `{sent}` (--strict refuses it)"
        );
        // The field's name is the client's text: escaped on the terminal.
        eprintln!(
            "latipay-sandbox: warning: {endpoint}: {}",
            message.escape_debug()
        );
        ledger.warnings.push(serde_json::json!({
            "endpoint": endpoint, "field": field, "sent": sent, "message": message,
        }));
    }

    /// A new Latipay order id: Beijing date and a sequence number.
    pub(crate) fn new_order_id(&self) -> String {
        let n = self.next_order.fetch_add(1, Ordering::Relaxed);
        format!("{}{:08}", clock::beijing_date(), n)
    }

    /// Moves a pending order to the action's final status, wakes blocking
    /// queries and sends the notification. Returns the new status.
    pub(crate) fn settle(
        self: &Arc<Self>,
        key: &OrderKey,
        action: Action,
    ) -> Result<Status, SettleError> {
        let mut ledger = self.ledger();
        self.settle_locked(&mut ledger, key, action)
    }

    /// [`App::settle`] for the order with this Latipay `order_id`, in one step
    /// (so that a reset in between cannot redirect it to a newer order).
    pub(crate) fn settle_order_id(
        self: &Arc<Self>,
        order_id: &str,
        action: Action,
    ) -> Result<Status, SettleError> {
        let mut ledger = self.ledger();
        let key = ledger
            .order_ids
            .get(order_id)
            .cloned()
            .ok_or(SettleError::NotFound)?;
        self.settle_locked(&mut ledger, &key, action)
    }

    fn settle_locked(
        self: &Arc<Self>,
        ledger: &mut Ledger,
        key: &OrderKey,
        action: Action,
    ) -> Result<Status, SettleError> {
        let order = ledger.orders.get_mut(key).ok_or(SettleError::NotFound)?;
        if order.status != Status::Pending {
            return Err(SettleError::NotPending(order.status.clone()));
        }
        let status = action.outcome();
        order.status = status.clone();
        order.pay_time = clock::beijing_now();
        order.status_watch.send_replace(status.clone());
        if let Some(delivery) = self
            .merchant(&order.user_id)
            .and_then(|m| Delivery::for_order(order, m))
        {
            notify::start(self, ledger, delivery);
        }
        Ok(status)
    }

    /// Stores a new order (and the nonce that opens it, if any). Refuses a
    /// merchant_reference the merchant has used before, naming its order id.
    pub(crate) fn add_order(
        &self,
        order: Order,
        nonce: Option<(String, Channel)>,
    ) -> Result<(), String> {
        let mut ledger = self.ledger();
        let key = order.key();
        if let Some(existing) = ledger.orders.get(&key) {
            return Err(existing.order_id.clone());
        }
        if let Some((nonce, channel)) = nonce {
            let expires = Instant::now() + self.settings.nonce_ttl;
            ledger.nonces.insert(
                nonce,
                Nonce {
                    order: key.clone(),
                    channel,
                    expires,
                    used: false,
                },
            );
        }
        ledger.order_ids.insert(order.order_id.clone(), key.clone());
        ledger.orders.insert(key, order);
        Ok(())
    }

    /// Uses up a nonce issued for `channel` and returns its order.
    pub(crate) fn take_nonce(&self, nonce: &str, channel: Channel) -> Result<OrderKey, NonceError> {
        let mut ledger = self.ledger();
        let entry = ledger.nonces.get_mut(nonce).ok_or(NonceError::Unknown)?;
        if entry.channel != channel {
            return Err(NonceError::WrongChannel);
        }
        if entry.used {
            return Err(NonceError::Used);
        }
        if Instant::now() > entry.expires {
            return Err(NonceError::Expired);
        }
        entry.used = true;
        Ok(entry.order.clone())
    }

    /// Forgets every order, nonce, notification and fault, and stops every retry.
    pub(crate) fn reset(&self) {
        let mut ledger = self.ledger();
        for task in ledger.tasks.drain(..) {
            task.abort();
        }
        *ledger = Ledger::default();
    }

    /// Finds an order by merchant reference for the control API: `user_id`
    /// picks the merchant when several have used the same reference.
    pub(crate) fn find(&self, reference: &str, user_id: Option<&str>) -> Result<OrderKey, String> {
        let ledger = self.ledger();
        // One lookup per merchant: never a scan of every order.
        let mut keys = self
            .merchants
            .keys()
            .filter(|u| user_id.is_none_or(|want| want == u.as_str()))
            .map(|u| (u.clone(), reference.to_owned()))
            .filter(|key| ledger.orders.contains_key(key));
        match (keys.next(), keys.next()) {
            (Some(key), None) => Ok(key),
            (None, _) => Err(format!("no order with merchant_reference {reference:?}")),
            (Some(_), Some(_)) => Err(format!(
                "several merchants have an order {reference:?}: add ?user_id=… to choose one"
            )),
        }
    }
}
