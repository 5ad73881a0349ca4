//! The hosted payment page in a real browser: headless Debian Chromium driven
//! by chromedriver (WebDriver over HTTP). `make test` installs both when missing.

mod support;

use std::process::{Child, Command, Stdio};

use latipay::{verify_redirect, PaymentMethod, Status};
use serde_json::{json, Value};
use support::*;

/// The W3C WebDriver key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one headless Chromium session.
struct Browser {
    driver: Child,
    session: String,
}

impl Browser {
    fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (make test installs Debian's chromium and chromium-driver)");
        let mut browser = Browser {
            driver,
            session: format!("http://127.0.0.1:{port}/session"),
        };
        eventually("chromedriver to listen", || {
            let status = http()
                .get(&format!("http://127.0.0.1:{port}/status"))
                .call()
                .ok()?;
            (status.status() == 200).then_some(())
        });
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            },
        }}});
        let created = browser.call("POST", "", capabilities);
        let id = created["sessionId"]
            .as_str()
            .expect("a WebDriver session")
            .to_owned();
        browser.session = format!("{}/{id}", browser.session);
        browser
    }

    /// One WebDriver command; returns its `value`.
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.session);
        let mut response = match method {
            "GET" => http().get(&url).call(),
            "DELETE" => http().delete(&url).call(),
            _ => http()
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.to_string()),
        }
        .expect("chromedriver answers");
        let answer: Value =
            serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
        assert_eq!(
            response.status(),
            200,
            "WebDriver {method} {path}: {answer}"
        );
        answer["value"].clone()
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    fn url(&self) -> String {
        self.call("GET", "/url", Value::Null)
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn element(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            json!({ "using": "css selector", "value": css }),
        );
        found[ELEMENT].as_str().unwrap().to_owned()
    }

    fn text(&self, css: &str) -> String {
        let id = self.element(css);
        self.call("GET", &format!("/element/{id}/text"), Value::Null)
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn click(&self, css: &str) {
        let id = self.element(css);
        self.call("POST", &format!("/element/{id}/click"), json!({}));
    }

    fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http().delete(&self.session).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[test]
fn the_customer_clicks_pay_and_lands_on_return_url_with_a_valid_signature() {
    let shop = Shop::open();
    let reference = reference("browser");
    let created = shop.create(&reference, "120.00", PaymentMethod::Alipay);

    let browser = Browser::start();
    browser.open(&created.payment_url);
    assert_eq!(browser.text("#amount"), "NZD 120.00");
    assert_eq!(browser.text("#product"), "Pinot Noir, Otago");
    browser.click("#pay");
    let landed = eventually("the return page", || {
        let url = browser.url();
        url.starts_with(&format!("{}/return?", shop.site.base_url))
            .then_some(url)
    });
    let redirect = verify_redirect(&landed, API_KEY).unwrap();
    assert_eq!(
        (redirect.status, redirect.amount.as_str()),
        (Status::Paid, "120.00")
    );
    assert_eq!(browser.text("body"), "Thank you for your order.");

    let notified = eventually("the notification", || {
        shop.site.received().into_iter().next()
    });
    assert_eq!(notified.verified.unwrap().status, Status::Paid);
    assert_eq!(
        shop.client.query(&reference, false).unwrap().status,
        Status::Paid
    );
}

#[test]
fn a_wechat_page_with_present_qr_shows_a_qr_code_the_browser_can_draw() {
    let sandbox = sandbox();
    let site = MerchantSite::start(vec![]);
    let order = hosted_order(
        &reference("qr"),
        "8.80",
        PaymentMethod::Wechat,
        &site.base_url,
    )
    .present_qr();
    let created = client(sandbox.base_url())
        .create_transaction(&order)
        .unwrap();

    let browser = Browser::start();
    browser.open(&created.payment_url);
    let drawn = eventually("the QR picture to load", || {
        let width = browser.script(
            "const qr = document.getElementById('qr'); return qr.complete ? qr.naturalWidth : 0;",
        );
        (width.as_u64()? > 0).then_some(width)
    });
    assert!(
        drawn.as_u64().unwrap() >= 21 * 6,
        "a QR code of at least 21 modules: {drawn}"
    );
    browser.click("#cancel");
    let landed = eventually("the return page", || {
        let url = browser.url();
        url.contains("/return?").then_some(url)
    });
    assert_eq!(
        verify_redirect(&landed, API_KEY).unwrap().status,
        Status::CancelOrFail
    );
}
