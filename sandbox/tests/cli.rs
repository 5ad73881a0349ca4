//! The `latipay-sandbox` binary as another language's test suite starts it:
//! `--port 0`, then read the base URL from the first line of stdout.

mod support;

use std::process::Command;

use support::*;

fn start(args: &[&str]) -> (Running, String) {
    let (running, mut lines) = start_binary(args, 1);
    (running, lines.remove(0))
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

#[test]
fn exits_when_stdin_closes_with_exit_on_stdin_close() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_latipay-sandbox"))
        .args(["--port", "0", "--exit-on-stdin-close"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut first,
    )
    .unwrap();
    assert!(first.starts_with("http://127.0.0.1:"), "{first:?}");
    assert!(
        child.try_wait().unwrap().is_none(),
        "it serves while stdin is open"
    );
    // The parent goes away: its end of the pipe closes.
    drop(child.stdin.take());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still running after stdin closed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
}
