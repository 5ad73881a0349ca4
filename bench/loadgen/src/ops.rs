//! The merchant's operations, built, signed and verified by the `latipay`
//! core and sent over a pooled (keep-alive) async HTTP client.

use latipay::request::{Method, SignedRequest, CONTENT_TYPE_JSON};
use latipay::response::{parse_create_response, parse_query_response};
use latipay::{Amount, ApiKey, CreateTransaction, Credentials, Payment, PaymentMethod, Query};

/// The sandbox's demo merchant.
const USER_ID: &str = "U000334333";
const WALLET_ID: &str = "W00000001";
const API_KEY: &str = "111222333";

/// Why an operation failed, in words.
pub type Failure = String;

/// The demo merchant talking to one sandbox.
#[derive(Clone)]
pub struct Shop {
    http: reqwest::Client,
    base_url: String,
    credentials: Credentials,
}

impl Shop {
    /// A shop on `base_url`, its connections pooled and kept alive.
    pub fn new(base_url: &str) -> Self {
        let key = ApiKey::new(API_KEY).expect("the demo key is valid");
        Shop {
            http: reqwest::Client::builder()
                .pool_max_idle_per_host(usize::MAX)
                .build()
                .expect("a plain HTTP client always builds"),
            base_url: base_url.to_owned(),
            credentials: Credentials::new(USER_ID, WALLET_ID, key).expect("demo credentials"),
        }
    }

    /// Creates a hosted order `reference` whose notifications go to `callback_url`.
    pub async fn create(&self, reference: &str, callback_url: &str) -> Result<(), Failure> {
        let amount = Amount::parse("12.50").map_err(|e| e.to_string())?;
        let order = CreateTransaction::new(reference, amount, PaymentMethod::Alipay, "Flat white")
            .callback_url(callback_url)
            .return_url("https://shop.example/checkout")
            .ip("122.122.122.1");
        let body = self
            .send(&order.signed(&self.credentials).map_err(|e| e.to_string())?)
            .await?;
        parse_create_response(&body, API_KEY).map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Queries `reference` (a long poll when `block`) and verifies the answer.
    pub async fn query(&self, reference: &str, block: bool) -> Result<Payment, Failure> {
        let request = Query::new(reference, block)
            .signed(&self.credentials)
            .map_err(|e| e.to_string())?;
        let body = self.send(&request).await?;
        parse_query_response(&body, API_KEY, reference).map_err(|e| e.to_string())
    }

    /// Pays `reference` through the sandbox's control API (as a customer would on the page).
    pub async fn pay(&self, reference: &str) -> Result<(), Failure> {
        let url = format!(
            "{}/_sandbox/orders/{reference}/pay?user_id={USER_ID}",
            self.base_url
        );
        let answer = self
            .http
            .post(url)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        match answer.status().as_u16() {
            200 => Ok(()),
            other => Err(format!("paying {reference}: HTTP {other}")),
        }
    }

    async fn send(&self, request: &SignedRequest) -> Result<String, Failure> {
        let url = format!("{}{}", self.base_url, request.path_and_query);
        let builder = match request.method {
            Method::Get => self.http.get(url),
            Method::Post => self
                .http
                .post(url)
                .header("content-type", CONTENT_TYPE_JSON)
                .body(request.body.clone().unwrap_or_default()),
        };
        let answer = builder.send().await.map_err(|e| e.to_string())?;
        if answer.status() != 200 {
            return Err(format!("HTTP {}", answer.status()));
        }
        answer.text().await.map_err(|e| e.to_string())
    }
}
