//! The sandbox is as strict as Latipay: raw requests that a careless merchant
//! might send are refused with Latipay's code and a message that says why,
//! always as HTTP 200 JSON, never a 500.

mod support;

use serde_json::{json, Map, Value};
use support::*;

/// A create request's fields, signed by rule A with the demo key, as JSON.
fn signed(fields: &[(&str, &str)]) -> String {
    let signature = latipay::sign(fields.iter().copied(), API_KEY).unwrap();
    let mut body: Map<String, Value> = fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), json!(v)))
        .collect();
    body.insert("signature".into(), json!(signature));
    Value::Object(body).to_string()
}

/// Field overrides of a case.
type Fields<'a> = &'a [(&'a str, &'a str)];

fn create_fields<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("user_id", USER_ID),
        ("wallet_id", WALLET_ID),
        ("payment_method", "alipay"),
        ("amount", "120.00"),
        ("return_url", "https://merchantsite.com/checkout"),
        ("callback_url", "http://merchantsite.com/confirm"),
        ("merchant_reference", "strict-1"),
        ("ip", "122.122.122.1"),
        ("version", "2.0"),
        ("product_name", "Pinot Noir, Otago"),
    ];
    for (name, value) in overrides {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value));
    }
    fields
}

fn create(base: &str, body: &str) -> (i64, String) {
    let (status, answer) = post_json(&format!("{base}/v2/transaction"), body);
    assert_eq!(
        status, 200,
        "Latipay answers HTTP 200 even on failure: {answer}"
    );
    (
        answer["code"].as_i64().unwrap(),
        answer["message"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn bodies_that_are_not_a_json_object_of_strings() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let (code, message) = create(base, "{\"user_id\": ");
    assert!(
        code == 207 && message.contains("not valid JSON"),
        "{code} {message}"
    );
    assert_eq!(create(base, "[1, 2]").0, 207);
    let (code, message) = create(base, r#"{"amount": {"value": "120.00"}}"#);
    assert!(
        code == 207 && message.contains("must be a string"),
        "{code} {message}"
    );
    let (code, message) = create(base, "{}");
    assert_eq!(code, 204);
    assert!(
        message.contains("user_id") && message.contains("signature"),
        "{message}"
    );
}

#[test]
fn a_field_given_twice_is_refused() {
    let sandbox = sandbox();
    let body = signed(&create_fields(&[]));
    let twice = body.replacen('{', r#"{"amount":"0.01","#, 1);
    let (code, message) = create(sandbox.base_url(), &twice);
    assert!(
        code == 207 && message.contains("`amount` is given twice"),
        "{code} {message}"
    );
}

#[test]
fn an_unreadable_path_gets_a_json_refusal() {
    let sandbox = sandbox();
    for path in [
        "/v2/transaction/%FF?user_id=U1",
        "/v2/merchanthosted/gatewaydata/%FF",
    ] {
        let (status, _, body) = get_page(&format!("{}{path}", sandbox.base_url()));
        let answer: Value =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"));
        assert_eq!(
            (status, answer["code"].as_i64()),
            (200, Some(207)),
            "{path}: {answer}"
        );
    }
}

#[test]
fn missing_and_empty_fields_are_named() {
    let sandbox = sandbox();
    let mut fields = create_fields(&[("ip", "")]);
    fields.retain(|(n, _)| *n != "version");
    let (code, message) = create(sandbox.base_url(), &signed(&fields));
    assert_eq!(
        (code, message.as_str()),
        (204, "some input fields are null: ip, version")
    );
}

#[test]
fn signed_but_wrong_values() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let cases: [(Fields, i64, &str); 10] = [
        (&[("version", "1.0")], 207, "version"),
        (&[("payment_method", "bitcoin")], 303, "does not exist"),
        (
            &[("payment_method", "polipay"), ("host_type", "1")],
            304,
            "alipay or wechat",
        ),
        (&[("host_type", "2")], 207, "host_type"),
        (&[("amount", "120.001")], 207, "amount"),
        (&[("amount", "1e3")], 207, "amount"),
        (&[("ip", "::1")], 207, "IPv4"),
        (
            &[("callback_url", "ftp://merchantsite.com/confirm")],
            207,
            "callback_url",
        ),
        (&[("present_qr", "yes")], 207, "present_qr"),
        (
            &[("callback_url", "https://merchantsite.com/confirm")],
            207,
            "plain HTTP",
        ),
    ];
    for (overrides, want, words) in cases {
        let (code, message) = create(base, &signed(&create_fields(overrides)));
        assert_eq!(code, want, "{overrides:?}: {message}");
        assert!(message.contains(words), "{overrides:?}: {message}");
    }
    // A merchant-hosted order needs no return_url.
    let mut fields = create_fields(&[("host_type", "1"), ("merchant_reference", "strict-pos")]);
    fields.retain(|(n, _)| *n != "return_url");
    assert_eq!(create(base, &signed(&fields)).0, 0);
}

#[test]
fn a_signature_over_other_values_is_refused() {
    let sandbox = sandbox();
    let mut body: Value = serde_json::from_str(&signed(&create_fields(&[]))).unwrap();
    body["amount"] = json!("1200.00"); // tampered after signing
    let (code, message) = create(sandbox.base_url(), &body.to_string());
    assert!(
        code == 206 && message.contains("rule A"),
        "{code} {message}"
    );
}

#[test]
fn query_parameters_are_strict() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let sign = |fields: &[(&str, &str)]| latipay::sign(fields.iter().copied(), API_KEY).unwrap();
    let query = |q: &str| {
        let (status, _, body) = get_page(&format!("{base}/v2/transaction/ref-1?{q}"));
        assert_eq!(status, 200);
        serde_json::from_str::<Value>(&body).unwrap()["code"]
            .as_i64()
            .unwrap()
    };
    let good = sign(&[("merchant_reference", "ref-1"), ("user_id", USER_ID)]);
    assert_eq!(
        query(&format!("user_id={USER_ID}&signature={good}")),
        201,
        "well signed, no such order"
    );
    assert_eq!(
        query(&format!(
            "user_id={USER_ID}&user_id={USER_ID}&signature={good}"
        )),
        207,
        "given twice"
    );
    let blocking = sign(&[
        ("merchant_reference", "ref-1"),
        ("user_id", USER_ID),
        ("is_block", "2"),
    ]);
    assert_eq!(
        query(&format!(
            "user_id={USER_ID}&is_block=2&signature={blocking}"
        )),
        207
    );
    assert_eq!(
        query(&format!("user_id={USER_ID}&is_block=1&signature={good}")),
        206,
        "is_block is signed"
    );
    assert_eq!(query(&format!("user_id={USER_ID}")), 204);
}

#[test]
fn nonces_only_open_their_own_kind_of_payment() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let (_, created) = post_json(
        &format!("{base}/v2/transaction"),
        &signed(&create_fields(&[])),
    );
    let nonce = created["nonce"].as_str().unwrap();
    let (status, _, body) = get_page(&format!("{base}/v2/merchanthosted/gatewaydata/{nonce}"));
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (status, answer["code"].as_i64()),
        (200, Some(207)),
        "{answer}"
    );
    assert!(answer["message"].as_str().unwrap().contains("other kind"));
}

