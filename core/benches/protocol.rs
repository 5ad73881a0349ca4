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
use sha2::Sha256;

const KEY: &str = "111222333";

/// The create request's ten fields, in the order a merchant writes them.
const CREATE_FIELDS: [(&str, &str); 10] = [
    ("user_id", "U000000013"),
    ("wallet_id", "W000000024"),
    ("payment_method", "alipay"),
    ("amount", "120.00"),
    ("return_url", "https://merchantsite.com/checkout"),
    ("callback_url", "https://merchantsite.com/confirm"),
    ("merchant_reference", "dsi39ej430sks03"),
    ("ip", "122.122.122.1"),
    ("version", "2.0"),
    ("product_name", "Pinot Noir, Otago"),
];

/// The notification of the spec's worked example, as Latipay POSTs it.
const NOTIFICATION: &[u8] = b"merchant_reference=dsi39ej430sks03&order_id=201834687346343\
&currency=NZD&amount=120.00&payment_method=alipay&status=paid\
&pay_time=2017-07-07%2010%3A53%3A50\
&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";

const REDIRECT: &str = "https://merchantsite.com/checkout?merchant_reference=dsi39ej430sks03\
&payment_method=alipay&status=paid&currency=NZD&amount=120.00\
&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";

const QUERY_RESPONSE: &str = r#"{"code": 0, "message": "SUCCESS", "merchant_reference": "dsi39ej430sks03", "order_id": "201834687346343", "currency": "NZD", "amount": 120.00, "amount_cny": 560.12, "payment_method": "alipay", "status": "paid", "pay_time": "2017-07-07 10:53:50", "signature": "840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1"}"#;

/// The floor: HMAC-SHA256 of `parts` under `KEY`, as raw bytes.
fn hmac_only(parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(KEY.as_bytes()).expect("any key length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn signing(c: &mut Criterion) {
    let message = sorted_message(CREATE_FIELDS).expect("valid fields");
    let outcome = ["dsi39ej430sks03", "alipay", "paid", "NZD", "120.00"];
    let concat = outcome.concat();

    let mut group = c.benchmark_group("sign");
    group.bench_function("hmac_only create message", |b| {
        b.iter(|| hmac_only(&[black_box(message.as_bytes()), KEY.as_bytes()]))
    });
    group.bench_function("sign create request", |b| {
        b.iter(|| sign(black_box(CREATE_FIELDS), black_box(KEY)))
    });
    group.bench_function("sorted_message create request", |b| {
        b.iter(|| sorted_message(black_box(CREATE_FIELDS)))
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
        b.iter(|| verify_notification(black_box(NOTIFICATION), black_box(KEY)))
    });
    group.bench_function("verify_redirect", |b| {
        b.iter(|| verify_redirect(black_box(REDIRECT), black_box(KEY)))
    });
    group.bench_function("parse_query_response", |b| {
        b.iter(|| {
            parse_query_response(black_box(QUERY_RESPONSE), black_box(KEY), "dsi39ej430sks03")
        })
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
