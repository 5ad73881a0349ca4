//! The core `Client` against the sandbox over loopback HTTP: every operation,
//! and each documented error path.

mod support;

use std::time::{Duration, Instant};

use latipay::{verify_redirect, Amount, Barcode, Error, PaymentMethod, Refund, Status};
use support::*;

fn api_code(result: Result<impl std::fmt::Debug, Error>) -> i64 {
    match result {
        Err(Error::Api { code, .. }) => code,
        other => panic!("expected a Latipay API error, got {other:?}"),
    }
}

#[test]
fn hosted_payment_then_partial_refunds_until_fully_refunded() {
    let shop = Shop::open();
    let reference = reference("hosted");

    let created = shop.create(&reference, "120.00", PaymentMethod::Alipay);
    assert_eq!(created.host_url, format!("{}/pay", shop.sandbox.base_url()));
    assert_eq!(
        shop.client.query(&reference, false).unwrap().status,
        Status::Pending
    );

    let landing = customer_presses(&created.payment_url, "pay");
    assert!(
        landing.starts_with(&format!("{}/return?", shop.site.base_url)),
        "{landing}"
    );
    let redirect = verify_redirect(&landing, API_KEY).unwrap();
    assert_eq!(
        (redirect.status, redirect.amount.as_str()),
        (Status::Paid, "120.00")
    );

    let notified = eventually("the paid notification", || {
        shop.site.received().into_iter().next()
    });
    let payment = notified.verified.unwrap();
    assert_eq!(
        (&payment.status, payment.amount.as_str()),
        (&Status::Paid, "120.00")
    );
    assert!(payment.amount_matches(&Amount::parse("120.00").unwrap()));
    assert!(
        payment.pay_time.is_some(),
        "pay_time parses as Beijing time"
    );

    let queried = shop.client.query(&reference, false).unwrap();
    assert_eq!(
        (queried.status, queried.order_id.clone()),
        (Status::Paid, payment.order_id.clone())
    );
    assert_eq!(queried.amount, "120.00", "the JSON number keeps its text");

    let order_id = queried.order_id.unwrap();
    let refund = |amount: &str| {
        shop.client.refund(&Refund::new(
            order_id.clone(),
            Amount::parse(amount).unwrap(),
        ))
    };
    refund("20.00").unwrap();
    assert_eq!(api_code(refund("100.01")), 550, "more than the 100.00 left");
    refund("100.00").unwrap();
    assert_eq!(api_code(refund("0.01")), 562, "already refunded in full");
    assert_eq!(
        api_code(shop.client.cancel(&reference)),
        900,
        "a paid order cannot be cancelled"
    );
}

#[test]
fn the_payment_link_is_single_use() {
    let sandbox = sandbox();
    let site = MerchantSite::start(vec![]);
    let created = client(sandbox.base_url())
        .create_transaction(&hosted_order(
            &reference("once"),
            "5.00",
            PaymentMethod::Wechat,
            &site.base_url,
        ))
        .unwrap();
    assert_eq!(get_page(&created.payment_url).0, 303);
    let (status, _, page) = get_page(&created.payment_url);
    assert_eq!(status, 410);
    assert!(page.contains("already been used"), "{page}");
    assert_eq!(
        get_page(&format!("{}/pay/{}", sandbox.base_url(), "0".repeat(64))).0,
        404
    );
}

#[test]
fn failing_or_cancelling_on_the_page_redirects_with_the_methods_status() {
    let shop = Shop::open();
    let cases = [
        (
            "fail",
            PaymentMethod::Wechat,
            Status::Failed,
            Status::CancelOrFail,
        ),
        (
            "cancel",
            PaymentMethod::Wechat,
            Status::Canceled,
            Status::CancelOrFail,
        ),
        (
            "fail",
            PaymentMethod::Alipay,
            Status::Failed,
            Status::Failed,
        ),
        (
            "cancel",
            PaymentMethod::Alipay,
            Status::Canceled,
            Status::Canceled,
        ),
    ];
    for (action, method, status, redirected) in cases {
        let reference = reference(action);
        let created = shop.create(&reference, "9.99", method);
        let redirect =
            verify_redirect(&customer_presses(&created.payment_url, action), API_KEY).unwrap();
        assert_eq!(redirect.status, redirected);
        assert_eq!(shop.client.query(&reference, false).unwrap().status, status);
        let notified = eventually("the notification", || {
            shop.site.received().into_iter().find(|r| {
                r.verified
                    .as_ref()
                    .is_ok_and(|p| p.merchant_reference == reference)
            })
        });
        assert_eq!(notified.verified.unwrap().status, status);
    }
}

