//! Fault injection as a client sees it: `POST /_sandbox/faults` makes the next
//! requests to a path misbehave, each kind observed over real HTTP.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use latipay::PaymentMethod;
use serde_json::{json, Value};
use support::*;

/// The sandbox's answer to an unknown path, which every fault here disturbs.
const NOTHING: &str = r#"{"code":1,"message":"no such endpoint: GET /nothing"}"#;

/// Adds a fault; returns the status and the answer.
fn add_fault(base: &str, fault: Value) -> (u16, Value) {
    post_json(&format!("{base}/_sandbox/faults"), &fault.to_string())
}

/// Adds a fault that must be accepted; returns the stored fault.
fn fault(base: &str, fault: Value) -> Value {
    let (status, stored) = add_fault(base, fault);
    assert_eq!(status, 201, "{stored}");
    stored
}

/// The pending faults.
fn pending(base: &str) -> Vec<Value> {
    let (status, _, body) = get_page(&format!("{base}/_sandbox/faults"));
    assert_eq!(status, 200);
    let list: Value = serde_json::from_str(&body).unwrap();
    list["faults"].as_array().unwrap().clone()
}

/// `GET /nothing`: its status and body.
fn get_nothing(base: &str) -> (u16, String) {
    let (status, _, body) = get_page(&format!("{base}/nothing"));
    (status, body)
}

/// Sends `GET path` on a new connection and reads until the server closes it:
/// every read that brought bytes, with when it came.
fn raw_get(base: &str, path: &str) -> Vec<(Instant, Vec<u8>)> {
    let address = base.strip_prefix("http://").unwrap();
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reads = Vec::new();
    let mut buffer = [0; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return reads,
            Ok(n) => reads.push((Instant::now(), buffer[..n].to_vec())),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return reads,
            Err(e) => panic!("reading the answer: {e}"),
        }
    }
}

#[test]
fn a_stored_fault_is_answered_with_its_defaults_and_listed() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let stored = fault(
        base,
        json!({ "path": "/refund", "fault": "status", "status": 503 }),
    );
    assert_eq!(
        stored,
        json!({
            "id": stored["id"], "path": "/refund", "method": null, "times": 1, "remaining": 1,
            "fault": "status", "status": 503, "body": "{\"error\":\"injected fault\"}",
            "content_type": "application/json",
        })
    );
    assert_eq!(pending(base), vec![stored]);
}

#[test]
fn delay_waits_then_answers_normally() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    fault(
        base,
        json!({ "path": "/nothing", "fault": "delay", "ms": 300 }),
    );
    let started = Instant::now();
    assert_eq!(get_nothing(base), (404, NOTHING.to_owned()));
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[test]
fn status_answers_instead_of_the_handler() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    fault(
        base,
        json!({ "path": "/nothing", "fault": "status", "status": 503 }),
    );
    fault(
        base,
        json!({
            "path": "/nothing", "fault": "status", "status": 502,
            "body": "<html>Bad Gateway</html>", "content_type": "text/html",
        }),
    );
    let (status, _, body) = get_page(&format!("{base}/nothing"));
    assert_eq!(
        (status, body.as_str()),
        (503, r#"{"error":"injected fault"}"#)
    );
    let mut response = http().get(&format!("{base}/nothing")).call().unwrap();
    assert_eq!(response.status().as_u16(), 502);
    assert_eq!(response.headers()["content-type"], "text/html");
    assert_eq!(
        response.body_mut().read_to_string().unwrap(),
        "<html>Bad Gateway</html>"
    );
    assert_eq!(get_nothing(base), (404, NOTHING.to_owned()));
}

#[test]
fn reset_closes_the_connection_before_any_byte() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    fault(base, json!({ "path": "/nothing", "fault": "reset" }));
    assert_eq!(raw_get(base, "/nothing"), vec![]);
    let answer: Vec<u8> = raw_get(base, "/nothing")
        .into_iter()
        .flat_map(|(_, bytes)| bytes)
        .collect();
    assert!(answer.starts_with(b"HTTP/1.1 404"), "then normal again");
}