#[test]
fn unknown_endpoints_get_a_json_404() {
    let sandbox = sandbox();
    let (status, _, body) = get_page(&format!("{}/v1/transaction", sandbox.base_url()));
    assert_eq!(status, 404);
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("GET /v1/transaction"),
        "{answer}"
    );
}

#[test]
fn the_pay_page_escapes_what_the_merchant_sent() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let fields = create_fields(&[("product_name", "<script>alert(1)</script> & \"wine\"")]);
    let (_, created) = post_json(&format!("{base}/v2/transaction"), &signed(&fields));
    let url = format!(
        "{}/{}",
        created["host_url"].as_str().unwrap(),
        created["nonce"].as_str().unwrap()
    );
    let (_, checkout, _) = get_page(&url);
    let (status, _, page) = get_page(&format!("{base}{}", checkout.unwrap()));
    assert_eq!(status, 200);
    assert!(!page.contains("<script>"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;wine&quot;"),
        "{page}"
    );
    assert!(
        !page.contains("src=\"http"),
        "the page loads nothing from elsewhere"
    );
}

#[test]
fn the_control_api_explains_refusals() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let (status, answer) = control(base, "nothing-here", "pay");
    assert!(
        status == 404 && answer["error"].as_str().unwrap().contains("nothing-here"),
        "{answer}"
    );
    post_json(
        &format!("{base}/v2/transaction"),
        &signed(&create_fields(&[])),
    );
    assert_eq!(control(base, "strict-1", "refund").0, 404, "unknown action");
    assert_eq!(control(base, "strict-1", "pay").0, 200);
    let (status, answer) = control(base, "strict-1", "fail");
    assert!(
        status == 409 && answer["error"].as_str().unwrap().contains("already paid"),
        "{answer}"
    );
    let (_, _, body) = get_page(&format!("{base}/_sandbox/orders/strict-1"));
    let order: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (order["status"].as_str(), order["amount"].as_str()),
        (Some("paid"), Some("120.00"))
    );
}