#[test]
fn the_hosted_pages_qr_code_opens_the_customers_phone_page() {
    let shop = Shop::open();
    let reference = reference("present-qr");
    let order = hosted_order(
        &reference,
        "8.80",
        PaymentMethod::Wechat,
        &shop.site.base_url,
    )
    .present_qr();
    let created = shop.client.create_transaction(&order).unwrap();
    let order_id = shop
        .client
        .query(&reference, false)
        .unwrap()
        .order_id
        .unwrap();
    let scan = format!("{}/scan/{order_id}", shop.sandbox.base_url());
    let (status, checkout, _) = get_page(&created.payment_url);
    assert_eq!(status, 303);
    let (_, _, page) = get_page(&format!("{}{}", shop.sandbox.base_url(), checkout.unwrap()));
    assert!(
        page.contains("id=\"qr\""),
        "the page shows a QR code: {page}"
    );
    let (status, _, phone) = get_page(&scan);
    assert!(
        status == 200 && phone.contains("value=\"pay\""),
        "{status}: {phone}"
    );
    assert_eq!(post_form(&scan, &[("action", "pay")]).0, 200);
    assert_eq!(
        shop.client.query(&reference, false).unwrap().status,
        Status::Paid
    );
}

#[test]
fn merchant_hosted_qr_is_a_real_png_and_its_nonce_is_single_use() {
    let shop = Shop::open();
    let reference = reference("pos");
    let order = latipay::CreateTransaction::new(
        reference.clone(),
        Amount::parse("0.10").unwrap(),
        PaymentMethod::Wechat,
        "Flat white",
    )
    .callback_url(format!("{}/notify", shop.site.base_url))
    .ip("122.122.122.1")
    .merchant_hosted();
    let created = shop.client.create_transaction(&order).unwrap();
    assert_eq!(
        created.host_url,
        format!("{}/v2/merchanthosted/gatewaydata", shop.sandbox.base_url())
    );

    let data = shop.client.gateway_data(&created).unwrap();
    assert_eq!(
        (data.amount.as_str(), data.currency.as_str()),
        ("0.10", "NZD")
    );
    assert_eq!(data.amount_cny.as_deref(), Some("0.43"));
    let png = data.qr_code_png().unwrap();
    let info = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap()
        .info()
        .clone();
    assert!(
        info.width >= 21 * 6 && info.width == info.height,
        "{}x{}",
        info.width,
        info.height
    );
    assert!(data
        .qr_code_url
        .starts_with(&format!("{}/scan/", shop.sandbox.base_url())));
    assert_eq!(
        api_code(shop.client.gateway_data(&created)),
        207,
        "the nonce is single-use"
    );

    // The customer scans the code and pays on their phone while the POS waits.
    let (status, _, page) = get_page(&data.qr_code_url);
    assert!(status == 200 && page.contains("Flat white"), "{page}");
    let scan = data.qr_code_url.clone();
    let customer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        post_form(&scan, &[("action", "pay")])
    });
    let waited = Instant::now();
    let paid = shop.client.query(&reference, true).unwrap();
    assert_eq!(paid.status, Status::Paid);
    assert!(
        waited.elapsed() >= Duration::from_millis(250),
        "the blocking query waited for the payment"
    );
    assert_eq!(customer.join().unwrap().0, 200);
    let notified = eventually("the notification", || {
        shop.site.received().into_iter().next()
    });
    assert_eq!(notified.verified.unwrap().status, Status::Paid);
}

