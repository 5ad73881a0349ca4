//! `POST /barcode`: the merchant scanned the customer's payment code. The
//! outcome follows the pay_code (see [`BarcodeOutcome`]); the merchant reads
//! it with the query.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use latipay::PaymentMethod;
use serde_json::json;

use super::params::Params;
use super::reply::{code, success, Answer, Refusal};
use crate::app::App;
use crate::order::{Action, Channel, Order};

/// What the sandbox does with a barcode payment, by the pay_code's last digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarcodeOutcome {
    /// Any other last digit: paid at once.
    Paid,
    /// Last digit 0: the payment fails at once.
    Failed,
    /// Last digit 9: pending for the `barcode_pending` time, then paid.
    PaidLater,
}

impl BarcodeOutcome {
    /// The outcome for a (valid) pay_code.
    pub fn of(pay_code: &str) -> Self {
        match pay_code.bytes().last() {
            Some(b'0') => BarcodeOutcome::Failed,
            Some(b'9') => BarcodeOutcome::PaidLater,
            _ => BarcodeOutcome::Paid,
        }
    }
}

/// `POST /barcode`: checks the request as create does, then settles the new
/// order by its pay_code.
pub(crate) async fn barcode(State(app): State<Arc<App>>, body: Bytes) -> Answer {
    let params = Params::from_json(&app, "POST /barcode", &body)?;
    params.require(&[
        "user_id",
        "wallet_id",
        "amount",
        "merchant_reference",
        "pay_code",
        "signature",
    ])?;
    let merchant = params.merchant(&app, code::NO_KEY)?;
    params.verify(&app, merchant)?;
    params.check_wallet(merchant)?;
    let amount = params.payment_amount()?;
    let pay_code = params.value("pay_code");
    let method = wallet_app(pay_code)?;

    let order = Order::new(
        merchant,
        params.value("merchant_reference"),
        app.new_order_id(),
        method,
        amount,
        Channel::Barcode,
    );
    let (key, order_id) = (order.key(), order.order_id.clone());
    app.add_order(order, None)
        .map_err(|existing| params.reference_in_use(&existing))?;
    match BarcodeOutcome::of(pay_code) {
        BarcodeOutcome::Paid => drop(app.settle(&key, Action::Pay)),
        BarcodeOutcome::Failed => drop(app.settle(&key, Action::Fail)),
        BarcodeOutcome::PaidLater => {
            let (later, order_id) = (Arc::clone(&app), order_id.clone());
            let timer = tokio::spawn(async move {
                tokio::time::sleep(later.settings.barcode_pending).await;
                // Cancelled meanwhile, or the sandbox reset: nothing to do.
                drop(later.settle_order_id(&order_id, Action::Pay));
            });
            app.ledger().track(timer.abort_handle());
        }
    }
    Ok(success(json!({ "order_id": order_id })))
}

/// Which app made the code: WeChat codes start 10–15, Alipay codes 25–30.
fn wallet_app(pay_code: &str) -> Result<PaymentMethod, Refusal> {
    if !(10..=32).contains(&pay_code.len()) || !pay_code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Refusal::new(
            code::BAD_PARAMETER,
            format!(
                "pay_code must be the 10-32 digit code from the customer's app (got {pay_code:?})"
            ),
        ));
    }
    match &pay_code[..2] {
        "10" | "11" | "12" | "13" | "14" | "15" => Ok(PaymentMethod::Wechat),
        "25" | "26" | "27" | "28" | "29" | "30" => Ok(PaymentMethod::Alipay),
        prefix => Err(Refusal::new(
            code::WRONG_PAYMENT_TYPE,
            format!("pay_code starts {prefix:?}: WeChat codes start 10-15 and Alipay codes 25-30"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_digit_decides_the_outcome() {
        assert_eq!(
            BarcodeOutcome::of("134588558514585062"),
            BarcodeOutcome::Paid
        );
        assert_eq!(
            BarcodeOutcome::of("134588558514585060"),
            BarcodeOutcome::Failed
        );
        assert_eq!(
            BarcodeOutcome::of("284588558514585069"),
            BarcodeOutcome::PaidLater
        );
    }

    #[test]
    fn the_prefix_names_the_app() {
        assert_eq!(
            wallet_app("134588558514585062").unwrap(),
            PaymentMethod::Wechat
        );
        assert_eq!(
            wallet_app("284588558514585062").unwrap(),
            PaymentMethod::Alipay
        );
        assert_eq!(
            wallet_app("994588558514585062").unwrap_err().code,
            code::WRONG_PAYMENT_TYPE
        );
        assert_eq!(wallet_app("12345").unwrap_err().code, code::BAD_PARAMETER);
        assert_eq!(
            wallet_app("13458855851458506x").unwrap_err().code,
            code::BAD_PARAMETER
        );
    }
}
