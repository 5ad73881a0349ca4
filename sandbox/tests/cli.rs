//! The `latipay-sandbox` binary as another language's test suite starts it:
//! `--port 0`, then read the base URL from the first line of stdout.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::*;

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(args: &[&str]) -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_latipay-sandbox"))
        .args(["--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (line, read) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut first = String::new();
        let _ = BufReader::new(stdout).read_line(&mut first);
        let _ = line.send(first);
    });
    let running = Running(child);
    let first = read
        .recv_timeout(Duration::from_secs(30))
        .expect("the sandbox prints its base URL");
    (running, first.trim_end().to_owned())
}

#[test]
fn prints_its_base_url_first_and_serves_the_demo_merchant() {
    let (_running, base_url) = start(&[]);
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url:?}");
    let result = client(&base_url).query("nothing-yet", false);
    assert!(
        matches!(result, Err(latipay::Error::Api { code: 201, .. })),
        "{result:?}"
    );
}

#[test]
fn serves_merchants_from_flags_and_a_file() {
    let file = std::env::temp_dir().join(format!(
        "latipay-sandbox-merchants-{}.txt",
        std::process::id()
    ));
    std::fs::write(&file, "# the shop\nU7:W7:key-seven:AUD  # Sydney\n").unwrap();
    let (_running, base_url) = start(&[
        "--merchant",
        "U6:W6:key-six",
        "--merchants-file",
        file.to_str().unwrap(),
    ]);
    std::fs::remove_file(&file).unwrap();
    for (user, wallet, key) in [("U6", "W6", "key-six"), ("U7", "W7", "key-seven")] {
        let result = client_for(&base_url, user, wallet, key).query("nothing-yet", false);
        assert!(
            matches!(result, Err(latipay::Error::Api { code: 201, .. })),
            "{user}: {result:?}"
        );
    }
    let demo = client(&base_url).query("nothing-yet", false);
    assert!(
        matches!(demo, Err(latipay::Error::Api { code: 205, .. })),
        "{demo:?}"
    );
}

#[test]
fn refuses_two_merchants_with_one_user_id() {
    let output = Command::new(env!("CARGO_BIN_EXE_latipay-sandbox"))
        .args([
            "--port",
            "0",
            "--merchant",
            "U1:W1:a",
            "--merchant",
            "U1:W2:b",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("two merchants have the user_id \"U1\"")
    );
}

#[test]
fn refuses_a_bad_merchant_with_a_clear_message() {
    let output = Command::new(env!("CARGO_BIN_EXE_latipay-sandbox"))
        .args(["--port", "0", "--merchant", "U1:W1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("USER_ID:WALLET_ID:API_KEY"), "{stderr}");
}
