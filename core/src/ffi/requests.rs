//! Requests from plain text, as every binding receives them, validated into
//! the core's request types. A binding's caller may paste the api_key into
//! the wrong field: every error here is scrubbed of it.

use std::fmt;
use std::time::Duration;

use crate::amount::Amount;
use crate::client::{Config, Environment, TrustStore};
use crate::error::Result;
use crate::payment_method::PaymentMethod;
use crate::request::{Barcode, CreateTransaction, Refund};
use crate::secret::ApiKey;

use super::fields::view;

/// A client's configuration as a binding's options give it; `None` keeps
/// the core's default. Its `Debug` output hides the api_key and the proxy.
#[derive(Clone)]
pub struct ClientOptions {
    /// The Latipay user account.
    pub user_id: String,
    /// The wallet payments go to.
    pub wallet_id: String,
    /// The merchant's api_key.
    pub api_key: ApiKey,
    /// `production`, `staging` or a base URL (not with `base_url`).
    pub environment: Option<String>,
    /// A base URL (not with `environment`).
    pub base_url: Option<String>,
    /// The limit on a whole call.
    pub timeout: Option<Duration>,
    /// The limit on connecting.
    pub connect_timeout: Option<Duration>,
    /// The limit on a blocking query.
    pub block_timeout: Option<Duration>,
    /// Retries of a failed `GET`.
    pub max_retries: Option<u32>,
    /// The `User-Agent`.
    pub user_agent: Option<String>,
    /// An `http://` or `https://` proxy for every request (else the environment's).
    pub proxy: Option<String>,
    /// More certificate authorities to trust, as PEM text.
    pub ca_certificates: Option<String>,
    /// `bundled` (the default) or `system`.
    pub trust_store: Option<String>,
}

impl fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientOptions")
            .field("user_id", &self.user_id)
            .field("wallet_id", &self.wallet_id)
            .field("api_key", &self.api_key)
            .field("environment", &self.environment)
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl ClientOptions {
    /// The core's configuration; `default_user_agent` names the binding
    /// (`latipay-python/0.1.0`) when no user agent is given.
    pub fn into_config(self, default_user_agent: &str) -> Result<Config> {
        let environment = Environment::from_options(
            self.environment.as_deref(),
            self.base_url.as_deref(),
            &self.api_key,
        )?;
        let mut config = Config::new(self.user_id, self.wallet_id, self.api_key, environment);
        config.user_agent = self
            .user_agent
            .unwrap_or_else(|| default_user_agent.to_owned());
        config.timeout = self.timeout.unwrap_or(config.timeout);
        config.connect_timeout = self.connect_timeout.unwrap_or(config.connect_timeout);
        config.block_timeout = self.block_timeout.unwrap_or(config.block_timeout);
        config.max_retries = self.max_retries.unwrap_or(config.max_retries);
        config.proxy = self.proxy;
        config.ca_certificates = self.ca_certificates;
        if let Some(store) = self.trust_store {
            config.trust_store =
                TrustStore::parse(&store).map_err(|e| e.redact(&config.api_key))?;
        }
        Ok(config)
    }
}

crate::with_create_transaction_fields!(view {
    /// A transaction to create, as text.
    #[derive(Debug, Clone, Default)]
    CreateTransactionText {}
});

impl CreateTransactionText {
    /// The core's request, amount and method parsed (the rest is checked
    /// when it is signed); `api_key` is scrubbed from any error.
    pub fn into_request(self, api_key: &ApiKey) -> Result<CreateTransaction> {
        let parsed = Amount::parse_field(&self.amount, "amount")
            .and_then(|amount| Ok((amount, PaymentMethod::parse(&self.payment_method)?)));
        let (amount, payment_method) = parsed.map_err(|e| e.redact(api_key))?;
        Ok(CreateTransaction {
            merchant_reference: self.merchant_reference,
            amount,
            payment_method,
            product_name: self.product_name,
            callback_url: self.callback_url,
            ip: self.ip,
            return_url: self.return_url,
            back_page_url: self.back_page_url,
            present_qr: self.present_qr,
            merchant_hosted: self.merchant_hosted,
        })
    }
}