#[test]
fn the_query_sends_the_amount_as_a_json_number_with_its_text() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let fields = create_fields(&[("amount", "0.10"), ("merchant_reference", "number-1")]);
    post_json(&format!("{base}/v2/transaction"), &signed(&fields));
    let signature = latipay::sign(
        [("merchant_reference", "number-1"), ("user_id", USER_ID)],
        API_KEY,
    )
    .unwrap();
    let (_, _, body) = get_page(&format!(
        "{base}/v2/transaction/number-1?user_id={USER_ID}&signature={signature}"
    ));
    assert!(body.contains(r#""amount":0.10,"#), "{body}");
}

#[test]
fn an_expired_nonce_opens_nothing() {
    let mut settings = fast_settings();
    settings.nonce_ttl = std::time::Duration::ZERO;
    let sandbox = latipay_sandbox::Sandbox::start(settings).unwrap();
    let base = sandbox.base_url();
    let (_, created) = post_json(
        &format!("{base}/v2/transaction"),
        &signed(&create_fields(&[])),
    );
    let url = format!(
        "{}/{}",
        created["host_url"].as_str().unwrap(),
        created["nonce"].as_str().unwrap()
    );
    std::thread::sleep(std::time::Duration::from_millis(5));
    let (status, _, page) = get_page(&url);
    assert_eq!(status, 410);
    assert!(page.contains("expired"), "{page}");
}

#[test]
fn a_query_signed_by_the_older_rule_is_told_so() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    assert_eq!(create(base, &signed(&create_fields(&[]))).0, 0);
    let query = |signature: &str| {
        let (status, _, body) = get_page(&format!(
            "{base}/v2/transaction/strict-1?user_id={USER_ID}&signature={signature}"
        ));
        assert_eq!(status, 200, "{body}");
        let answer: Value = serde_json::from_str(&body).unwrap();
        (
            answer["code"].as_i64().unwrap(),
            answer["message"].as_str().unwrap().to_owned(),
        )
    };
    // As Latipay's PHP SDK signs it: the HMAC of merchant_reference + user_id.
    let older = latipay::signature::sign_concat(&["strict-1", USER_ID], API_KEY);
    let (code, message) = query(&older);
    assert!(
        code == 206 && message.contains("older rule (merchant_reference + user_id"),
        "{code} {message}"
    );
    // Any other wrong signature gets the usual message.
    let other = latipay::signature::sign_concat(&[USER_ID, "strict-1"], API_KEY);
    let (code, message) = query(&other);
    assert!(
        code == 206 && !message.contains("older rule") && message.contains("rule A"),
        "{code} {message}"
    );
    // Rule A passes.
    let current = latipay::sign(
        [("merchant_reference", "strict-1"), ("user_id", USER_ID)],
        API_KEY,
    )
    .unwrap();
    assert_eq!(query(&current).0, 0);
}

#[test]
fn a_refund_posted_to_v2_refund_is_pointed_to_refund() {
    let sandbox = sandbox();
    let fields = [
        ("user_id", USER_ID),
        ("order_id", "none"),
        ("refund_amount", "1.00"),
    ];
    let (status, answer) = post_json(
        &format!("{}/v2/refund", sandbox.base_url()),
        &signed(&fields),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["code"], json!(1), "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("posted to /refund, not /v2/refund"),
        "{answer}"
    );
}

