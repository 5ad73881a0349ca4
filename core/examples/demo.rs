//! `make demo` (until the sandbox lands): builds a signed create request and
//! verifies the documented notification and redirect, offline, no credentials.

use latipay::{
    verify_notification, verify_redirect, Amount, ApiKey, CreateTransaction, Credentials,
    PaymentMethod, Status, NOTIFICATION_ACK,
};

/// The api_key of every example in Latipay's documentation.
const DOC_KEY: &str = "111222333";

fn main() -> Result<(), latipay::Error> {
    let credentials = Credentials::new("U000334333", "W00000001", ApiKey::new(DOC_KEY)?)?;
    println!("merchant  {credentials:?}\n");

    println!("1. A signed create-transaction request (Latipay-hosted, Alipay)");
    let order = CreateTransaction::new(
        "dsi39ej430sks03",
        Amount::parse("120.00")?,
        PaymentMethod::Alipay,
        "Pinot Noir, Otago",
    )
    .return_url("https://merchantsite.com/checkout")
    .callback_url("https://merchantsite.com/confirm")
    .ip("122.122.122.1");
    let request = order.signed(&credentials)?;
    println!("   {} {}", request.method.as_str(), request.path_and_query);
    println!("   {}\n", request.body.as_deref().unwrap_or_default());

    println!("2. Bad input is refused before anything is signed");
    for text in ["120.5", "1e3", "-1", "1.234"] {
        match Amount::parse(text) {
            Ok(a) => println!("   {text:>6} -> ok, {} cents", a.minor_units()),
            Err(e) => println!("   {text:>6} -> {} : {e}", e.code()),
        }
    }
    println!();

    println!("3. The documented notification, verified from its raw body");
    let body =
        b"merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay\
&status=paid&pay_time=2017-07-07%2010%3A53%3A50\
&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
    let n = verify_notification(body, DOC_KEY)?;
    let paid_at = n.pay_time.map(|t| t.to_rfc3339()).unwrap_or_default();
    println!(
        "   {} {} {} {} via {}, paid at {paid_at}",
        n.merchant_reference, n.status, n.amount, n.currency, n.payment_method
    );
    println!(
        "   amount matches the order: {}",
        n.amount_matches(&order.amount)
    );
    println!(
        "   pending -> {}: {}",
        n.status,
        Status::Pending.transition_to(&n.status)
    );
    println!(
        "   paid -> pending (a late retry): {}",
        Status::Paid.transition_to(&Status::Pending)
    );
    println!("   answer HTTP 200 with body {NOTIFICATION_ACK:?}\n");

    println!("4. The same notification with its amount rewritten as 120.0");
    let tampered = String::from_utf8_lossy(body).replace("amount=120.00", "amount=120.0");
    match verify_notification(tampered.as_bytes(), DOC_KEY) {
        Ok(_) => println!("   accepted (this would be a bug)"),
        Err(e) => println!("   refused: {} ({e})\n", e.code()),
    }

    println!("5. A redirect (display only) with the corrected signature, and the public example's");
    let ok = "https://merchantsite.com/checkout?merchant_reference=dsi39ej430sks03&payment_method=alipay\
&status=paid&currency=NZD&amount=100.00&signature=af44a20896aa5c9e28f816eedc71043c1e17929444c988844830ae4ea8ecb622";
    let r = verify_redirect(ok, DOC_KEY)?;
    println!(
        "   verified: {} {} {}",
        r.merchant_reference, r.status, r.amount
    );
    let public = ok.replace(
        "af44a20896aa5c9e28f816eedc71043c1e17929444c988844830ae4ea8ecb622",
        "14d5b06a2a5a2ec509a148277ed4cbeb3c43301b239f080a3467ff0aba4070e3",
    );
    let err =
        verify_redirect(&public, DOC_KEY).expect_err("the public placeholder matches nothing");
    println!("   public example: {}", err.code());
    Ok(())
}
