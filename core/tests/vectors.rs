//! Runs every case in `tests/vectors/*.json`, the known answers shared with the
//! Python, Node and Kotlin suites.

use std::path::PathBuf;

use base64::Engine as _;
use latipay::response::{
    parse_barcode_response, parse_cancel_response, parse_create_response, parse_gateway_data,
    parse_query_response, parse_refund_response,
};
use latipay::signature::{sign_concat, sorted_message, verify_concat, verify_sorted};
use latipay::{
    sign, verify_notification, verify_redirect, Amount, ApiKey, Barcode, Cancel, CreateTransaction,
    Credentials, Error, Payment, PaymentMethod, Query, Redirect, Refund, SignedRequest, Status,
    StoredOrder,
};
use serde_json::{json, Value};

fn load(name: &str) -> Value {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "tests", "vectors", name]
        .iter()
        .collect();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn cases<'a>(file: &'a Value, key: &str) -> &'a Vec<Value> {
    let list = file[key]
        .as_array()
        .unwrap_or_else(|| panic!("no `{key}` list"));
    assert!(!list.is_empty(), "`{key}` is empty");
    list
}

fn s(v: &Value) -> &str {
    v.as_str()
        .unwrap_or_else(|| panic!("expected a string, got {v}"))
}

fn opt_s(v: &Value) -> Option<&str> {
    v.as_str()
}

fn params(v: &Value) -> Vec<(&str, Option<&str>)> {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str(), opt_s(v)))
        .collect()
}

#[test]
fn signatures() {
    let file = load("signatures.json");
    let key = s(&file["api_key"]);
    for case in cases(&file, "cases") {
        let name = s(&case["name"]);
        let expected = s(&case["signature"]);
        let valid = case["valid"].as_bool().unwrap();
        match s(&case["rule"]) {
            "sorted" => {
                let p = params(&case["params"]);
                assert_eq!(
                    sorted_message(p.clone()).unwrap() + key,
                    s(&case["message"]),
                    "{name}"
                );
                assert_eq!(sign(p.clone(), key).unwrap() == expected, valid, "{name}");
                assert_eq!(verify_sorted(p, key, expected), valid, "{name}");
            }
            "concat" => {
                let parts: Vec<&str> = case["parts"].as_array().unwrap().iter().map(s).collect();
                assert_eq!(parts.concat(), s(&case["message"]), "{name}");
                assert_eq!(sign_concat(&parts, key) == expected, valid, "{name}");
                assert_eq!(verify_concat(&parts, key, expected), valid, "{name}");
            }
            other => panic!("unknown rule {other}"),
        }
    }
}

fn payment_json(p: &Payment) -> Value {
    json!({
        "merchant_reference": p.merchant_reference,
        "order_id": p.order_id,
        "payment_method": p.payment_method.as_str(),
        "status": p.status.as_str(),
        "currency": p.currency,
        "amount": p.amount,
        "pay_time_raw": p.pay_time_raw,
        "pay_time": p.pay_time.map(|t| t.to_rfc3339()),
        "extra": p.extra,
    })
}

fn redirect_json(r: &Redirect) -> Value {
    json!({
        "merchant_reference": r.merchant_reference,
        "payment_method": r.payment_method.as_str(),
        "status": r.status.as_str(),
        "currency": r.currency,
        "amount": r.amount,
        "extra": r.extra,
    })
}

