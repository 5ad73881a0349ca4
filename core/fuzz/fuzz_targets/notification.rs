//! Any body POSTed to a merchant's callback: never a panic, only a Payment or
//! a typed error. A Payment, written back as a body and signed again, reads
//! back as the same Payment: decoding loses and invents nothing.
#![no_main]

use latipay::signature::OutcomeFields;
use latipay::Payment;
use libfuzzer_sys::fuzz_target;
use url::form_urlencoded::Serializer;

/// The key the seeds are signed with, so mutations of unsigned fields verify
/// and reach the code past the signature check.
const KEY: &str = "111222333";

fuzz_target!(|body: &[u8]| {
    match latipay::verify_notification(body, KEY) {
        Ok(payment) => {
            let again = latipay::verify_notification(written_back(&payment).as_bytes(), KEY);
            assert_eq!(again.as_ref(), Ok(&payment));
        }
        Err(error) => assert!(!error.code().is_empty()),
    }
});

/// The body Latipay would send for `payment`, signed under `KEY`.
fn written_back(payment: &Payment) -> String {
    let signed = OutcomeFields {
        merchant_reference: &payment.merchant_reference,
        payment_method: payment.payment_method.as_str(),
        status: payment.status.as_str(),
        currency: &payment.currency,
        amount: &payment.amount,
    };
    let mut body = Serializer::new(String::new());
    body.append_pair("merchant_reference", signed.merchant_reference)
        .append_pair("payment_method", signed.payment_method)
        .append_pair("status", signed.status)
        .append_pair("currency", signed.currency)
        .append_pair("amount", signed.amount);
    if let Some(order_id) = &payment.order_id {
        body.append_pair("order_id", order_id);
    }
    if let Some(pay_time) = &payment.pay_time_raw {
        body.append_pair("pay_time", pay_time);
    }
    body.extend_pairs(&payment.extra);
    body.append_pair("signature", &signed.sign(KEY));
    body.finish()
}