#[test]
fn barcode_outcomes_follow_the_pay_code() {
    let mut settings = fast_settings();
    // Long enough that the code ending in 9 is surely still pending when first queried.
    settings.barcode_pending = Duration::from_secs(3);
    settings.block_timeout = Duration::from_secs(20);
    let sandbox = latipay_sandbox::Sandbox::start(settings).unwrap();
    let client = client(sandbox.base_url());
    let pay = |code: &str| {
        let reference = reference("scan");
        let accepted = client
            .barcode(&Barcode::new(
                reference.clone(),
                Amount::parse("0.05").unwrap(),
                code,
            ))
            .unwrap();
        assert!(!accepted.order_id.is_empty());
        reference
    };
    let paid = client.query(&pay("134588558514585062"), true).unwrap();
    assert_eq!(
        (paid.status, paid.payment_method),
        (Status::Paid, PaymentMethod::Wechat)
    );
    let failed = client.query(&pay("284588558514585060"), true).unwrap();
    assert_eq!(
        (failed.status, failed.payment_method),
        (Status::Failed, PaymentMethod::Alipay)
    );

    let later = pay("284588558514585069");
    assert_eq!(client.query(&later, false).unwrap().status, Status::Pending);
    assert_eq!(
        client.query(&later, true).unwrap().status,
        Status::Paid,
        "the blocking query sees it turn paid"
    );
}

#[test]
fn a_blocking_query_gives_up_after_the_hold_time() {
    let shop = Shop::open(); // holds blocking queries for 2 s
    let reference = reference("hold");
    shop.create(&reference, "1.00", PaymentMethod::Alipay);
    let started = Instant::now();
    assert_eq!(
        shop.client.query(&reference, true).unwrap().status,
        Status::Pending
    );
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "held for {:?}",
        started.elapsed()
    );
}

#[test]
fn cancel_answers_by_the_orders_state() {
    let shop = Shop::open();
    let pending = reference("cancel");
    shop.create(&pending, "3.00", PaymentMethod::Alipay);
    shop.client.cancel(&pending).unwrap();
    shop.client.cancel(&pending).unwrap(); // cancelling twice is fine
    assert_eq!(
        shop.client.query(&pending, false).unwrap().status,
        Status::Canceled
    );
    let notified = eventually("the canceled notification", || {
        shop.site.received().into_iter().next()
    });
    assert_eq!(notified.verified.unwrap().status, Status::Canceled);

    let failed = reference("cancel-failed");
    shop.create(&failed, "3.00", PaymentMethod::Alipay);
    assert_eq!(control(shop.sandbox.base_url(), &failed, "fail").0, 200);
    assert_eq!(api_code(shop.client.cancel(&failed)), 901);
    assert_eq!(api_code(shop.client.cancel("never-created")), 201);
}

#[test]
fn documented_errors() {
    let sandbox = sandbox();
    let site = MerchantSite::start(vec![]);
    let base = sandbox.base_url();
    let client = client(base);
    let order = |reference: &str, amount: &str| {
        hosted_order(reference, amount, PaymentMethod::Alipay, &site.base_url)
    };

    // 206: signed with another key.
    let wrong_key = client_with_key(base, "not-the-key");
    assert_eq!(
        api_code(wrong_key.create_transaction(&order(&reference("sig"), "1.00"))),
        206
    );
    assert_eq!(api_code(wrong_key.query("anything", false)), 206);
    // 205: a user Latipay does not know.
    let stranger = client_for(base, "U999", WALLET_ID, API_KEY);
    assert_eq!(
        api_code(stranger.create_transaction(&order(&reference("who"), "1.00"))),
        205
    );
    assert_eq!(
        api_code(stranger.cancel("x")),
        110,
        "cancel names an unknown user 110"
    );
    // 450: a wallet that is not the user's.
    let other_wallet = client_for(base, USER_ID, "W999", API_KEY);
    assert_eq!(
        api_code(other_wallet.create_transaction(&order(&reference("wallet"), "1.00"))),
        450
    );
    // 454: over the single-payment limit.
    assert_eq!(
        api_code(client.create_transaction(&order(&reference("big"), "50000.01"))),
        454
    );
    client
        .create_transaction(&order(&reference("limit"), "50000.00"))
        .unwrap();
    // 207: a merchant_reference used before.
    let reused = reference("reused");
    client.create_transaction(&order(&reused, "1.00")).unwrap();
    let again = client.create_transaction(&order(&reused, "1.00"));
    assert!(
        matches!(&again, Err(Error::Api { code: 207, message }) if message.contains("already used")),
        "{again:?}"
    );
    // 201 / 551: unknown orders.
    assert_eq!(api_code(client.query("never-created", false)), 201);
    let refund = Refund::new("no-such-order", Amount::parse("1.00").unwrap());
    assert_eq!(api_code(client.refund(&refund)), 551);
    // 550: refunding an order that is not paid.
    let unpaid = reference("unpaid");
    client.create_transaction(&order(&unpaid, "1.00")).unwrap();
    let order_id = client.query(&unpaid, false).unwrap().order_id.unwrap();
    assert_eq!(
        api_code(client.refund(&Refund::new(order_id, Amount::parse("1.00").unwrap()))),
        550
    );
    // 303: a pay_code from neither app.
    let barcode = Barcode::new(
        reference("code"),
        Amount::parse("1.00").unwrap(),
        "994588558514585062",
    );
    assert_eq!(api_code(client.barcode(&barcode)), 303);
}

