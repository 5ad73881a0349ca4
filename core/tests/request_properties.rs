//! Request building over random inputs, valid and not: every request built
//! carries a rule-A signature (checked against an independent rule A) over
//! exactly the fields it sends, which `sign` gives back from them in another
//! order, and every refusal is a typed `invalid_argument` naming a field of
//! the request.

use hmac::{Hmac, KeyInit, Mac};
use latipay::request::{Method, SignedRequest};
use latipay::{
    sign, Amount, ApiKey, Barcode, Cancel, CreateTransaction, Credentials, PaymentMethod, Query,
    Refund,
};
use proptest::prelude::*;
use sha2::Sha256;

const KEY: &str = "111222333";

/// Mostly plausible text, sometimes anything printable, sometimes empty.
fn text(plausible: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => plausible,
        3 => "\\PC{0,70}",
        1 => Just(String::new()),
    ]
}

fn url() -> impl Strategy<Value = String> {
    text("https?://[a-z]{1,10}\\.example(:[0-9]{2,5})?/[a-z/]{0,12}")
}

fn amount() -> impl Strategy<Value = String> {
    text("[0-9]{1,6}(\\.[0-9]{1,2})?")
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("alipay".to_owned()),
        Just("wechat".to_owned()),
        Just("polipay".to_owned()),
        Just("payid".to_owned()),
        "\\PC{0,10}",
    ]
}

fn credentials() -> Credentials {
    Credentials::new("U000000013", "W000000024", ApiKey::new(KEY).unwrap()).unwrap()
}

/// The fields a request sends: its JSON body, or its path and query string.
fn sent_fields(request: &SignedRequest) -> Vec<(String, String)> {
    match request.method {
        Method::Post => {
            let body = request.body.as_deref().expect("a POST has a body");
            let object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(body).expect("the body is a JSON object");
            object
                .into_iter()
                .map(|(k, v)| (k, v.as_str().expect("every value is a string").to_owned()))
                .collect()
        }
        Method::Get => {
            // The query's order is signed as `merchant_reference` but sent in the path.
            let url = url::Url::parse(&format!("http://h{}", request.path_and_query)).unwrap();
            let reference = url.path_segments().and_then(|mut s| s.next_back()).unwrap();
            let mut fields = vec![("merchant_reference".to_owned(), reference.to_owned())];
            fields.extend(
                url.query_pairs()
                    .map(|(k, v)| (k.into_owned(), v.into_owned())),
            );
            fields
        }
    }
}