/// Checks one case against `expect` or `expect_error` (a code string, or an
/// object with `code`, and `api_code` or `field`).
fn check(name: &str, case: &Value, got: Result<Value, Error>) {
    match (&case["expect"], &case["expect_error"], got) {
        (expect, Value::Null, Ok(value)) => assert_eq!(&value, expect, "{name}"),
        (Value::Null, want, Err(err)) => {
            let code = want.as_str().or_else(|| want["code"].as_str()).unwrap();
            assert_eq!(err.code(), code, "{name}: {err}");
            if let Some(api_code) = want["api_code"].as_i64() {
                assert!(
                    matches!(err, Error::Api { code, .. } if code == api_code),
                    "{name}: {err:?}"
                );
            }
            if let Some(field) = want["field"].as_str() {
                let named = match &err {
                    Error::InvalidArgument { field, .. } => Some(field.as_str()),
                    Error::MalformedResponse { field, .. } => field.as_deref(),
                    _ => None,
                };
                assert_eq!(named, Some(field), "{name}: {err:?}");
            }
        }
        (_, _, got) => panic!("{name}: unexpected {got:?}"),
    }
}

#[test]
fn notifications() {
    let file = load("notifications.json");
    for case in cases(&file, "cases") {
        let got = verify_notification(s(&case["body"]).as_bytes(), s(&case["api_key"]));
        check(s(&case["name"]), case, got.map(|n| payment_json(&n)));
    }
}

#[test]
fn redirects() {
    let file = load("redirects.json");
    for case in cases(&file, "cases") {
        let got = verify_redirect(s(&case["input"]), s(&case["api_key"]));
        check(s(&case["name"]), case, got.map(|r| redirect_json(&r)));
    }
}

#[test]
fn responses() {
    let file = load("responses.json");
    let png = base64::engine::general_purpose::STANDARD;
    for case in cases(&file, "cases") {
        let (body, key) = (s(&case["body"]), s(&case["api_key"]));
        let got = match s(&case["op"]) {
            "create_transaction" => parse_create_response(body, key).map(
                |c| json!({"host_url": c.host_url, "nonce": c.nonce, "payment_url": c.payment_url}),
            ),
            "query" => parse_query_response(body, key, s(&case["merchant_reference"]))
                .map(|q| payment_json(&q)),
            "gateway_data" => parse_gateway_data(body, key).and_then(|g| {
                Ok(json!({
                    "merchant_reference": g.merchant_reference,
                    "order_id": g.order_id,
                    "nonce": g.nonce,
                    "payment_method": g.payment_method.as_str(),
                    "amount": g.amount,
                    "currency": g.currency,
                    "amount_cny": g.amount_cny,
                    "product_name": g.product_name,
                    "organisation_name": g.organisation_name,
                    "qr_code_url": g.qr_code_url,
                    "qr_code_png_base64": png.encode(g.qr_code_png()?),
                }))
            }),
            "refund" => parse_refund_response(body).map(|()| json!({})),
            "cancel" => parse_cancel_response(body).map(|()| json!({})),
            "barcode" => parse_barcode_response(body).map(|b| json!({"order_id": b.order_id})),
            other => panic!("unknown op {other}"),
        };
        check(s(&case["name"]), case, got);
    }
}

/// Builds the request a vector describes, converting its JSON input the way a
/// binding converts its arguments.
fn build_request(case: &Value) -> Result<SignedRequest, Error> {
    let c = &case["credentials"];
    let credentials = Credentials::new(
        s(&c["user_id"]),
        s(&c["wallet_id"]),
        ApiKey::new(s(&c["api_key"]))?,
    )?;
    let i = &case["input"];
    let text = |field: &str| opt_s(&i[field]).unwrap_or_default().to_owned();
    let flag = |field: &str| i[field].as_bool().unwrap_or(false);
    let amount = |field: &str| Amount::parse_field(&text(field), field);
    match s(&case["op"]) {
        "create_transaction" => CreateTransaction {
            merchant_reference: text("merchant_reference"),
            amount: amount("amount")?,
            payment_method: PaymentMethod::parse(&text("payment_method"))?,
            product_name: text("product_name"),
            callback_url: text("callback_url"),
            return_url: opt_s(&i["return_url"]).map(str::to_owned),
            back_page_url: opt_s(&i["back_page_url"]).map(str::to_owned),
            ip: text("ip"),
            present_qr: flag("present_qr"),
            merchant_hosted: flag("merchant_hosted"),
        }
        .signed(&credentials),
        "query" => Query::new(text("merchant_reference"), flag("block")).signed(&credentials),
        "refund" => Refund {
            order_id: text("order_id"),
            refund_amount: amount("refund_amount")?,
            reference: opt_s(&i["reference"]).map(str::to_owned),
        }
        .signed(&credentials),
        "cancel" => Cancel::new(text("merchant_reference")).signed(&credentials),
        "barcode" => Barcode::new(
            text("merchant_reference"),
            amount("amount")?,
            text("pay_code"),
        )
        .signed(&credentials),
        other => panic!("unknown op {other}"),
    }
}

