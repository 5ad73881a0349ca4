//! `make demo`: a whole Latipay payment on one machine, with no credentials
//! and no real money. The sandbox runs in-process; this program plays both a
//! merchant (with its own web site for the callback and the return page) and
//! the customer, using the `latipay` crate exactly as a merchant would.

use std::collections::HashMap;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use latipay::{
    verify_notification, verify_redirect, Amount, ApiKey, Barcode, Client, Config,
    CreateTransaction, Environment, PaymentMethod, Refund, Status, Transition, NOTIFICATION_ACK,
};
use latipay_sandbox::{Sandbox, Settings};

/// The sandbox's documented demo merchant.
const USER_ID: &str = "U000334333";
const WALLET_ID: &str = "W00000001";
const API_KEY: &str = "111222333";

type Failure = Box<dyn std::error::Error>;

fn main() -> Result<(), Failure> {
    let started = Instant::now();
    println!(
        "Latipay sandbox demo: a whole payment on this machine, no credentials, no real money\n"
    );

    let settings = Settings {
        notify_interval: Duration::from_secs(1),
        ..Settings::default()
    };
    let sandbox = Sandbox::start(settings)?;
    step(
        1,
        &format!(
            "Sandbox started at {} (demo merchant {USER_ID}, wallet {WALLET_ID}, NZD)",
            sandbox.base_url()
        ),
    );
    let (events, heard) = channel();
    let mut inbox = Inbox {
        heard,
        early: Vec::new(),
    };
    let site = MerchantSite::start(events)?;
    step(
        2,
        &format!(
            "Merchant site at {} (callback /latipay/notify, return page /checkout/done)",
            site.base_url
        ),
    );

    let key = ApiKey::new(API_KEY)?;
    let client = Client::new(Config::new(
        USER_ID,
        WALLET_ID,
        key,
        Environment::Custom(sandbox.base_url().into()),
    ))?;
    online_payment(&client, &site, &mut inbox)?;
    in_store(&client, &site, &mut inbox)?;

    println!(
        "\nDone in {:.1} s. Run the sandbox yourself: cargo run --locked -p latipay-sandbox -- --port 8450",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn step(n: u32, text: &str) {
    println!("[{n:>2}] {text}");
}

fn detail(text: &str) {
    println!("     {text}");
}

/// Which page of the merchant site reported something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    /// The notification callback.
    Callback,
    /// The page the customer's browser returns to.
    Return,
}

/// What the merchant site reports, taken in the order the demo tells it
/// (the notification and the browser's return race each other).
struct Inbox {
    heard: Receiver<(Page, String)>,
    early: Vec<(Page, String)>,
}

impl Inbox {
    fn take(&mut self, page: Page) -> Result<String, Failure> {
        if let Some(i) = self.early.iter().position(|(p, _)| *p == page) {
            return Ok(self.early.remove(i).1);
        }
        loop {
            let (from, text) = self.heard.recv_timeout(Duration::from_secs(20))?;
            if from == page {
                return Ok(text);
            }
            self.early.push((from, text));
        }
    }
}

fn online_payment(client: &Client, site: &MerchantSite, inbox: &mut Inbox) -> Result<(), Failure> {
    println!("\nOnline: the customer pays on Latipay's hosted page");
    let reference = format!("order-{}", std::process::id());
    let amount = Amount::parse("120.00")?;
    site.expect(&reference, PaymentMethod::Alipay, &amount);
    let order = CreateTransaction::new(
        reference.as_str(),
        amount.clone(),
        PaymentMethod::Alipay,
        "Pinot Noir, Otago",
    )
    .return_url(format!("{}/checkout/done", site.base_url))
    .callback_url(format!("{}/latipay/notify", site.base_url))
    .ip("122.122.122.1");
    let created = client.create_transaction(&order)?;
    step(
        3,
        &format!(
            "Created {reference}: NZD {} by alipay (signed by rule A)",
            amount.as_str()
        ),
    );
    detail(&format!(
        "answer verified (rule B over nonce + host_url); send the customer to {}",
        created.payment_url
    ));

    let landing = customer_pays_on_hosted_page(&created.payment_url)?;
    step(
        4,
        "The customer opened the page and pressed Pay; the browser went back to the merchant:",
    );
    detail(&landing);
    detail(&inbox.take(Page::Return)?);
    step(5, "Latipay's notification arrived at the callback:");
    detail(&inbox.take(Page::Callback)?);

    let payment = client.query(&reference, false)?;
    let pay_time = payment.pay_time.map(|t| t.to_rfc3339()).unwrap_or_default();
    step(
        6,
        &format!(
            "Query: {} {} {}, order_id {}, paid at {pay_time}",
            payment.status,
            payment.currency,
            payment.amount,
            payment.order_id.clone().unwrap_or_default()
        ),
    );

    let order_id = payment.order_id.unwrap_or_default();
    client.refund(&Refund::new(order_id.clone(), Amount::parse("20.00")?))?;
    step(7, "Refunded NZD 20.00 of 120.00: accepted");
    match client.refund(&Refund::new(order_id, Amount::parse("200.00")?)) {
        Err(e) => detail(&format!(
            "a refund of 200.00 is refused: {} ({e})",
            e.code()
        )),
        Ok(()) => return Err("a refund above the paid amount was accepted".into()),
    }
    Ok(())
}

/// Like a browser: open the payment URL, press Pay, and follow the redirect
/// back to the merchant. Returns the URL the customer lands on.
fn customer_pays_on_hosted_page(payment_url: &str) -> Result<String, Failure> {
    let browser: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .build()
        .into();
    let opened = browser.get(payment_url).call()?;
    let checkout = location(&opened)?;
    let origin = payment_url.split("/pay/").next().unwrap_or_default();
    let page = browser
        .get(&format!("{origin}{checkout}"))
        .call()?
        .body_mut()
        .read_to_string()?;
    if !page.contains("value=\"pay\"") {
        return Err("the hosted page has no Pay button".into());
    }
    let pressed = browser
        .post(&format!("{origin}{checkout}"))
        .send_form([("action", "pay")])?;
    let landing = location(&pressed)?;
    browser.get(&landing).call()?;
    Ok(landing)
}

fn location(response: &ureq::http::Response<ureq::Body>) -> Result<String, Failure> {
    let value = response
        .headers()
        .get("location")
        .ok_or("expected a redirect")?;
    Ok(value.to_str()?.to_owned())
}

fn in_store(client: &Client, site: &MerchantSite, inbox: &mut Inbox) -> Result<(), Failure> {
    println!("\nIn store: the point of sale shows a QR code, then scans a customer's code");
    let reference = format!("pos-{}", std::process::id());
    let amount = Amount::parse("4.50")?;
    site.expect(&reference, PaymentMethod::Wechat, &amount);
    let order = CreateTransaction::new(
        reference.as_str(),
        amount,
        PaymentMethod::Wechat,
        "Flat white",
    )
    .callback_url(format!("{}/latipay/notify", site.base_url))
    .ip("122.122.122.1")
    .merchant_hosted();
    let created = client.create_transaction(&order)?;
    let data = client.gateway_data(&created)?;
    let png = data.qr_code_png()?;
    step(8, &format!("Merchant-hosted {reference}: gateway data verified (rule A); QR as a {}-byte PNG, showing:", png.len()));
    print_qr(&data.qr_code_url)?;
    detail(&format!("(its text: {})", data.qr_code_url));

    let scan = data.qr_code_url.clone();
    let customer = std::thread::spawn(move || -> Result<(), String> {
        std::thread::sleep(Duration::from_millis(500));
        ureq::post(&scan)
            .send_form([("action", "pay")])
            .map(drop)
            .map_err(|e| e.to_string())
    });
    let waited = Instant::now();
    let paid = client.query(&reference, true)?;
    customer
        .join()
        .map_err(|_| "the customer thread panicked")??;
    step(
        9,
        &format!(
            "The customer scanned and paid; the blocking query answered {} after {} ms",
            paid.status,
            waited.elapsed().as_millis()
        ),
    );
    detail(&format!("notification: {}", inbox.take(Page::Callback)?));

    let reference = format!("scan-{}", std::process::id());
    let pay_code = "134588558514585062";
    let accepted = client.barcode(&Barcode::new(
        reference.as_str(),
        Amount::parse("0.05")?,
        pay_code,
    ))?;
    let result = client.query(&reference, true)?;
    step(
        10,
        &format!(
            "Barcode: scanned the customer's WeChat code {pay_code}, order {}: {} {} {}",
            accepted.order_id, result.status, result.currency, result.amount
        ),
    );
    Ok(())
}

fn print_qr(text: &str) -> Result<(), Failure> {
    let code = qrcode::QrCode::new(text.as_bytes())?;
    let picture = code
        .render::<qrcode::render::unicode::Dense1x2>()
        .dark_color(qrcode::render::unicode::Dense1x2::Light)
        .light_color(qrcode::render::unicode::Dense1x2::Dark)
        .build();
    for line in picture.lines() {
        println!("     {line}");
    }
    Ok(())
}

/// The merchant's web site: what a merchant integrating Latipay writes.
struct MerchantSite {
    base_url: String,
    orders: Arc<Orders>,
}

/// The currency of the sandbox's demo wallet.
const CURRENCY: &str = "NZD";

/// An order as the merchant stored it before Latipay heard of it.
struct Order {
    payment_method: PaymentMethod,
    amount: Amount,
    status: Status,
}

/// The merchant's "database": what each order should be paid, and its status.
struct Orders {
    expected: Mutex<HashMap<String, Order>>,
    events: Mutex<Sender<(Page, String)>>,
}

impl Orders {
    fn tell(&self, page: Page, text: String) {
        let _ = self.events.lock().map(|events| events.send((page, text)));
    }
}

impl MerchantSite {
    fn start(events: Sender<(Page, String)>) -> Result<Self, Failure> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let orders = Arc::new(Orders {
            expected: Mutex::default(),
            events: Mutex::new(events),
        });
        let app = Router::new()
            .route("/latipay/notify", post(notification))
            .route("/checkout/done", get(return_page))
            .with_state(Arc::clone(&orders));
        std::thread::spawn(move || {
            let served = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .and_then(|runtime| {
                    runtime.block_on(async move {
                        axum::serve(tokio::net::TcpListener::from_std(listener)?, app).await
                    })
                });
            if let Err(e) = served {
                eprintln!("the merchant site stopped: {e}");
            }
        });
        Ok(MerchantSite { base_url, orders })
    }

    /// Records a new order as pending, for `amount` by `payment_method`.
    fn expect(&self, reference: &str, payment_method: PaymentMethod, amount: &Amount) {
        if let Ok(mut expected) = self.orders.expected.lock() {
            let order = Order {
                payment_method,
                amount: amount.clone(),
                status: Status::Pending,
            };
            expected.insert(reference.to_owned(), order);
        }
    }
}

