//! The shared table of hostile-server cases (`tests/hostile/cases.json`),
//! run against the core's blocking client on ureq. Python (httpx), Node
//! (fetch) and Kotlin run the same table against their own transports.

mod support;

use std::sync::Arc;

use latipay::{Amount, ApiKey, Client, Config, CreateTransaction, Environment, PaymentMethod};
use latipay_sandbox::Sandbox;
use serde_json::Value;
use support::{fast_settings, reference, API_KEY, USER_ID, WALLET_ID};
use ureq::tls::{parse_pem, PemItem, RootCerts, TlsConfig};

/// The table.
fn cases() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/hostile/cases.json");
    let text = std::fs::read_to_string(path).expect("tests/hostile/cases.json is readable");
    let table: Value = serde_json::from_str(&text).expect("the table is JSON");
    let cases = table["cases"]
        .as_array()
        .expect("`cases` is a list")
        .clone();
    assert!(!cases.is_empty());
    cases
}

/// An agent for the control API, trusting the sandbox's certificate if any.
fn control_agent(pem: Option<&str>) -> ureq::Agent {
    let mut builder = ureq::Agent::config_builder().http_status_as_error(false);
    if let Some(pem) = pem {
        let certificates: Vec<_> = parse_pem(pem.as_bytes())
            .filter_map(|item| match item {
                Ok(PemItem::Certificate(c)) => Some(c.to_owned()),
                _ => None,
            })
            .collect();
        let roots = RootCerts::Specific(Arc::new(certificates));
        builder = builder.tls_config(TlsConfig::builder().root_certs(roots).build());
    }
    builder.build().into()
}

/// The client a case asks for.
fn client(case: &Value, sandbox: &Sandbox) -> Client {
    let mut config = Config::new(
        USER_ID,
        WALLET_ID,
        ApiKey::new(API_KEY).unwrap(),
        Environment::Custom(sandbox.base_url().to_owned()),
    );
    let options = &case["client"];
    if let Some(ms) = options["timeout_ms"].as_u64() {
        config.timeout = std::time::Duration::from_millis(ms);
    }
    if let Some(n) = options["max_retries"].as_u64() {
        config.max_retries = n as u32;
    }
    if case["trust_sandbox_certificate"] == true {
        config.ca_certificates = sandbox.certificate_pem().map(str::to_owned);
    }
    Client::new(config).expect("the case's client is valid")
}

fn order(reference: &str) -> CreateTransaction {
    CreateTransaction::new(
        reference,
        Amount::parse("12.50").unwrap(),
        PaymentMethod::Alipay,
        "hostile table",
    )
    .return_url("http://127.0.0.1:9/return")
    .callback_url("http://127.0.0.1:9/notify")
    .ip("122.122.122.1")
}

/// Runs one case; a description of what went wrong, if anything did.
fn run(case: &Value) -> Result<(), String> {
    let tls = case["tls"] == true;
    let sandbox = if tls {
        Sandbox::start_tls(fast_settings())
    } else {
        Sandbox::start(fast_settings())
    }
    .map_err(|e| format!("the sandbox did not start: {e}"))?;
    let agent = control_agent(sandbox.certificate_pem());
    let control = |path: &str| format!("{}{path}", sandbox.base_url());
    let reference = reference("hostile");
    if case["call"] == "query" {
        // The order is made by a client that trusts the sandbox, before any fault.
        let mut setup = case.clone();
        setup["trust_sandbox_certificate"] = Value::Bool(true);
        setup["client"] = Value::Null;
        client(&setup, &sandbox)
            .create_transaction(&order(&reference))
            .map_err(|e| format!("setting up the order failed: {e}"))?;
    }
    if !case["fault"].is_null() {
        let answer = agent
            .post(&control("/_sandbox/faults"))
            .header("Content-Type", "application/json")
            .send(case["fault"].to_string())
            .map_err(|e| e.to_string())?;
        if answer.status() != 201 {
            return Err(format!("the fault was refused: {}", answer.status()));
        }
    }
    let client = client(case, &sandbox);
    let outcome = match case["call"].as_str() {
        Some("create") => client.create_transaction(&order(&reference)).map(|_| ()),
        Some("query") => client.query(&reference, false).map(|payment| {
            assert_eq!(payment.status, latipay::Status::Pending);
        }),
        other => return Err(format!("unknown call {other:?}")),
    };
    let expect = &case["expect"];
    match (&outcome, expect["ok"] == true) {
        (Ok(()), true) => {}
        (Err(error), false) => {
            if expect["error_code"] != error.code() {
                return Err(format!("expected {}, got {error:?}", expect["error_code"]));
            }
            if let Some(status) = expect["status"].as_u64() {
                let got = error.details().status;
                if got != Some(status as u16) {
                    return Err(format!("expected status {status}, got {got:?}: {error}"));
                }
            }
        }
        (Ok(()), false) => return Err(format!("expected {}, the call succeeded", expect)),
        (Err(error), true) => return Err(format!("expected success, got {error}")),
    }
    if !case["fault"].is_null() {
        let mut answer = agent
            .get(&control("/_sandbox/faults"))
            .call()
            .map_err(|e| e.to_string())?;
        let text = answer
            .body_mut()
            .read_to_string()
            .map_err(|e| e.to_string())?;
        let listed: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let remaining = listed["faults"]
            .as_array()
            .and_then(|faults| faults.first())
            .map_or(0, |fault| fault["remaining"].as_u64().unwrap_or(0));
        let used = case["fault"]["times"].as_u64().unwrap_or(1) - remaining;
        if let Some(expected) = expect["faults_used"].as_u64() {
            if used != expected {
                return Err(format!(
                    "{used} attempts reached the sandbox, not {expected}"
                ));
            }
        }
        if let Some(most) = expect["faults_used_at_most"].as_u64() {
            if used > most || used < 2 {
                return Err(format!(
                    "{used} attempts reached the sandbox, not 2 to {most}"
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn the_blocking_client_passes_every_hostile_case() {
    let failures: Vec<String> = cases()
        .iter()
        .filter_map(|case| {
            run(case)
                .err()
                .map(|why| format!("{}: {why}", case["name"].as_str().unwrap_or("?")))
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}