#[test]
fn requests() {
    let file = load("requests.json");
    for case in cases(&file, "valid") {
        let name = s(&case["name"]);
        let request = build_request(case).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expect = &case["expect"];
        assert_eq!(request.method.as_str(), s(&expect["method"]), "{name}");
        assert_eq!(request.path_and_query, s(&expect["path"]), "{name}");
        let body: Option<Value> = request
            .body
            .as_deref()
            .map(|b| serde_json::from_str(b).unwrap());
        assert_eq!(body.as_ref(), expect.get("body"), "{name}");
    }
    let invalid = cases(&file, "invalid");
    assert!(
        invalid.len() >= 50,
        "at least 50 bad inputs, got {}",
        invalid.len()
    );
    for case in invalid {
        check(
            s(&case["name"]),
            case,
            build_request(case).map(|_| Value::Null),
        );
    }
}

#[test]
fn amounts() {
    let file = load("amounts.json");
    for case in cases(&file, "valid") {
        let text = s(&case["text"]);
        let amount = Amount::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(amount.as_str(), text);
        assert_eq!(
            amount.minor_units(),
            case["minor_units"].as_u64().unwrap(),
            "{text}"
        );
    }
    for case in cases(&file, "invalid") {
        let text = s(&case["text"]);
        let err = Amount::parse(text).expect_err(text);
        assert_eq!(err.code(), s(&case["code"]), "{text:?}");
    }
}

#[test]
fn statuses() {
    let file = load("statuses.json");
    for case in cases(&file, "transitions") {
        let (from, to) = (
            Status::from_wire(s(&case["from"])),
            Status::from_wire(s(&case["to"])),
        );
        assert_eq!(
            from.transition_to(&to).as_str(),
            s(&case["expect"]),
            "{from} -> {to}"
        );
    }
}

#[test]
fn orders() {
    let file = load("orders.json");
    for case in cases(&file, "cases") {
        let name = s(&case["name"]);
        let payment = verify_notification(s(&case["body"]).as_bytes(), s(&case["api_key"]))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let order = &case["order"];
        let stored = StoredOrder {
            merchant_reference: s(&order["merchant_reference"]),
            payment_method: s(&order["payment_method"]),
            currency: s(&order["currency"]),
            amount: s(&order["amount"]),
        };
        let got = payment.signed_fields().matches_stored(&stored);
        if let Ok(matches) = got {
            // The typed form agrees wherever the text form reads the order.
            let typed = payment.matches(
                stored.merchant_reference,
                &PaymentMethod::parse(stored.payment_method).unwrap(),
                stored.currency,
                &Amount::parse(stored.amount).unwrap(),
            );
            assert_eq!(typed, matches, "{name}");
        }
        check(name, case, got.map(Value::Bool));
    }
}

#[test]
fn every_vector_file_is_exercised() {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "tests", "vectors"]
        .iter()
        .collect();
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    let tested = [
        "amounts.json",
        "notifications.json",
        "orders.json",
        "redirects.json",
        "requests.json",
        "responses.json",
        "signatures.json",
        "statuses.json",
    ];
    assert_eq!(
        files, tested,
        "a vector file without a test here, or a test without its file"
    );
}