/// A WeChat order as Latipay's PHP SDK sends it: `present_qr` and `amount` as
/// JSON numbers, signed by their JSON text.
fn numbers_body(reference: &str) -> String {
    let fields = create_fields(&[
        ("payment_method", "wechat"),
        ("present_qr", "1"),
        ("amount", "12.5"),
        ("merchant_reference", reference),
    ]);
    let signature = latipay::sign(fields.iter().copied(), API_KEY).unwrap();
    let mut body: Map<String, Value> = fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), json!(v)))
        .collect();
    body.insert("present_qr".into(), serde_json::from_str("1").unwrap());
    body.insert("amount".into(), serde_json::from_str("12.5").unwrap());
    body.insert("signature".into(), json!(signature));
    Value::Object(body).to_string()
}

#[test]
fn numbers_are_accepted_by_their_json_text_and_reported() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let (code, message) = create(base, &numbers_body("lenient-1"));
    assert_eq!(code, 0, "{message}");
    let (status, _, body) = get_page(&format!("{base}/_sandbox/warnings"));
    assert_eq!(status, 200);
    let warnings: Value = serde_json::from_str(&body).unwrap();
    let fields: Vec<&str> = warnings["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["amount", "present_qr"], "{body}");
    assert!(
        warnings["warnings"][1]["message"]
            .as_str()
            .unwrap()
            .contains("Latipay documents a string"),
        "{body}"
    );
    // The order keeps the amount's text as sent.
    let (_, _, order) = get_page(&format!("{base}/_sandbox/orders/lenient-1"));
    let order: Value = serde_json::from_str(&order).unwrap();
    assert_eq!(order["amount"], json!("12.5"), "{order}");
    // A number signed as some other text is still a wrong signature, and an
    // unsigned request leaves no warning behind.
    let tampered = numbers_body("lenient-2").replace("\"amount\":12.5", "\"amount\":12.50");
    assert_eq!(create(base, &tampered).0, 206, "{tampered}");
    let (_, _, after) = get_page(&format!("{base}/_sandbox/warnings"));
    assert_eq!(
        serde_json::from_str::<Value>(&after).unwrap()["warnings"],
        warnings["warnings"]
    );
}

#[test]
fn warnings_are_kept_up_to_a_thousand_and_the_rest_counted() {
    let sandbox = sandbox();
    let base = sandbox.base_url();
    let extra: Vec<(String, String)> = (0..1100)
        .map(|i| (format!("x{i:04}"), i.to_string()))
        .collect();
    let mut fields = create_fields(&[("merchant_reference", "many-numbers")]);
    fields.extend(extra.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let signature = latipay::sign(fields.iter().copied(), API_KEY).unwrap();
    let mut body: Map<String, Value> = fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), json!(v)))
        .collect();
    for (name, number) in &extra {
        body.insert(name.clone(), serde_json::from_str(number).unwrap());
    }
    body.insert("signature".into(), json!(signature));
    create(base, &Value::Object(body).to_string());
    let (_, _, page) = get_page(&format!("{base}/_sandbox/warnings"));
    let warnings: Value = serde_json::from_str(&page).unwrap();
    assert_eq!(warnings["warnings"].as_array().unwrap().len(), 1000);
    assert_eq!(warnings["dropped"], json!(100));
    let (status, _, _) = post_form(&format!("{base}/_sandbox/reset"), &[]);
    assert_eq!(status, 200);
    let (_, _, page) = get_page(&format!("{base}/_sandbox/warnings"));
    assert_eq!(
        serde_json::from_str::<Value>(&page).unwrap(),
        json!({"warnings": [], "dropped": 0})
    );
}

#[test]
fn strict_refuses_numbers() {
    let sandbox = latipay_sandbox::Sandbox::start(latipay_sandbox::Settings {
        strict: true,
        ..fast_settings()
    })
    .unwrap();
    let base = sandbox.base_url();
    let (code, message) = create(base, &numbers_body("strict-numbers"));
    assert!(
        code == 207 && message.contains("`amount` must be a string (got 12.5)"),
        "{code} {message}"
    );
    let (_, _, body) = get_page(&format!("{base}/_sandbox/warnings"));
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["warnings"],
        json!([])
    );
}
