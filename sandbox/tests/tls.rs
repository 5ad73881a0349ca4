//! HTTPS: the sandbox's self-signed certificate is refused by a client that
//! does not trust it and accepted by one given its PEM; everything else
//! (the merchant API, the pay page's links, faults) works the same.

mod support;

use latipay_sandbox::{Sandbox, SelfSignedCertificate};
use serde_json::Value;
use support::*;
use ureq::tls::{Certificate, RootCerts, TlsConfig};

/// An agent that trusts only the certificate in `pem` and reports every status.
fn trusting(pem: &str) -> ureq::Agent {
    let certificate = Certificate::from_pem(pem.as_bytes()).unwrap();
    let tls = TlsConfig::builder()
        .root_certs(RootCerts::new_with_certs(&[certificate]))
        .build();
    ureq::Agent::config_builder()
        .tls_config(tls)
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into()
}

/// GET `url` with `agent`: the status and the body.
fn get(agent: &ureq::Agent, url: &str) -> (u16, String) {
    let mut response = agent.get(url).call().expect("the request is answered");
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap())
}

fn tls_sandbox() -> Sandbox {
    Sandbox::start_tls(fast_settings()).expect("the sandbox starts")
}

#[test]
fn a_client_without_the_certificate_is_refused() {
    let sandbox = tls_sandbox();
    assert!(sandbox.base_url().starts_with("https://127.0.0.1:"));
    let error = http()
        .get(&format!("{}/_sandbox/notifications", sandbox.base_url()))
        .call()
        .unwrap_err();
    assert!(
        error.to_string().contains("invalid peer certificate"),
        "{error}"
    );
    let other = SelfSignedCertificate::generate(&[]).unwrap();
    let error = trusting(other.pem())
        .get(&format!("{}/_sandbox/notifications", sandbox.base_url()))
        .call()
        .unwrap_err();
    assert!(
        error.to_string().contains("invalid peer certificate"),
        "{error}"
    );
}

#[test]
fn a_client_trusting_the_certificate_gets_answers_with_https_links() {
    let sandbox = tls_sandbox();
    let base = sandbox.base_url();
    let agent = trusting(sandbox.certificate_pem().expect("a TLS sandbox has one"));
    assert_eq!(get(&agent, &format!("{base}/_sandbox/faults")).0, 200);
    let localhost = base.replace("127.0.0.1", "localhost");
    assert_eq!(get(&agent, &format!("{localhost}/_sandbox/faults")).0, 200);
    let (status, answer) = {
        let mut response = agent
            .post(&format!("{base}/v2/transaction"))
            .send(hosted_body())
            .unwrap();
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap();
        (status, serde_json::from_str::<Value>(&text).unwrap())
    };
    assert_eq!(status, 200);
    assert_eq!(answer["host_url"], format!("{base}/pay"), "{answer}");
}

/// A signed hosted-page create request for the demo merchant, as JSON.
fn hosted_body() -> String {
    let order = reference("tls-raw");
    let fields = [
        ("user_id", USER_ID),
        ("wallet_id", WALLET_ID),
        ("payment_method", "alipay"),
        ("amount", "10.00"),
        ("return_url", "https://merchantsite.com/checkout"),
        ("callback_url", "http://merchantsite.com/confirm"),
        ("merchant_reference", order.as_str()),
        ("ip", "122.122.122.1"),
        ("version", "2.0"),
        ("product_name", "Pinot Noir, Otago"),
    ];
    let signature = latipay::sign(fields.iter().copied(), API_KEY).unwrap();
    let mut body: serde_json::Map<String, Value> = fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
        .collect();
    body.insert("signature".into(), Value::from(signature));
    Value::Object(body).to_string()
}

#[test]
fn faults_work_the_same_over_tls() {
    let sandbox = tls_sandbox();
    let base = sandbox.base_url();
    let agent = trusting(sandbox.certificate_pem().unwrap());
    let mut added = agent
        .post(&format!("{base}/_sandbox/faults"))
        .send(r#"{"path": "/nothing", "fault": "status", "status": 503, "times": 1}"#)
        .unwrap();
    assert_eq!(added.status().as_u16(), 201);
    drop(added.body_mut().read_to_string());
    assert_eq!(get(&agent, &format!("{base}/nothing")).0, 503);
    assert_eq!(get(&agent, &format!("{base}/nothing")).0, 404);
    agent
        .post(&format!("{base}/_sandbox/faults"))
        .send(r#"{"path": "/nothing", "fault": "reset"}"#)
        .unwrap();
    assert!(agent.get(&format!("{base}/nothing")).call().is_err());
    assert_eq!(get(&agent, &format!("{base}/nothing")).0, 404);
}

#[test]
fn the_binary_writes_its_certificate_where_asked_and_prints_an_https_url() {
    let path =
        std::env::temp_dir().join(format!("latipay-sandbox-test-{}.pem", std::process::id()));
    let (_running, lines) = start_binary(&["--tls", "--tls-cert", path.to_str().unwrap()], 2);
    let base = &lines[0];
    assert!(base.starts_with("https://127.0.0.1:"), "{lines:?}");
    assert_eq!(lines[1], path.to_str().unwrap());
    let pem = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
    assert_eq!(
        get(&trusting(&pem), &format!("{base}/_sandbox/faults")).0,
        200
    );
}

#[test]
fn the_binary_picks_a_certificate_file_when_none_is_named() {
    let (_running, lines) = start_binary(&["--tls"], 2);
    let pem = std::fs::read_to_string(&lines[1]).unwrap();
    std::fs::remove_file(&lines[1]).unwrap();
    assert_eq!(
        get(&trusting(&pem), &format!("{}/nothing", lines[0])).0,
        404
    );
}

#[test]
fn the_certificate_file_needs_tls() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_latipay-sandbox"))
        .args(["--port", "0", "--tls-cert", "/tmp/never.pem"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--tls"));
}
