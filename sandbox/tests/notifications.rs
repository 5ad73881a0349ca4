//! Notification delivery under merchant faults: down, 500s, slow, wrong body.
//! Every notification is delivered in the end, and none is sent again after
//! the merchant answered `sent`.

mod support;

use std::time::Duration;

use latipay::{PaymentMethod, Status};
use serde_json::Value;
use support::*;

/// Creates a hosted order whose callback is `site`, and has the customer act on it.
fn order_and(sandbox_url: &str, site: &str, action: &str) -> String {
    let reference = reference(action);
    client(sandbox_url)
        .create_transaction(&hosted_order(
            &reference,
            "12.50",
            PaymentMethod::Alipay,
            site,
        ))
        .unwrap();
    assert_eq!(control(sandbox_url, &reference, action).0, 200);
    reference
}

fn delivered(sandbox_url: &str, reference: &str) -> Value {
    eventually("delivery", || {
        deliveries_for(sandbox_url, reference)
            .into_iter()
            .find(|d| d["delivered"] == true)
    })
}

fn outcomes(delivery: &Value) -> Vec<String> {
    delivery["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["outcome"].as_str().unwrap().to_owned())
        .collect()
}

/// Waits many retry intervals, then checks nothing more was sent.
fn assert_no_more_attempts(
    sandbox_url: &str,
    reference: &str,
    site: &MerchantSite,
    attempts: usize,
) {
    std::thread::sleep(Duration::from_millis(600)); // 12 retry intervals
    let after = deliveries_for(sandbox_url, reference);
    assert_eq!(
        outcomes(&after[0]).len(),
        attempts,
        "no attempt after `sent`"
    );
    assert_eq!(
        site.received().len(),
        attempts,
        "the merchant saw no more requests"
    );
}

#[test]
fn retried_through_errors_and_wrong_bodies_until_sent_then_never_again() {
    let sandbox = sandbox();
    let site = MerchantSite::start(vec![
        Reply::Status(500),
        Reply::Status(503),
        Reply::WrongBody("ok"),
        Reply::WrongBody("sent\n"),
        Reply::Ack,
    ]);
    let reference = order_and(sandbox.base_url(), &site.base_url, "pay");
    let delivery = delivered(sandbox.base_url(), &reference);
    assert_eq!(
        outcomes(&delivery),
        [
            "http_status",
            "http_status",
            "wrong_body",
            "wrong_body",
            "sent"
        ]
    );
    assert_eq!(delivery["attempts"][1]["http_status"], 503);
    assert_eq!(
        delivery["attempts"][3]["answer"], "sent\n",
        "only exactly `sent` counts"
    );
    assert!(
        site.received().iter().all(|r| r.verified.is_ok()),
        "every attempt carries a valid signature"
    );
    assert_no_more_attempts(sandbox.base_url(), &reference, &site, 5);
}

#[test]
fn a_slow_merchant_times_out_and_is_retried() {
    let mut settings = fast_settings();
    settings.notify_timeout = Duration::from_millis(300);
    let sandbox = latipay_sandbox::Sandbox::start(settings).unwrap();
    let site = MerchantSite::start(vec![Reply::Slow(Duration::from_secs(3))]);
    let reference = order_and(sandbox.base_url(), &site.base_url, "pay");
    let delivery = delivered(sandbox.base_url(), &reference);
    assert_eq!(outcomes(&delivery), ["timeout", "sent"]);
}

#[test]
fn a_merchant_that_is_down_gets_it_once_back_up() {
    let sandbox = sandbox();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let site_url = format!("http://127.0.0.1:{port}");
    let reference = order_and(sandbox.base_url(), &site_url, "fail");
    eventually("two refused attempts", || {
        let log = deliveries_for(sandbox.base_url(), &reference);
        (log.len() == 1 && outcomes(&log[0]).len() >= 2).then_some(())
    });
    assert!(outcomes(&deliveries_for(sandbox.base_url(), &reference)[0])
        .iter()
        .all(|o| o == "unreachable"));

    let site = MerchantSite::start_on(port, vec![]);
    let delivery = delivered(sandbox.base_url(), &reference);
    assert_eq!(outcomes(&delivery).last().unwrap(), "sent");
    let received = site.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].verified.as_ref().unwrap().status,
        Status::Failed
    );
}

#[test]
fn none_is_lost_across_many_orders_and_faults() {
    let sandbox = sandbox();
    let faults = (0..60)
        .map(|i| {
            if i % 3 == 0 {
                Reply::Status(500)
            } else {
                Reply::Ack
            }
        })
        .collect();
    let site = MerchantSite::start(faults);
    let actions = ["pay", "fail", "cancel"];
    let references: Vec<(String, &str)> = (0..24)
        .map(|i| {
            let action = actions[i % 3];
            (
                order_and(sandbox.base_url(), &site.base_url, action),
                action,
            )
        })
        .collect();
    eventually("every delivery", || {
        let log = notifications(sandbox.base_url());
        (log.len() == references.len() && log.iter().all(|d| d["delivered"] == true)).then_some(())
    });
    for delivery in notifications(sandbox.base_url()) {
        let sent = outcomes(&delivery).iter().filter(|o| *o == "sent").count();
        assert_eq!(sent, 1, "exactly one `sent` per notification: {delivery}");
    }
    let received = site.received();
    for (reference, action) in &references {
        let wanted = match *action {
            "pay" => Status::Paid,
            "fail" => Status::Failed,
            _ => Status::Canceled,
        };
        let got = received
            .iter()
            .filter_map(|r| r.verified.as_ref().ok())
            .any(|p| &p.merchant_reference == reference && p.status == wanted);
        assert!(got, "the merchant received {reference} as {wanted}");
    }
}

#[test]
fn reset_stops_the_retries() {
    let sandbox = sandbox();
    let site = MerchantSite::start((0..10_000).map(|_| Reply::Status(500)).collect());
    order_and(sandbox.base_url(), &site.base_url, "pay");
    eventually("a few attempts", || {
        (site.received().len() >= 3).then_some(())
    });
    let (status, _) = post_json(&format!("{}/_sandbox/reset", sandbox.base_url()), "");
    let at_reset = site.received().len();
    assert_eq!(status, 200);
    assert!(notifications(sandbox.base_url()).is_empty());
    std::thread::sleep(Duration::from_secs(1)); // 20 retry intervals
    let after = site.received().len();
    assert!(
        after <= at_reset + 1,
        "{} attempts after the reset (one may have been in flight)",
        after - at_reset
    );
}
