//! Shared pieces of the sandbox's end-to-end tests: a sandbox with fast
//! timings, the core client pointed at it, a merchant web site that receives
//! notifications with scripted faults, and a customer that clicks through pages.
#![allow(dead_code)] // each test file uses a different part of this module

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use latipay::{
    Amount, ApiKey, Client, Config, CreateTransaction, CreatedTransaction, Environment, Payment,
    PaymentMethod,
};
use latipay_sandbox::{Sandbox, Settings};
use serde_json::Value;

/// The demo merchant the sandbox serves by default.
pub const USER_ID: &str = "U000334333";
pub const WALLET_ID: &str = "W00000001";
pub const API_KEY: &str = "111222333";

/// Settings with timings short enough for tests.
pub fn fast_settings() -> Settings {
    Settings {
        notify_interval: Duration::from_millis(50),
        notify_timeout: Duration::from_secs(5),
        block_timeout: Duration::from_secs(2),
        barcode_pending: Duration::from_millis(600),
        ..Settings::default()
    }
}

/// A sandbox with [`fast_settings`].
pub fn sandbox() -> Sandbox {
    Sandbox::start(fast_settings()).expect("the sandbox starts")
}

/// The core client for the demo merchant, pointed at `base_url`.
pub fn client(base_url: &str) -> Client {
    client_with_key(base_url, API_KEY)
}

/// The core client for the demo merchant's ids with another api_key.
pub fn client_with_key(base_url: &str, key: &str) -> Client {
    client_for(base_url, USER_ID, WALLET_ID, key)
}

/// The core client for any account.
pub fn client_for(base_url: &str, user_id: &str, wallet_id: &str, key: &str) -> Client {
    let config = Config::new(
        user_id,
        wallet_id,
        ApiKey::new(key).unwrap(),
        Environment::Custom(base_url.to_owned()),
    );
    Client::new(config).expect("the client config is valid")
}

/// A unique merchant reference for this test run.
pub fn reference(prefix: &str) -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    format!(
        "{prefix}-{}",
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    )
}

/// A hosted-page order for `amount`, with the merchant site's URLs.
pub fn hosted_order(
    reference: &str,
    amount: &str,
    method: PaymentMethod,
    site: &str,
) -> CreateTransaction {
    CreateTransaction::new(
        reference,
        Amount::parse(amount).unwrap(),
        method,
        "Pinot Noir, Otago",
    )
    .return_url(format!("{site}/return"))
    .callback_url(format!("{site}/notify"))
    .ip("122.122.122.1")
}

/// A sandbox, a merchant site for its callbacks, and the demo merchant's client.
pub struct Shop {
    pub sandbox: Sandbox,
    pub site: MerchantSite,
    pub client: Client,
}

impl Shop {
    /// A shop whose site acknowledges every notification.
    pub fn open() -> Self {
        let sandbox = sandbox();
        let client = client(sandbox.base_url());
        Shop {
            sandbox,
            site: MerchantSite::start(vec![]),
            client,
        }
    }

    /// Creates a hosted-page order with the site's URLs.
    pub fn create(
        &self,
        reference: &str,
        amount: &str,
        method: PaymentMethod,
    ) -> CreatedTransaction {
        let order = hosted_order(reference, amount, method, &self.site.base_url);
        self.client
            .create_transaction(&order)
            .expect("the sandbox creates the order")
    }
}

/// Polls `check` until it gives a value, for at most 15 s.
pub fn eventually<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// An HTTP agent that neither follows redirects nor treats 4xx/5xx as errors.
pub fn http() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into()
}

/// GET, returning the status, the `Location` header and the body.
pub fn get_page(url: &str) -> (u16, Option<String>, String) {
    let mut response = http().get(url).call().expect("the request is answered");
    answer(&mut response)
}

/// POST a form, returning the status, the `Location` header and the body.
pub fn post_form(url: &str, form: &[(&str, &str)]) -> (u16, Option<String>, String) {
    let mut response = http()
        .post(url)
        .send_form(form.iter().copied())
        .expect("the request is answered");
    answer(&mut response)
}

/// POST a raw body as JSON, returning the parsed JSON answer and its HTTP status.
pub fn post_json(url: &str, body: &str) -> (u16, Value) {
    let mut response = http()
        .post(url)
        .header("Content-Type", "application/json;charset=UTF-8")
        .send(body)
        .expect("the request is answered");
    let (status, _, text) = answer(&mut response);
    (
        status,
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}")),
    )
}

fn answer(response: &mut ureq::http::Response<ureq::Body>) -> (u16, Option<String>, String) {
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.body_mut().read_to_string().unwrap_or_default();
    (status, location, body)
}

