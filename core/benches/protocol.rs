//! The protocol's hot paths against their floor: an HMAC-SHA256 of the same
//! bytes and nothing else. Goals: sign and verify ≤ 1 µs, within 2× of the floor.
//!
//! `cargo bench -p latipay --bench protocol` (or `make bench`, which also
//! writes `bench/RESULTS.md`).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use hmac::{Hmac, KeyInit, Mac};
use latipay::request::{Barcode, Cancel, CreateTransaction, Query, Refund};
use latipay::response::parse_query_response;
use latipay::signature::{sign_concat, sorted_message, verify_concat};
use latipay::{
    sign, verify_notification, verify_redirect, Amount, ApiKey, Credentials, PaymentMethod,
};
use serde_json::Value;
use sha2::Sha256;

const KEY: &str = "111222333";

/// One case of the shared known-answer vectors, so the benches measure
/// exactly what the tests check (and what the bindings' benches run).
fn vector(file: &str, name: &str) -> Value {
    let path = format!("{}/../tests/vectors/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("tests/vectors is readable");
    let cases: Value = serde_json::from_str(&text).expect("vectors are JSON");
    cases["cases"]
        .as_array()
        .and_then(|all| all.iter().find(|c| c["name"] == name))
        .cloned()
        .unwrap_or_else(|| panic!("{file} has no case {name:?}"))
}

/// The documented create request's ten fields, in the vector's order.
fn create_fields() -> Vec<(String, String)> {
    let case = vector("signatures.json", "create transaction");
    let params = case["params"].as_object().expect("params are an object");
    params
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("string values").to_owned()))
        .collect()
}

/// The body of a vector case, by file and name.
fn body(file: &str, name: &str, field: &str) -> String {
    vector(file, name)[field]
        .as_str()
        .expect("a string body")
        .to_owned()
}

/// The floor: HMAC-SHA256 of `parts` under `KEY`, as raw bytes.
fn hmac_only(parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(KEY.as_bytes()).expect("any key length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn signing(c: &mut Criterion) {
    let create = create_fields();
    let notification = body("notifications.json", "documented example", "body");
    let redirect = body("redirects.json", "full URL", "input");
    let query = body(
        "responses.json",
        "query: amount as a JSON number keeps its text",
        "body",
    );
    let message = sorted_message(create.iter().map(|(k, v)| (k, v))).expect("valid fields");
    let outcome = ["dsi39ej430sks03", "alipay", "paid", "NZD", "120.00"];
    let concat = outcome.concat();

    let mut group = c.benchmark_group("sign");
    group.bench_function("hmac_only create message", |b| {
        b.iter(|| hmac_only(&[black_box(message.as_bytes()), KEY.as_bytes()]))
    });
    group.bench_function("sign create request", |b| {
        b.iter(|| {
            sign(
                black_box(&create).iter().map(|(k, v)| (k, v)),
                black_box(KEY),
            )
        })
    });
    group.bench_function("sorted_message create request", |b| {
        b.iter(|| sorted_message(black_box(&create).iter().map(|(k, v)| (k, v))))
    });
    group.bench_function("sign_concat outcome", |b| {
        b.iter(|| sign_concat(black_box(&outcome), black_box(KEY)))
    });
    group.finish();

    let mut group = c.benchmark_group("verify");
    group.bench_function("hmac_only outcome", |b| {
        b.iter(|| hmac_only(&[black_box(concat.as_bytes())]))
    });
    let signature = sign_concat(&outcome, KEY);
    group.bench_function("verify_concat outcome", |b| {
        b.iter(|| verify_concat(black_box(&outcome), black_box(KEY), black_box(&signature)))
    });
    group.bench_function("verify_notification", |b| {
        b.iter(|| verify_notification(black_box(notification.as_bytes()), black_box(KEY)))
    });
    group.bench_function("verify_redirect", |b| {
        b.iter(|| verify_redirect(black_box(&redirect), black_box(KEY)))
    });
    group.bench_function("parse_query_response", |b| {
        b.iter(|| parse_query_response(black_box(&query), black_box(KEY), "dsi39ej430sks03"))
    });
    group.finish();
}

fn requests(c: &mut Criterion) {
    let credentials = Credentials::new(
        "U000000013",
        "W000000024",
        ApiKey::new(KEY).expect("valid key"),
    )
    .expect("valid credentials");
    let amount = Amount::parse("120.00").expect("valid amount");
    let create = CreateTransaction::new(
        "dsi39ej430sks03",
        amount.clone(),
        PaymentMethod::Alipay,
        "Pinot Noir, Otago",
    )
    .callback_url("https://merchantsite.com/confirm")
    .return_url("https://merchantsite.com/checkout")
    .ip("122.122.122.1");
    let query = Query::new("dsi39ej430sks03", false);
    let refund = Refund::new("201834687346343", amount.clone());
    let cancel = Cancel::new("dsi39ej430sks03");
    let barcode = Barcode::new("dsi39ej430sks03", amount, "280000000000000000");

    let mut group = c.benchmark_group("request");
    group.bench_function("create_transaction", |b| {
        b.iter(|| black_box(&create).signed(&credentials))
    });
    group.bench_function("query", |b| {
        b.iter(|| black_box(&query).signed(&credentials))
    });
    group.bench_function("refund", |b| {
        b.iter(|| black_box(&refund).signed(&credentials))
    });
    group.bench_function("cancel", |b| {
        b.iter(|| black_box(&cancel).signed(&credentials))
    });
    group.bench_function("barcode", |b| {
        b.iter(|| black_box(&barcode).signed(&credentials))
    });
    group.finish();
}

criterion_group!(benches, signing, requests);
criterion_main!(benches);