#[test]
fn slow_body_sends_headers_at_once_and_the_body_in_pieces() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    fault(
        base,
        json!({ "path": "/nothing", "fault": "slow_body", "chunk_bytes": 10, "chunk_ms": 100 }),
    );
    let reads = raw_get(base, "/nothing");
    let answer = String::from_utf8(reads.iter().flat_map(|(_, b)| b.clone()).collect()).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 404"), "{head}");
    assert!(
        head.contains(&format!("content-length: {}", NOTHING.len())),
        "{head}"
    );
    assert_eq!(body, NOTHING);
    let first = String::from_utf8_lossy(&reads[0].1).into_owned();
    assert!(first.contains("\r\n\r\n"), "the head comes whole: {first}");
    assert!(reads.len() >= 3, "{} reads", reads.len());
    let chunks = NOTHING.len().div_ceil(10) as u32;
    let spread = reads.last().unwrap().0 - reads[0].0;
    assert!(
        spread >= Duration::from_millis(100) * (chunks - 2),
        "{spread:?}"
    );
}

#[test]
fn oversized_body_is_as_long_as_asked() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    fault(
        base,
        json!({ "path": "/nothing", "fault": "oversized_body" }),
    );
    fault(
        base,
        json!({ "path": "/nothing", "fault": "oversized_body", "bytes": 100_000 }),
    );
    for bytes in [3 << 20, 100_000] {
        let mut response = http().get(&format!("{base}/nothing")).call().unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(
            response.headers()["content-length"],
            bytes.to_string().as_str()
        );
        let body = response
            .body_mut()
            .with_config()
            .limit(u64::MAX)
            .read_to_vec()
            .unwrap();
        assert_eq!(body.len(), bytes);
        let parsed: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(parsed["code"], 0);
    }
}

#[test]
fn gzip_bomb_is_small_and_expands() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    fault(base, json!({ "path": "/nothing", "fault": "gzip_bomb" }));
    fault(
        base,
        json!({ "path": "/nothing", "fault": "gzip_bomb", "bytes": 3_000_001 }),
    );
    let fetch = || {
        let mut response = http().get(&format!("{base}/nothing")).call().unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.headers()["content-encoding"], "gzip");
        response.body_mut().read_to_vec().unwrap()
    };
    let hundred_mib = fetch();
    assert!(hundred_mib.len() < 300 << 10, "{} bytes", hundred_mib.len());
    let mut prefix = Vec::new();
    flate2::read::GzDecoder::new(&hundred_mib[..])
        .take(1 << 20)
        .read_to_end(&mut prefix)
        .unwrap();
    assert_eq!(prefix, vec![b' '; 1 << 20]);
    let mut expanded = Vec::new();
    flate2::read::GzDecoder::new(&fetch()[..])
        .read_to_end(&mut expanded)
        .unwrap();
    assert_eq!(expanded.len(), 3_000_001);
}

#[test]
fn redirect_answers_a_location() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    fault(
        base,
        json!({ "path": "/nothing", "fault": "redirect", "location": "https://elsewhere.example/x" }),
    );
    fault(
        base,
        json!({ "path": "/nothing", "fault": "redirect", "location": "/other", "status": 307 }),
    );
    let (status, location, _) = get_page(&format!("{base}/nothing"));
    assert_eq!(
        (status, location.as_deref()),
        (302, Some("https://elsewhere.example/x"))
    );
    let (status, location, _) = get_page(&format!("{base}/nothing"));
    assert_eq!((status, location.as_deref()), (307, Some("/other")));
}

#[test]
fn times_counts_down_then_requests_are_normal() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    fault(
        base,
        json!({ "path": "/nothing", "fault": "status", "status": 500, "times": 2 }),
    );
    assert_eq!(get_nothing(base).0, 500);
    assert_eq!(pending(base)[0]["remaining"], 1);
    assert_eq!(get_nothing(base).0, 500);
    assert_eq!(pending(base), Vec::<Value>::new());
    assert_eq!(get_nothing(base).0, 404);
}

#[test]
fn the_method_and_the_path_below_choose_the_requests() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    fault(
        base,
        json!({ "path": "/v2/transaction", "method": "GET", "fault": "status", "status": 503 }),
    );
    let (status, answer) = post_json(&format!("{base}/v2/transaction"), "{}");
    assert_eq!(
        (status, answer["code"].as_i64()),
        (200, Some(204)),
        "POST is not taken"
    );
    assert_eq!(get_page(&format!("{base}/v2/transactions")).0, 404);
    assert_eq!(get_page(&format!("{base}/v2/transactionX/1")).0, 404);
    assert_eq!(get_page(&format!("{base}/v2/transaction/order-1")).0, 503);
    assert_eq!(get_page(&format!("{base}/v2/transaction/order-1")).0, 200);
}