/// Rule A written out independently of the crate: drop empty values, sort by
/// name in byte order, join `name=value` with `&`, append the key, HMAC-SHA256.
fn rule_a(fields: &[(&str, &str)], key: &str) -> String {
    let mut kept: Vec<_> = fields.iter().filter(|(_, v)| !v.is_empty()).collect();
    kept.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let message: Vec<String> = kept.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(format!("{}{key}", message.join("&")).as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The request's signature is rule A over exactly the other fields it sends,
/// whatever order they are read in; no field is sent empty.
fn check_signed(request: &SignedRequest, key: &str) -> Result<(), TestCaseError> {
    let fields = sent_fields(request);
    let signature = fields
        .iter()
        .find(|(k, _)| k == "signature")
        .map(|(_, v)| v.clone())
        .expect("a signature is sent");
    let mut others: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(k, _)| k != "signature")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    prop_assert!(others.iter().all(|(_, v)| !v.is_empty()));
    prop_assert_eq!(rule_a(&others, key), signature.clone());
    others.reverse();
    prop_assert_eq!(sign(others, key).unwrap(), signature);
    Ok(())
}

/// A refusal is `invalid_argument` and names one of `fields`.
fn check_refused(error: &latipay::Error, fields: &[&str]) -> Result<(), TestCaseError> {
    prop_assert_eq!(error.code(), "invalid_argument");
    match error {
        latipay::Error::InvalidArgument { field, .. } => {
            prop_assert!(fields.contains(&field.as_str()), "unexpected field {field}")
        }
        other => prop_assert!(false, "not InvalidArgument: {other:?}"),
    }
    Ok(())
}

/// Builds a request from its parts (any of which may be refused) and checks
/// the outcome.
fn check(build: latipay::Result<SignedRequest>, fields: &[&str]) -> Result<(), TestCaseError> {
    match build {
        Ok(request) => check_signed(&request, KEY),
        Err(error) => check_refused(&error, fields),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn create_transaction(
        reference in text("[A-Za-z0-9._-]{1,64}"),
        amount in amount(),
        method in method(),
        product in text("[ -~]{1,40}"),
        callback in url(),
        return_url in prop::option::of(url()),
        back_page in prop::option::of(url()),
        ip in text("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}"),
        present_qr in any::<bool>(),
        hosted in any::<bool>(),
    ) {
        let fields = [
            "merchant_reference", "amount", "payment_method", "product_name", "callback_url",
            "return_url", "backPage_url", "ip", "present_qr", "host_type",
        ];
        let build = Amount::parse(&amount).and_then(|amount| {
            let method = PaymentMethod::parse(&method)?;
            let mut order = CreateTransaction::new(&reference, amount, method, &product)
                .callback_url(&callback)
                .ip(&ip);
            order.return_url = return_url.clone();
            order.back_page_url = back_page.clone();
            order.present_qr = present_qr;
            order.merchant_hosted = hosted;
            order.signed(&credentials())
        });
        if let Ok(request) = &build {
            let sent = sent_fields(request);
            prop_assert!(sent.contains(&("merchant_reference".to_owned(), reference.clone())));
            prop_assert!(sent.contains(&("amount".to_owned(), amount.clone())));
        }
        check(build, &fields)?;
    }

    #[test]
    fn query(reference in text("[A-Za-z0-9._-]{1,64}"), block in any::<bool>()) {
        check(Query::new(&reference, block).signed(&credentials()), &["merchant_reference"])?;
    }

    #[test]
    fn refund(order_id in text("[A-Za-z0-9]{1,32}"), amount in amount(), note in prop::option::of(text("[ -~]{1,40}"))) {
        let build = Amount::parse(&amount).and_then(|amount| {
            let mut refund = Refund::new(&order_id, amount);
            refund.reference = note.clone();
            refund.signed(&credentials())
        });
        check(build, &["order_id", "amount", "refund_amount", "reference"])?;
    }

    #[test]
    fn cancel(reference in text("[A-Za-z0-9._-]{1,64}")) {
        check(Cancel::new(&reference).signed(&credentials()), &["merchant_reference"])?;
    }

    #[test]
    fn barcode(reference in text("[A-Za-z0-9._-]{1,64}"), amount in amount(), pay_code in text("[0-9]{16,24}")) {
        let build = Amount::parse(&amount)
            .and_then(|amount| Barcode::new(&reference, amount, &pay_code).signed(&credentials()));
        check(build, &["merchant_reference", "amount", "pay_code"])?;
    }

    #[test]
    fn credentials_refuse_typed(user_id in text("U[0-9]{9}"), wallet_id in text("W[0-9]{9}"), key in text("[0-9a-z]{9,40}")) {
        match ApiKey::new(key.clone()).and_then(|api_key| Credentials::new(&user_id, &wallet_id, api_key)) {
            Ok(credentials) => {
                let request = Cancel::new("order-1").signed(&credentials);
                check_signed(&request.map_err(|e| TestCaseError::fail(e.to_string()))?, &key)?;
            }
            // Safety over accuracy: a key short enough to be part of a field's
            // name is scrubbed from the name too.
            Err(error) => {
                let mut names: Vec<String> = ["user_id", "wallet_id", "api_key"].map(String::from).to_vec();
                if !key.is_empty() {
                    let scrubbed: Vec<String> = names.iter().map(|n| n.replace(key.as_str(), latipay::REDACTED)).collect();
                    names.extend(scrubbed);
                }
                check_refused(&error, &names.iter().map(String::as_str).collect::<Vec<_>>())?
            }
        }
    }
}