/// The callback: verify the raw body, hold it to the stored order (reference,
/// method, currency, amount), move the order forward only, and answer exactly `sent`.
async fn notification(
    State(orders): State<Arc<Orders>>,
    body: Bytes,
) -> (StatusCode, &'static str) {
    let payment = match verify_notification(&body, API_KEY) {
        Ok(payment) => payment,
        Err(e) => {
            orders.tell(Page::Callback, format!("refused a notification: {e}"));
            return (StatusCode::BAD_REQUEST, "refused");
        }
    };
    let Ok(mut expected) = orders.expected.lock() else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "try again");
    };
    let Some(order) = expected.get_mut(&payment.merchant_reference) else {
        orders.tell(
            Page::Callback,
            format!(
                "a notification for an unknown order {}",
                payment.merchant_reference
            ),
        );
        return (StatusCode::OK, NOTIFICATION_ACK);
    };
    let reference = payment.merchant_reference.as_str();
    if !payment.matches(reference, &order.payment_method, CURRENCY, &order.amount) {
        orders.tell(
            Page::Callback,
            format!(
                "{reference} was paid {} {} by {}, not {CURRENCY} {} by {}: flagged for review",
                payment.currency,
                payment.amount,
                payment.payment_method,
                order.amount,
                order.payment_method
            ),
        );
        return (StatusCode::OK, NOTIFICATION_ACK);
    }
    let before = order.status.clone();
    let transition = before.transition_to(&payment.status);
    if transition == Transition::Advance {
        order.status = payment.status.clone();
    }
    orders.tell(
        Page::Callback,
        format!(
            "{}: signature verified, {} {} matches the order, {before} -> {} ({transition:?}); answered \"{NOTIFICATION_ACK}\"",
            payment.merchant_reference, payment.currency, payment.amount, payment.status
        ),
    );
    (StatusCode::OK, NOTIFICATION_ACK)
}

/// Where the customer's browser comes back: the redirect is for display only.
async fn return_page(State(orders): State<Arc<Orders>>, OriginalUri(uri): OriginalUri) -> String {
    match verify_redirect(&uri.to_string(), API_KEY) {
        Ok(redirect) => {
            orders.tell(
                Page::Return,
                format!(
                    "return page: redirect verified (display only), {} {} {}",
                    redirect.status, redirect.currency, redirect.amount
                ),
            );
            "Thank you! We will confirm your payment shortly.".to_owned()
        }
        Err(e) => {
            orders.tell(Page::Return, format!("return page: redirect refused ({e})"));
            "We could not read Latipay's answer.".to_owned()
        }
    }
}