#[test]
fn the_pay_page_can_be_faulted_without_using_up_its_nonce() {
    let shop = Shop::open();
    let base = shop.sandbox.base_url();
    let created = shop.create(&reference("faulted-page"), "9.90", PaymentMethod::Alipay);
    fault(
        base,
        json!({ "path": "/pay", "fault": "status", "status": 502 }),
    );
    let payment_url = format!("{}/{}", created.host_url, created.nonce);
    assert_eq!(get_page(&payment_url).0, 502);
    assert_eq!(get_page(&payment_url).0, 303, "the nonce is still usable");
}

#[test]
fn delete_and_reset_forget_every_fault() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let gone = json!({ "path": "/nothing", "fault": "status", "status": 410, "times": 5 });
    fault(base, gone.clone());
    fault(base, gone.clone());
    let mut response = http()
        .delete(&format!("{base}/_sandbox/faults"))
        .call()
        .unwrap();
    let cleared: Value =
        serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(cleared, json!({ "cleared": 2 }));
    assert_eq!(get_nothing(base).0, 404);
    fault(base, gone);
    assert_eq!(post_json(&format!("{base}/_sandbox/reset"), "").0, 200);
    assert_eq!(pending(base), Vec::<Value>::new());
    assert_eq!(get_nothing(base).0, 404);
}

#[test]
fn bad_bodies_are_refused_naming_the_field() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    for (body, field) in [
        (json!({ "fault": "reset" }), "`path`"),
        (
            json!({ "path": "/_sandbox/orders", "fault": "reset" }),
            "`path`",
        ),
        (json!({ "path": "/refund" }), "`fault`"),
        (json!({ "path": "/refund", "fault": "melt" }), "`fault`"),
        (
            json!({ "path": "/refund", "fault": "reset", "times": 0 }),
            "`times`",
        ),
        (
            json!({ "path": "/refund", "fault": "reset", "method": "PUT" }),
            "`method`",
        ),
        (json!({ "path": "/refund", "fault": "delay" }), "`ms`"),
        (
            json!({ "path": "/refund", "fault": "status", "status": 600 }),
            "`status`",
        ),
        (
            json!({ "path": "/refund", "fault": "redirect" }),
            "`location`",
        ),
        (
            json!({ "path": "/refund", "fault": "reset", "status": 500 }),
            "`status`",
        ),
    ] {
        let (status, answer) = add_fault(base, body.clone());
        assert_eq!(status, 400, "{body}");
        let error = answer["error"].as_str().unwrap();
        assert!(error.contains(field), "{body}: {error}");
    }
    let (status, answer) = post_json(&format!("{base}/_sandbox/faults"), "not json");
    assert_eq!(status, 400);
    assert!(answer["error"].as_str().unwrap().contains("JSON"));
    assert_eq!(pending(base), Vec::<Value>::new());
}

#[test]
fn the_control_api_is_never_faulted() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let everything = fault(
        base,
        json!({ "path": "/", "fault": "status", "status": 503, "times": 3 }),
    );
    assert_eq!(pending(base), vec![everything]);
    assert_eq!(get_page(&format!("{base}/_sandbox/notifications")).0, 200);
    assert_eq!(get_page(&format!("{base}/_sandbox/orders/none")).0, 404);
    assert_eq!(pending(base)[0]["remaining"], 3);
    assert_eq!(get_page(&format!("{base}/refund")).0, 503);
}

#[test]
fn concurrent_requests_never_share_the_last_use() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    fault(
        base,
        json!({ "path": "/nothing", "fault": "status", "status": 503 }),
    );
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let requests: Vec<_> = (0..8)
            .map(|_| scope.spawn(|| get_nothing(base).0))
            .collect();
        requests.into_iter().map(|r| r.join().unwrap()).collect()
    });
    assert_eq!(
        statuses.iter().filter(|&&s| s == 503).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|&&s| s == 404).count(),
        7,
        "{statuses:?}"
    );
}
