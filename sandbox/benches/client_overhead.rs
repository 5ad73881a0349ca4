//! What the core `Client` adds to an HTTP round trip: a status query through
//! `Client::query` (sign, send, verify, parse) against a raw `ureq` GET of the
//! same signed URL on the same loopback sandbox. Goal: at most 1.2×.
//!
//! `cargo bench -p latipay-sandbox --bench client_overhead` (`make bench` runs it).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use latipay::{
    Amount, ApiKey, Client, Config, CreateTransaction, Credentials, Environment, PaymentMethod,
    Query,
};
use latipay_sandbox::{Sandbox, Settings};

const USER_ID: &str = "U000334333";
const WALLET_ID: &str = "W00000001";
const API_KEY: &str = "111222333";
const ORDER: &str = "overhead-1";

fn query_round_trip(c: &mut Criterion) {
    let sandbox = Sandbox::start(Settings::default()).expect("the sandbox starts");
    let key = || ApiKey::new(API_KEY).expect("the demo key is valid");
    let environment = Environment::Custom(sandbox.base_url().to_owned());
    let client = Client::new(Config::new(USER_ID, WALLET_ID, key(), environment))
        .expect("a valid configuration");
    let order = CreateTransaction::new(
        ORDER,
        Amount::parse("12.50").expect("a valid amount"),
        PaymentMethod::Alipay,
        "Flat white",
    )
    .callback_url("http://127.0.0.1:9/notify")
    .return_url("http://127.0.0.1:9/return")
    .ip("122.122.122.1");
    client
        .create_transaction(&order)
        .expect("the order is created");

    let credentials = Credentials::new(USER_ID, WALLET_ID, key()).expect("valid credentials");
    let signed = Query::new(ORDER, false)
        .signed(&credentials)
        .expect("a valid query");
    let url = format!("{}{}", sandbox.base_url(), signed.path_and_query);
    let raw: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();

    let mut group = c.benchmark_group("query round trip");
    group.bench_function("raw ureq GET", |b| {
        b.iter(|| {
            raw.get(black_box(&url))
                .call()
                .expect("the sandbox answers")
                .body_mut()
                .read_to_string()
                .expect("a text body")
        })
    });
    group.bench_function("latipay Client::query", |b| {
        b.iter(|| {
            client
                .query(black_box(ORDER), false)
                .expect("a verified answer")
        })
    });
    group.finish();
}

criterion_group!(benches, query_round_trip);
criterion_main!(benches);
