//! `POST /v2/transaction`: Latipay-hosted online, or merchant-hosted offline.

use super::{signed_post, SignedRequest};
use crate::amount::Amount;
use crate::credentials::Credentials;
use crate::error::{scrubbed, Error, Result};
use crate::payment_method::PaymentMethod;
use crate::validate;

/// The API version every create request declares.
pub const API_VERSION: &str = "2.0";

/// A new transaction.
///
/// * **Latipay-hosted online** (default): the customer is sent to the returned
///   payment page and comes back to `return_url` (required).
/// * **Merchant-hosted offline** (`merchant_hosted: true`, in-store QR code,
///   `alipay` or `wechat` only): the point of sale fetches gateway data and
///   shows its QR code; `return_url` may be left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateTransaction {
    /// The merchant's unique order id (1–64 of `A-Z a-z 0-9 - _ .`).
    pub merchant_reference: String,
    /// The amount, in the wallet's currency.
    pub amount: Amount,
    /// How the customer will pay.
    pub payment_method: PaymentMethod,
    /// What is sold, shown to the customer (1–255 characters).
    pub product_name: String,
    /// Where Latipay POSTs notifications (http or https).
    pub callback_url: String,
    /// Where the customer lands after paying; required unless merchant-hosted.
    pub return_url: Option<String>,
    /// A "back to the shop" link on Latipay's page.
    pub back_page_url: Option<String>,
    /// The customer's IPv4 address.
    pub ip: String,
    /// WeChat only: show a QR code on the hosted page (`present_qr=1`), for PC
    /// browsers and in-store screens.
    pub present_qr: bool,
    /// Merchant-hosted offline (`host_type=1`).
    pub merchant_hosted: bool,
}

impl CreateTransaction {
    /// A Latipay-hosted online payment; set `callback_url`, `return_url` and
    /// `ip` with the named setters below before signing.
    ///
    /// ```
    /// use latipay::{Amount, CreateTransaction, PaymentMethod};
    /// let order = CreateTransaction::new("order-1001", Amount::parse("120.00")?, PaymentMethod::Alipay, "Pinot Noir")
    ///     .callback_url("https://shop.example/latipay")
    ///     .return_url("https://shop.example/checkout")
    ///     .ip("122.122.122.1");
    /// # Ok::<(), latipay::Error>(())
    /// ```
    pub fn new(
        merchant_reference: impl Into<String>,
        amount: Amount,
        payment_method: PaymentMethod,
        product_name: impl Into<String>,
    ) -> Self {
        CreateTransaction {
            merchant_reference: merchant_reference.into(),
            amount,
            payment_method,
            product_name: product_name.into(),
            callback_url: String::new(),
            return_url: None,
            back_page_url: None,
            ip: String::new(),
            present_qr: false,
            merchant_hosted: false,
        }
    }

    /// Sets where Latipay POSTs notifications.
    pub fn callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_url = url.into();
        self
    }

    /// Sets where the customer lands after paying.
    pub fn return_url(mut self, url: impl Into<String>) -> Self {
        self.return_url = Some(url.into());
        self
    }

    /// Sets the "back to the shop" link on Latipay's page.
    pub fn back_page_url(mut self, url: impl Into<String>) -> Self {
        self.back_page_url = Some(url.into());
        self
    }

    /// Sets the customer's IPv4 address.
    pub fn ip(mut self, ip: impl Into<String>) -> Self {
        self.ip = ip.into();
        self
    }

    /// WeChat only: show a QR code on Latipay's page.
    pub fn present_qr(mut self) -> Self {
        self.present_qr = true;
        self
    }

    /// Makes this a merchant-hosted offline (in-store QR) payment.
    pub fn merchant_hosted(mut self) -> Self {
        self.merchant_hosted = true;
        self
    }

    /// Validates every field and signs the request.
    pub fn signed(&self, credentials: &Credentials) -> Result<SignedRequest> {
        // Caller input is quoted in errors: a key pasted into a field is not shown.
        scrubbed(credentials.api_key().expose(), || {
            self.validate()?;
            let fields = [
                ("user_id", Some(credentials.user_id())),
                ("wallet_id", Some(credentials.wallet_id())),
                ("payment_method", Some(self.payment_method.as_str())),
                ("amount", Some(self.amount.as_str())),
                ("return_url", self.return_url.as_deref()),
                ("callback_url", Some(self.callback_url.as_str())),
                ("backPage_url", self.back_page_url.as_deref()),
                ("merchant_reference", Some(self.merchant_reference.as_str())),
                ("ip", Some(self.ip.as_str())),
                ("version", Some(API_VERSION)),
                ("product_name", Some(self.product_name.as_str())),
                ("present_qr", self.present_qr.then_some("1")),
                ("host_type", self.merchant_hosted.then_some("1")),
            ];
            signed_post("/v2/transaction", &fields, credentials)
        })
    }

    fn validate(&self) -> Result<()> {
        validate::merchant_reference(&self.merchant_reference)?;
        let method = PaymentMethod::parse(self.payment_method.as_str())?;
        validate::text("product_name", &self.product_name)?;
        validate::http_url("callback_url", &self.callback_url)?;
        match self.return_url.as_deref() {
            Some(url) if !url.is_empty() => validate::http_url("return_url", url)?,
            _ if !self.merchant_hosted => {
                return Err(Error::invalid(
                    "return_url",
                    "is required for a Latipay-hosted payment",
                ));
            }
            _ => {}
        }
        if let Some(url) = self.back_page_url.as_deref().filter(|u| !u.is_empty()) {
            validate::http_url("backPage_url", url)?;
        }
        validate::ipv4("ip", &self.ip)?;
        if self.present_qr && (method != PaymentMethod::Wechat || self.merchant_hosted) {
            return Err(Error::invalid(
                "present_qr",
                "applies only to Latipay-hosted wechat payments",
            ));
        }
        if self.merchant_hosted
            && method != PaymentMethod::Alipay
            && method != PaymentMethod::Wechat
        {
            return Err(Error::invalid(
                "payment_method",
                format!(
                    "merchant-hosted payments support alipay and wechat only (got {:?})",
                    method.as_str()
                ),
            ));
        }
        Ok(())
    }
}
