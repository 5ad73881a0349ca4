//! One transaction as the sandbox keeps it, and what a customer can do to it.

use latipay::signature::OutcomeFields;
use latipay::{Amount, PaymentMethod, Status};
use tokio::sync::watch;

use crate::app::OrderKey;
use crate::clock;
use crate::config::Merchant;

/// How the order was created, which decides how the customer pays it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Channel {
    /// `POST /v2/transaction`: the customer pays on the hosted page.
    Hosted,
    /// `POST /v2/transaction` with `host_type=1`: the merchant shows the QR code.
    MerchantHosted,
    /// `POST /barcode`: the merchant scanned the customer's payment code.
    Barcode,
}

impl Channel {
    /// The name shown in the control API.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Channel::Hosted => "hosted",
            Channel::MerchantHosted => "merchant_hosted",
            Channel::Barcode => "barcode",
        }
    }
}

/// What the customer (or the sandbox acting for one) does to a pending order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Pays: `paid`.
    Pay,
    /// The payment fails: `failed`.
    Fail,
    /// The customer or merchant cancels: `canceled`.
    Cancel,
}

impl Action {
    /// Reads `pay`, `fail` or `cancel`.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "pay" => Some(Action::Pay),
            "fail" => Some(Action::Fail),
            "cancel" => Some(Action::Cancel),
            _ => None,
        }
    }

    /// The status the order ends in.
    pub(crate) fn outcome(self) -> Status {
        match self {
            Action::Pay => Status::Paid,
            Action::Fail => Status::Failed,
            Action::Cancel => Status::Canceled,
        }
    }
}

/// A transaction.
#[derive(Debug)]
pub(crate) struct Order {
    pub(crate) user_id: String,
    pub(crate) wallet_id: String,
    pub(crate) merchant_reference: String,
    pub(crate) order_id: String,
    pub(crate) payment_method: PaymentMethod,
    pub(crate) amount: Amount,
    pub(crate) currency: String,
    pub(crate) product_name: String,
    pub(crate) return_url: Option<String>,
    pub(crate) callback_url: Option<String>,
    pub(crate) back_page_url: Option<String>,
    pub(crate) present_qr: bool,
    pub(crate) channel: Channel,
    pub(crate) status: Status,
    /// When the status last changed, Beijing time `YYYY-MM-DD HH:MM:SS`.
    pub(crate) pay_time: String,
    /// Refunded so far, in minor units (cents).
    pub(crate) refunded: u64,
    /// Wakes blocking queries when the status changes.
    pub(crate) status_watch: watch::Sender<Status>,
}

impl Order {
    /// A new pending order for `merchant`, without any URLs yet.
    pub(crate) fn new(
        merchant: &Merchant,
        merchant_reference: &str,
        order_id: String,
        payment_method: PaymentMethod,
        amount: Amount,
        channel: Channel,
    ) -> Self {
        Order {
            user_id: merchant.user_id.clone(),
            wallet_id: merchant.wallet_id.clone(),
            merchant_reference: merchant_reference.to_owned(),
            order_id,
            payment_method,
            amount,
            currency: merchant.currency.clone(),
            product_name: String::new(),
            return_url: None,
            callback_url: None,
            back_page_url: None,
            present_qr: false,
            channel,
            status: Status::Pending,
            pay_time: clock::beijing_now(),
            refunded: 0,
            status_watch: watch::Sender::new(Status::Pending),
        }
    }

    /// The key it is stored under.
    pub(crate) fn key(&self) -> OrderKey {
        (self.user_id.clone(), self.merchant_reference.clone())
    }

    /// The payment method as the redirect and the query report it: Latipay
    /// reports a `polipay` payment as `onlineBank` there (a documented quirk).
    pub(crate) fn reported_method(&self) -> &str {
        match self.payment_method {
            PaymentMethod::Polipay => PaymentMethod::OnlineBank.as_str(),
            ref other => other.as_str(),
        }
    }

    /// Rule B (by the core's [`OutcomeFields`]) over what Latipay reports
    /// about this order, with the given method and status wire values.
    pub(crate) fn sign_outcome(&self, payment_method: &str, status: &str, api_key: &str) -> String {
        OutcomeFields {
            merchant_reference: &self.merchant_reference,
            payment_method,
            status,
            currency: &self.currency,
            amount: self.amount.as_str(),
        }
        .sign(api_key)
    }

    /// The amount in minor units that can still be refunded.
    pub(crate) fn refundable(&self) -> u64 {
        if self.status == Status::Paid {
            self.amount.minor_units().saturating_sub(self.refunded)
        } else {
            0
        }
    }
}