crate::with_refund_fields!(view {
    /// A refund, as text.
    #[derive(Debug, Clone, Default)]
    RefundText {}
});

impl RefundText {
    /// The core's request; `api_key` is scrubbed from any error.
    pub fn into_request(self, api_key: &ApiKey) -> Result<Refund> {
        Ok(Refund {
            order_id: self.order_id,
            refund_amount: Amount::parse_field(&self.refund_amount, "refund_amount")
                .map_err(|e| e.redact(api_key))?,
            reference: self.reference,
        })
    }
}

crate::with_barcode_fields!(view {
    /// A barcode payment, as text.
    #[derive(Debug, Clone, Default)]
    BarcodeText {}
});

impl BarcodeText {
    /// The core's request; `api_key` is scrubbed from any error.
    pub fn into_request(self, api_key: &ApiKey) -> Result<Barcode> {
        let amount = Amount::parse_field(&self.amount, "amount").map_err(|e| e.redact(api_key))?;
        Ok(Barcode::new(self.merchant_reference, amount, self.pay_code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_pasted_into_a_field_is_never_quoted_back() {
        let key = ApiKey::new("k3y-s3cret-value").unwrap();
        let create = CreateTransactionText {
            amount: "12.30".into(),
            payment_method: "k3y-s3cret-value".into(),
            ..Default::default()
        };
        let refund = RefundText {
            refund_amount: "k3y-s3cret-value".into(),
            ..Default::default()
        };
        let barcode = BarcodeText {
            amount: "k3y-s3cret-value".into(),
            ..Default::default()
        };
        for error in [
            create.into_request(&key).unwrap_err(),
            refund.into_request(&key).unwrap_err(),
            barcode.into_request(&key).unwrap_err(),
        ] {
            assert_eq!(error.code(), "invalid_argument");
            assert!(!error.to_string().contains("s3cret"), "{error}");
        }
        assert_eq!(
            crate::secret::shown_name("x-k3y-s3cret-value", key.expose()),
            "x-[REDACTED]"
        );
        assert_eq!(crate::secret::shown_name("amount", key.expose()), "amount");
    }

    #[test]
    fn options_fill_in_the_defaults() {
        let options = ClientOptions {
            user_id: "U1".into(),
            wallet_id: "W1".into(),
            api_key: ApiKey::new("k").unwrap(),
            environment: None,
            base_url: Some("http://127.0.0.1:1".into()),
            timeout: Some(Duration::from_secs(3)),
            connect_timeout: None,
            block_timeout: None,
            max_retries: Some(0),
            user_agent: None,
            proxy: Some("http://proxy.corp:3128".into()),
            ca_certificates: None,
            trust_store: Some("system".into()),
        };
        let config = options.clone().into_config("latipay-test/1").unwrap();
        assert_eq!(config.proxy.as_deref(), Some("http://proxy.corp:3128"));
        assert_eq!(config.trust_store, TrustStore::System);
        let unknown = ClientOptions {
            trust_store: Some("keychain".into()),
            ..options
        };
        let error = unknown.clone().into_config("latipay-test/1").unwrap_err();
        assert!(error.to_string().contains("trust_store"), "{error}");
        let pasted_key = ClientOptions {
            api_key: ApiKey::new("k3y-s3cret-value").unwrap(),
            trust_store: Some("k3y-s3cret-value".into()),
            ..unknown
        };
        let error = pasted_key.into_config("latipay-test/1").unwrap_err();
        assert!(!error.to_string().contains("s3cret"), "{error}");
        assert_eq!(config.timeout, Duration::from_secs(3));
        assert_eq!(config.connect_timeout, Duration::from_secs(10));
        assert_eq!(
            (config.max_retries, config.user_agent.as_str()),
            (0, "latipay-test/1")
        );
    }
}
