//! The blocking client against a scripted HTTP server on 127.0.0.1: what goes
//! on the wire, and how every kind of answer is handled.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use latipay::signature::verify_sorted;
use latipay::{
    Amount, Barcode, Client, CreateTransaction, CreatedTransaction, Error, PaymentMethod, Refund,
    Status,
};
use serde_json::Value;
use support::{config, Recorded, Reply, Responder};

const KEY: &str = "111222333";
const NONCE: &str = "7d5a88119354301ad3fc250404493bd27abf4467283a061d1ed11860a46e1bf3";

/// A response body from `tests/vectors/responses.json`, by case name.
fn vector_body(name: &str) -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/responses.json"
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let case = file["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name);
    case.unwrap_or_else(|| panic!("no vector {name:?}"))["body"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn client(server: &Responder) -> Client {
    Client::new(config(&server.base_url)).unwrap()
}

fn online_order(reference: &str) -> CreateTransaction {
    CreateTransaction::new(
        reference,
        Amount::parse("120.00").unwrap(),
        PaymentMethod::Alipay,
        "Pinot Noir, Otago",
    )
    .return_url("https://merchantsite.com/checkout")
    .callback_url("https://merchantsite.com/confirm")
    .ip("122.122.122.1")
}

/// Whether a JSON request body carries a valid rule-A signature over its other fields.
fn body_is_signed(request: &Recorded) -> bool {
    let body: serde_json::Map<String, Value> = serde_json::from_str(&request.body).unwrap();
    let signature = body["signature"].as_str().unwrap().to_owned();
    let params: Vec<(&str, Option<&str>)> =
        body.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    verify_sorted(params, KEY, &signature)
}

#[test]
fn create_transaction_sends_a_signed_json_post_and_verifies_the_answer() {
    let server =
        Responder::start(|_, _| Reply::Json(vector_body("create: documented nonce and host_url")));
    let created = client(&server)
        .create_transaction(&online_order("dsi39ej430sks03"))
        .unwrap();
    assert_eq!(created.nonce, NONCE);
    assert_eq!(
        created.payment_url,
        format!("https://pay.latipay.net/pay/{NONCE}")
    );

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/v2/transaction")
    );
    assert_eq!(
        request.headers["content-type"],
        "application/json;charset=UTF-8"
    );
    assert_eq!(request.headers["accept"], "application/json");
    assert!(request.headers["user-agent"].starts_with("latipay-rust/"));
    let body: Value = serde_json::from_str(&request.body).unwrap();
    assert_eq!(
        body["signature"],
        "8d1bea078eaacdae8388852851ec39e2e8561cdce64f359421d85ed4844496ec"
    );
    assert_eq!(body["amount"], "120.00");
    assert!(body_is_signed(request));
}

#[test]
fn query_sends_a_signed_get_and_keeps_the_number_text() {
    let server = Responder::start(|_, _| {
        Reply::Json(vector_body("query: amount as a JSON number keeps its text"))
    });
    let result = client(&server).query("dsi39ej430sks03", false).unwrap();
    assert_eq!(result.status, Status::Paid);
    assert_eq!(result.amount, "120.00");
    assert!(result.amount_matches(&Amount::parse("120").unwrap()));
    let target = &server.requests()[0].target;
    assert!(
        target.starts_with("/v2/transaction/dsi39ej430sks03?user_id=U000334333&signature="),
        "{target}"
    );
}

#[test]
fn blocking_query_asks_for_a_long_poll() {
    let server = Responder::start(|_, _| {
        Reply::Json(vector_body("query: amount as a JSON number keeps its text"))
    });
    client(&server).query("dsi39ej430sks03", true).unwrap();
    assert!(server.requests()[0]
        .target
        .contains("&is_block=1&signature="));
}

#[test]
fn gateway_data_fetches_the_payment_url_and_decodes_the_png() {
    let server = Responder::start(|_, _| {
        Reply::Json(vector_body(
            "gateway data: numbers signed by their JSON text",
        ))
    });
    let created = CreatedTransaction {
        host_url: format!("{}/v2/merchanthosted/gatewaydata", server.base_url),
        nonce: NONCE.into(),
        payment_url: format!("{}/v2/merchanthosted/gatewaydata/{NONCE}", server.base_url),
    };
    let data = client(&server).gateway_data(&created).unwrap();
    assert_eq!(data.amount, "0.10");
    assert!(data.qr_code_png().unwrap().starts_with(b"\x89PNG"));
    let request = &server.requests()[0];
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        format!("/v2/merchanthosted/gatewaydata/{NONCE}")
    );
}

