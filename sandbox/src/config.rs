//! Who the sandbox serves (merchants) and how it behaves (timings).

use std::time::Duration;

use latipay::ApiKey;

/// A merchant account the sandbox knows: what Latipay would have issued.
/// `Debug` shows the api_key as `[REDACTED]`.
#[derive(Debug, Clone)]
pub struct Merchant {
    /// The `user_id` (e.g. `U000334333`).
    pub user_id: String,
    /// The merchant's one wallet (`wallet_id`); its currency is the payment currency.
    pub wallet_id: String,
    /// The api_key both sides sign with.
    pub api_key: ApiKey,
    /// The wallet's currency, e.g. `NZD`.
    pub currency: String,
}

/// The demo merchant used when none is configured. Documented in the README so
/// that any client, in any language, can point at a bare sandbox.
pub const DEMO_MERCHANT: &str = "U000334333:W00000001:111222333:NZD";

/// The single-payment limit every sandbox merchant has (code 454 above it).
pub const SINGLE_PAYMENT_LIMIT: &str = "50000.00";

impl Merchant {
    /// Parses `USER_ID:WALLET_ID:API_KEY[:CURRENCY]` (currency defaults to NZD).
    pub fn parse(spec: &str) -> Result<Self, String> {
        let parts: Vec<&str> = spec.trim().split(':').collect();
        let (user_id, wallet_id, key, currency) = match parts.as_slice() {
            [u, w, k] => (*u, *w, *k, "NZD"),
            [u, w, k, c] => (*u, *w, *k, *c),
            _ => {
                return Err(
                    "a merchant is USER_ID:WALLET_ID:API_KEY[:CURRENCY], e.g. U000334333:W00000001:111222333:NZD"
                        .into(),
                )
            }
        };
        let allowed = |v: &str| {
            !v.is_empty()
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        };
        let word = |what: &str, v: &str| {
            if allowed(v) {
                Ok(v.to_owned())
            } else {
                Err(format!(
                    "the merchant's {what} must be letters, digits, '-' or '_' (got {v:?})"
                ))
            }
        };
        if !allowed(key) {
            // Never echo the key itself.
            return Err(
                "the merchant's api_key must be letters, digits, '-' or '_' (it is not shown)"
                    .into(),
            );
        }
        let currency = word("currency", currency)?;
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!(
                "the currency must be three capital letters like NZD (got {currency:?})"
            ));
        }
        Ok(Merchant {
            user_id: word("user_id", user_id)?,
            wallet_id: word("wallet_id", wallet_id)?,
            api_key: ApiKey::new(key).map_err(|e| e.to_string())?,
            currency,
        })
    }

    /// The merchant behind [`DEMO_MERCHANT`].
    pub fn demo() -> Self {
        Merchant::parse(DEMO_MERCHANT).expect("the demo merchant is valid")
    }
}

/// Everything that shapes a sandbox's behaviour.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The merchants it accepts; [`Merchant::demo`] when empty.
    pub merchants: Vec<Merchant>,
    /// Pause between notification attempts (Latipay: about 30 s).
    pub notify_interval: Duration,
    /// How long one notification attempt waits for the merchant's answer.
    pub notify_timeout: Duration,
    /// The longest a blocking query (`is_block=1`) is held (Latipay: 180 s).
    pub block_timeout: Duration,
    /// How long a payment nonce stays usable.
    pub nonce_ttl: Duration,
    /// How long a barcode payment whose pay_code ends in 9 stays pending.
    pub barcode_pending: Duration,
    /// Refuse (207) request fields sent as JSON numbers or booleans, as the
    /// documentation's strings-only fields would have it. Off by default: real
    /// integrations send `"present_qr": 1` or `"amount": 12.5`, so they are
    /// accepted, signed by their JSON text, and recorded as warnings.
    pub strict: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            merchants: Vec::new(),
            notify_interval: Duration::from_secs(30),
            notify_timeout: Duration::from_secs(10),
            block_timeout: latipay::LONG_POLL_HOLD,
            nonce_ttl: Duration::from_secs(15 * 60),
            barcode_pending: Duration::from_secs(3),
            strict: false,
        }
    }
}

impl Settings {
    /// Refuses settings the sandbox cannot serve: two merchants with one `user_id`.
    pub fn check(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        match self
            .merchants
            .iter()
            .find(|m| !seen.insert(m.user_id.as_str()))
        {
            Some(twice) => Err(format!(
                "two merchants have the user_id {:?}",
                twice.user_id
            )),
            None => Ok(()),
        }
    }

    /// The merchants to serve: the configured ones, or the demo merchant.
    pub(crate) fn effective_merchants(&self) -> Vec<Merchant> {
        if self.merchants.is_empty() {
            vec![Merchant::demo()]
        } else {
            self.merchants.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_merchant_with_and_without_currency() {
        let m = Merchant::parse("U1:W1:key:AUD").unwrap();
        assert_eq!(
            (
                m.user_id.as_str(),
                m.wallet_id.as_str(),
                m.currency.as_str()
            ),
            ("U1", "W1", "AUD")
        );
        assert_eq!(m.api_key.expose(), "key");
        assert_eq!(Merchant::parse("U1:W1:key").unwrap().currency, "NZD");
    }

    #[test]
    fn refuses_bad_merchant_specs() {
        for bad in [
            "",
            "U1:W1",
            "U1:W1:key:nzd",
            "U1::key",
            "U1:W 1:key",
            "a:b:c:NZD:x",
        ] {
            assert!(Merchant::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn debug_and_errors_never_show_the_key() {
        let shown = format!("{:?}", Merchant::parse("U1:W1:supersecret").unwrap());
        assert!(!shown.contains("supersecret"), "{shown}");
        let refused = Merchant::parse("U1:W1:super$ecret").unwrap_err();
        assert!(!refused.contains("ecret"), "{refused}");
    }

    #[test]
    fn refuses_two_merchants_with_one_user_id() {
        let mut settings = Settings {
            merchants: vec![
                Merchant::parse("U1:W1:a").unwrap(),
                Merchant::parse("U2:W2:b").unwrap(),
            ],
            ..Settings::default()
        };
        assert!(settings.check().is_ok());
        settings.merchants.push(Merchant::parse("U1:W3:c").unwrap());
        assert!(settings.check().unwrap_err().contains("\"U1\""));
    }
}