#[test]
fn polipay_comes_back_as_online_bank_in_the_redirect_and_query() {
    let shop = Shop::open();
    let reference = reference("poli");
    let created = shop.create(&reference, "42.00", PaymentMethod::Polipay);
    let redirect =
        verify_redirect(&customer_presses(&created.payment_url, "pay"), API_KEY).unwrap();
    assert_eq!(redirect.payment_method, PaymentMethod::OnlineBank);
    assert_eq!(
        shop.client.query(&reference, false).unwrap().payment_method,
        PaymentMethod::OnlineBank
    );
    let notified = eventually("the notification", || {
        shop.site.received().into_iter().next()
    });
    assert_eq!(
        notified.verified.unwrap().payment_method,
        PaymentMethod::Polipay
    );
}

#[test]
fn merchants_are_kept_apart() {
    let mut settings = fast_settings();
    settings.merchants = vec![
        latipay_sandbox::Merchant::parse("U1:W1:key-one:NZD").unwrap(),
        latipay_sandbox::Merchant::parse("U2:W2:key-two:AUD").unwrap(),
    ];
    let sandbox = latipay_sandbox::Sandbox::start(settings).unwrap();
    let site = MerchantSite::start(vec![]);
    let one = client_for(sandbox.base_url(), "U1", "W1", "key-one");
    let two = client_for(sandbox.base_url(), "U2", "W2", "key-two");
    let order = hosted_order("shared-ref", "1.00", PaymentMethod::Alipay, &site.base_url);
    one.create_transaction(&order).unwrap();
    two.create_transaction(&order).unwrap();
    assert_eq!(two.query("shared-ref", false).unwrap().currency, "AUD");
    assert_eq!(
        api_code(client_for(sandbox.base_url(), "U1", "W1", "key-two").query("shared-ref", false)),
        206
    );
    assert_eq!(
        api_code(client(sandbox.base_url()).query("shared-ref", false)),
        205,
        "the demo merchant is off"
    );
}

#[test]
fn the_order_view_counts_the_blocking_queries_held_on_it() {
    let shop = Shop::open(); // holds blocking queries for 2 s
    let reference = reference("waiting");
    shop.create(&reference, "1.00", PaymentMethod::Alipay);
    let url = format!("{}/_sandbox/orders/{reference}", shop.sandbox.base_url());
    let waiting = || {
        let (status, _, body) = get_page(&url);
        assert_eq!(status, 200, "{body}");
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["waiting_queries"].as_u64()
    };
    assert_eq!(waiting(), Some(0));
    let client = support::client(shop.sandbox.base_url());
    let held = reference.clone();
    let query = std::thread::spawn(move || client.query(&held, true));
    eventually("the blocking query is held", || {
        (waiting() == Some(1)).then_some(())
    });
    assert_eq!(control(shop.sandbox.base_url(), &reference, "pay").0, 200);
    assert_eq!(query.join().unwrap().unwrap().status, Status::Paid);
    assert_eq!(waiting(), Some(0));
}