/// The customer on the hosted page: opens the payment URL, presses `action`
/// (pay, fail or cancel), and returns where the browser is sent next.
pub fn customer_presses(payment_url: &str, action: &str) -> String {
    let (status, checkout, _) = get_page(payment_url);
    assert_eq!(
        status, 303,
        "opening the payment URL redirects to a checkout page"
    );
    let base = payment_url.split("/pay/").next().unwrap();
    let checkout = format!("{base}{}", checkout.unwrap());
    let (status, _, page) = get_page(&checkout);
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("value=\"{action}\"")),
        "the page offers {action}: {page}"
    );
    let (status, location, page) = post_form(&checkout, &[("action", action)]);
    assert_eq!(status, 303, "pressing {action} redirects: {page}");
    location.expect("a redirect has a Location")
}

/// The sandbox's notification log.
pub fn notifications(base_url: &str) -> Vec<Value> {
    let mut response = http()
        .get(&format!("{base_url}/_sandbox/notifications"))
        .call()
        .unwrap();
    let log: Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    log["notifications"].as_array().unwrap().clone()
}

/// The log's deliveries for one merchant reference.
pub fn deliveries_for(base_url: &str, reference: &str) -> Vec<Value> {
    notifications(base_url)
        .into_iter()
        .filter(|d| d["merchant_reference"] == reference)
        .collect()
}

/// Acts as the customer through the control API (pay, fail or cancel).
pub fn control(base_url: &str, reference: &str, action: &str) -> (u16, Value) {
    post_json(
        &format!("{base_url}/_sandbox/orders/{reference}/{action}"),
        "",
    )
}

/// How the merchant site answers one notification.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Verify it and answer 200 `sent`.
    Ack,
    /// Answer with this HTTP status.
    Status(u16),
    /// Answer 200 with another body.
    WrongBody(&'static str),
    /// Answer `sent`, but only after this long (past the sandbox's timeout).
    Slow(Duration),
}

/// One notification the merchant site received.
#[derive(Debug, Clone)]
pub struct Received {
    pub body: Vec<u8>,
    /// What `latipay::verify_notification` made of it.
    pub verified: Result<Payment, String>,
}

#[derive(Default)]
struct SiteState {
    script: Mutex<VecDeque<Reply>>,
    received: Mutex<Vec<Received>>,
}

/// A merchant's web site on loopback: `/notify` (the callback) and `/return`.
pub struct MerchantSite {
    pub base_url: String,
    state: Arc<SiteState>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl MerchantSite {
    /// A site on a free port whose callback answers `script` in turn, then `Ack`.
    pub fn start(script: Vec<Reply>) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        Self::serve(listener, script)
    }

    /// A site on the given `port` (to bring a "down" merchant back up).
    pub fn start_on(port: u16, script: Vec<Reply>) -> Self {
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
        Self::serve(listener, script)
    }

    fn serve(listener: std::net::TcpListener, script: Vec<Reply>) -> Self {
        listener.set_nonblocking(true).unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(SiteState {
            script: Mutex::new(script.into()),
            received: Mutex::default(),
        });
        let router = Router::new()
            .route("/notify", post(notify))
            .route("/return", get(|| async { "Thank you for your order." }))
            .with_state(Arc::clone(&state));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                tokio::select! {
                    _ = axum::serve(listener, router) => {}
                    _ = stopped => {}
                }
            });
        });
        MerchantSite {
            base_url,
            state,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// Every notification received so far.
    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }
}

impl Drop for MerchantSite {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The merchant's notification handler: raw body in, verified with the core crate.
async fn notify(State(state): State<Arc<SiteState>>, body: Bytes) -> (StatusCode, String) {
    let verified = latipay::verify_notification(&body, API_KEY).map_err(|e| e.to_string());
    let ok = verified.is_ok();
    state.received.lock().unwrap().push(Received {
        body: body.to_vec(),
        verified,
    });
    let reply = state
        .script
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or(Reply::Ack);
    match reply {
        Reply::Ack if ok => (StatusCode::OK, latipay::NOTIFICATION_ACK.to_owned()),
        Reply::Ack => (StatusCode::BAD_REQUEST, "bad signature".to_owned()),
        Reply::Status(code) => (StatusCode::from_u16(code).unwrap(), "try later".to_owned()),
        Reply::WrongBody(body) => (StatusCode::OK, body.to_owned()),
        Reply::Slow(pause) => {
            tokio::time::sleep(pause).await;
            (StatusCode::OK, latipay::NOTIFICATION_ACK.to_owned())
        }
    }
}

/// The `latipay-sandbox` binary, killed when dropped.
pub struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary with `--port 0` and `args`, as another language's test
/// suite does, and returns it with the first `lines` lines of its stdout.
pub fn start_binary(args: &[&str], lines: usize) -> (Running, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_latipay-sandbox"))
        .args(["--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, read) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut stdout = BufReader::new(stdout);
        let mut first = Vec::new();
        for _ in 0..lines {
            let mut line = String::new();
            let _ = stdout.read_line(&mut line);
            first.push(line.trim_end().to_owned());
        }
        let _ = sender.send(first);
    });
    let running = Running(child);
    let first = read
        .recv_timeout(Duration::from_secs(30))
        .expect("the sandbox prints its base URL");
    (running, first)
}