#[test]
fn refund_cancel_and_barcode_post_signed_bodies() {
    let server = Responder::start(|_, request| match request.target.as_str() {
        "/barcode" => {
            Reply::Json(r#"{"code":0,"message":"SUCCESS","order_id":"2017090600001"}"#.into())
        }
        _ => Reply::Json(r#"{"code":0,"message":"SUCCESS"}"#.into()),
    });
    let client = client(&server);
    let mut refund = Refund::new("23479798sdf7987234", Amount::parse("120.00").unwrap());
    refund.reference = Some("notes about this refund".into());
    client.refund(&refund).unwrap();
    client.cancel("9872428736782682").unwrap();
    let barcode = Barcode::new(
        "pos-1",
        Amount::parse("0.05").unwrap(),
        "134588558514585062",
    );
    assert_eq!(client.barcode(&barcode).unwrap().order_id, "2017090600001");

    let requests = server.requests();
    let targets: Vec<_> = requests.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(targets, ["/refund", "/cancel", "/barcode"]);
    assert!(requests
        .iter()
        .all(|r| r.method == "POST" && body_is_signed(r)));
    let refund_body: Value = serde_json::from_str(&requests[0].body).unwrap();
    assert_eq!(
        refund_body["signature"],
        "3052b51072570b743bf9a12a20a45b0adf280aee84907ef0e54d1079fb3f961c"
    );
}

#[test]
fn a_non_zero_code_is_an_api_error_with_latipays_code_and_message() {
    let server = Responder::start(|_, _| {
        Reply::Json(
            r#"{"code":206,"message":"The signature is wrong","messageCN":"签名错误"}"#.into(),
        )
    });
    let err = client(&server)
        .create_transaction(&online_order("o-1"))
        .unwrap_err();
    assert_eq!(err.code(), "api_error");
    assert_eq!(
        err,
        Error::Api {
            code: 206,
            message: "The signature is wrong".into()
        }
    );
}

#[test]
fn a_bad_response_signature_is_refused() {
    let server =
        Responder::start(|_, _| Reply::Json(vector_body("create: public placeholder signature")));
    let err = client(&server)
        .create_transaction(&online_order("o-1"))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_signature");
    let server = Responder::start(|_, _| {
        Reply::Json(vector_body("query: number written 120.0 is not 120.00"))
    });
    assert_eq!(
        client(&server)
            .query("dsi39ej430sks03", false)
            .unwrap_err()
            .code(),
        "invalid_signature"
    );
}

#[test]
fn malformed_json_is_reported_as_such() {
    let server = Responder::start(|_, _| Reply::Json("<html>gateway error</html>".into()));
    let err = client(&server).query("dsi39ej430sks03", false).unwrap_err();
    assert_eq!(err.code(), "malformed_response", "{err}");
}

#[test]
fn a_slow_server_times_out_and_a_post_is_not_repeated() {
    let server = Responder::start(|_, _| Reply::Slow(Duration::from_secs(3), "{}".into()));
    let mut config = config(&server.base_url);
    config.timeout = Duration::from_millis(300);
    let started = Instant::now();
    let err = Client::new(config)
        .unwrap()
        .create_transaction(&online_order("o-1"))
        .unwrap_err();
    assert_eq!(err.code(), "timeout", "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_blocking_query_waits_longer_than_an_ordinary_call() {
    let body = vector_body("query: amount as a JSON number keeps its text");
    let server =
        Responder::start(move |_, _| Reply::Slow(Duration::from_millis(800), body.clone()));
    let mut config = config(&server.base_url);
    config.timeout = Duration::from_millis(300);
    let client = Client::new(config).unwrap();
    assert_eq!(
        client.query("dsi39ej430sks03", false).unwrap_err().code(),
        "timeout"
    );
    assert_eq!(
        client.query("dsi39ej430sks03", true).unwrap().status,
        Status::Paid
    );
}

#[test]
fn a_block_timeout_within_latipays_hold_is_refused() {
    let mut config = config("http://127.0.0.1:9");
    config.block_timeout = Duration::from_secs(60);
    let err = Client::new(config).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidArgument { field, .. } if field == "block_timeout"),
        "{err:?}"
    );
}

#[test]
fn a_post_is_not_repeated_after_a_hangup() {
    let server = Responder::start(|_, _| Reply::Hangup);
    let err = client(&server).cancel("o-1").unwrap_err();
    assert_eq!(err.code(), "transport", "{err}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn gateway_data_is_not_retried_and_must_match_the_nonce() {
    let created = |base: &str, nonce: &str| CreatedTransaction {
        host_url: format!("{base}/v2/merchanthosted/gatewaydata"),
        nonce: nonce.into(),
        payment_url: format!("{base}/v2/merchanthosted/gatewaydata/{nonce}"),
    };
    let server = Responder::start(|_, _| Reply::Status(503, "busy".into()));
    let err = client(&server)
        .gateway_data(&created(&server.base_url, NONCE))
        .unwrap_err();
    assert_eq!(err.code(), "http_status");
    assert!(
        !err.to_string().contains(NONCE),
        "the nonce stays out of logs: {err}"
    );
    assert!(
        err.to_string().ends_with("/gatewaydata/[REDACTED]"),
        "{err}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "a single-use nonce is never sent twice"
    );

    let gateway = vector_body("gateway data: numbers signed by their JSON text");
    let server = Responder::start(move |_, _| Reply::Json(gateway.clone()));
    let err = client(&server)
        .gateway_data(&created(&server.base_url, "another-nonce"))
        .unwrap_err();
    assert_eq!(err.code(), "malformed_response", "{err}");

    let mut bad = created(&server.base_url, NONCE);
    bad.host_url = "ftp://somewhere/else".into();
    assert_eq!(
        client(&server).gateway_data(&bad).unwrap_err().code(),
        "malformed_response"
    );
}

#[test]
fn get_is_retried_after_5xx_and_hangups_then_succeeds() {
    let server = Responder::start(|i, _| match i {
        0 => Reply::Status(503, "busy".into()),
        1 => Reply::Hangup,
        _ => Reply::Json(vector_body("query: amount as a JSON number keeps its text")),
    });
    let result = client(&server).query("dsi39ej430sks03", false).unwrap();
    assert_eq!(result.status, Status::Paid);
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn every_attempt_is_reported_with_its_outcome_and_no_secret() {
    let server = Responder::start(|i, _| match i {
        0 => Reply::Status(503, "busy".into()),
        1 => Reply::Hangup,
        _ => Reply::Json(vector_body("query: amount as a JSON number keeps its text")),
    });
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut config = support::config(&server.base_url);
    let kept = std::sync::Arc::clone(&seen);
    config.on_attempt = Some(latipay::AttemptListener::new(move |attempt| {
        kept.lock().unwrap().push(attempt.clone());
    }));
    latipay::Client::new(config)
        .unwrap()
        .query("dsi39ej430sks03", false)
        .unwrap();
    let seen = seen.lock().unwrap();
    let summary: Vec<_> = seen
        .iter()
        .map(|a| {
            (
                a.method,
                a.path.as_str(),
                a.attempt,
                a.status,
                a.error_code,
                a.retrying,
            )
        })
        .collect();
    let path = "/v2/transaction/dsi39ej430sks03";
    assert_eq!(
        summary,
        [
            ("GET", path, 1, Some(503), Some("http_status"), true),
            ("GET", path, 2, None, Some("transport"), true),
            ("GET", path, 3, Some(200), None, false),
        ]
    );
    for attempt in seen.iter() {
        let shown = format!("{attempt} {attempt:?}");
        assert!(
            !shown.contains("signature") && !shown.contains('?'),
            "{shown}"
        );
    }
}

#[test]
fn get_retries_are_bounded() {
    let server = Responder::start(|_, _| Reply::Status(502, "down".into()));
    let err = client(&server).query("dsi39ej430sks03", false).unwrap_err();
    assert!(
        matches!(err, Error::HttpStatus { status: 502, .. }),
        "{err:?}"
    );
    assert_eq!(
        server.requests().len(),
        3,
        "one try and max_retries=2 retries"
    );
}

#[test]
fn post_is_never_retried() {
    let server = Responder::start(|_, _| Reply::Status(503, "busy".into()));
    let err = client(&server)
        .refund(&Refund::new("o1", Amount::parse("1.00").unwrap()))
        .unwrap_err();
    assert!(
        matches!(err, Error::HttpStatus { status: 503, .. }),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_4xx_is_an_http_status_error_and_not_retried() {
    let server = Responder::start(|_, _| Reply::Status(404, "not found".into()));
    let err = client(&server).query("r1", false).unwrap_err();
    assert_eq!(err.code(), "http_status");
    assert!(
        !err.to_string().contains("signature="),
        "the query string stays out: {err}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_refused_connection_is_a_transport_error_after_the_retries() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(config(&format!("http://127.0.0.1:{port}"))).unwrap();
    let err = client.query("r1", false).unwrap_err();
    assert_eq!(err.code(), "transport", "{err}");
    assert!(err.to_string().contains("(after 3 attempts)"), "{err}");
}

#[test]
fn invalid_input_is_refused_before_anything_is_sent() {
    let server = Responder::start(|_, _| Reply::Json("{}".into()));
    let client = client(&server);
    let mut order = online_order("o-1");
    order.ip = "not-an-ip".into();
    let err = client.create_transaction(&order).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidArgument { field, .. } if field == "ip"),
        "{err:?}"
    );
    assert_eq!(
        client.query("a/b", true).unwrap_err().code(),
        "invalid_argument"
    );
    assert_eq!(client.cancel("").unwrap_err().code(), "invalid_argument");
    assert!(server.requests().is_empty());
}

#[test]
fn the_api_key_never_shows_even_when_a_server_echoes_it() {
    let server = Responder::start(|_, _| {
        Reply::Json(format!(r#"{{"code":205,"message":"bad key {KEY}"}}"#))
    });
    let client = client(&server);
    let err = client.cancel("o-1").unwrap_err();
    assert!(!err.to_string().contains(KEY), "{err}");
    assert!(!format!("{err:?}").contains(KEY), "{err:?}");
    let shown = format!("{client:?}");
    assert!(
        !shown.contains(KEY) && shown.contains("U000334333"),
        "{shown}"
    );
    assert!(!format!("{:?}", config("http://x")).contains(KEY));
}

#[test]
fn functions_given_the_key_scrub_it_too() {
    let echo = format!("{KEY}=1&{KEY}=2");
    let err = latipay::verify_notification(echo.as_bytes(), KEY).unwrap_err();
    assert_eq!(err.code(), "malformed_response");
    assert!(!err.to_string().contains(KEY), "{err}");
    let body = format!(r#"{{"code":205,"message":"no key {KEY}"}}"#);
    let err = latipay::response::parse_create_response(&body, KEY).unwrap_err();
    assert!(!err.to_string().contains(KEY), "{err}");
}

#[test]
fn one_client_serves_many_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Client>();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    let server = Responder::start(move |_, _| {
        counter.fetch_add(1, Ordering::SeqCst);
        Reply::Json(vector_body("query: amount as a JSON number keeps its text"))
    });
    let client = Arc::new(client(&server));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let client = Arc::clone(&client);
            std::thread::spawn(move || client.query("dsi39ej430sks03", false).unwrap().status)
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), Status::Paid);
    }
    assert_eq!(hits.load(Ordering::SeqCst), 4);
}
