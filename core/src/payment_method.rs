//! The documented payment methods, open to ones Latipay adds later.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::error::{quoted, Error, Result};

/// How the customer pays. The documented values have variants; a newer value
/// is carried as [`PaymentMethod::Other`] so it can still be sent or received.
/// Equality and hashing follow the wire value, so `Other("alipay") == Alipay`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum PaymentMethod {
    /// `alipay`
    Alipay,
    /// `wechat` (WeChat Pay)
    Wechat,
    /// `onlineBank` (Chinese online banking; also how `polipay` can come back)
    OnlineBank,
    /// `moneymore`
    Moneymore,
    /// `polipay` (New Zealand banks)
    Polipay,
    /// `payid` (Australia)
    Payid,
    /// `upi_upop` (UnionPay)
    UpiUpop,
    /// `coin_payments`
    CoinPayments,
    /// A value not documented yet, kept verbatim.
    Other(String),
}

/// Every documented method, in the order the documentation lists them.
const KNOWN: [PaymentMethod; 8] = [
    PaymentMethod::Alipay,
    PaymentMethod::Wechat,
    PaymentMethod::OnlineBank,
    PaymentMethod::Moneymore,
    PaymentMethod::Polipay,
    PaymentMethod::Payid,
    PaymentMethod::UpiUpop,
    PaymentMethod::CoinPayments,
];

impl PaymentMethod {
    /// The wire value, e.g. `"onlineBank"`.
    pub fn as_str(&self) -> &str {
        match self {
            PaymentMethod::Other(s) => s,
            PaymentMethod::Alipay => "alipay",
            PaymentMethod::Wechat => "wechat",
            PaymentMethod::OnlineBank => "onlineBank",
            PaymentMethod::Moneymore => "moneymore",
            PaymentMethod::Polipay => "polipay",
            PaymentMethod::Payid => "payid",
            PaymentMethod::UpiUpop => "upi_upop",
            PaymentMethod::CoinPayments => "coin_payments",
        }
    }

    /// Maps a wire value as received from Latipay, never failing: an unknown
    /// value becomes [`PaymentMethod::Other`].
    pub fn from_wire(text: &str) -> Self {
        KNOWN
            .iter()
            .find(|m| m.as_str() == text)
            .cloned()
            .unwrap_or_else(|| PaymentMethod::Other(text.to_owned()))
    }

    /// Parses a value given by the caller for a request. Documented values are
    /// exact (`onlineBank`); a newer one must be 1–32 of `[A-Za-z0-9_]` and must
    /// not be a mis-cased documented value (`Alipay` is refused with a hint).
    pub fn parse(text: &str) -> Result<Self> {
        let method = PaymentMethod::from_wire(text);
        if let PaymentMethod::Other(other) = &method {
            if let Some(known) = KNOWN
                .iter()
                .find(|m| m.as_str().eq_ignore_ascii_case(other))
            {
                return Err(Error::invalid(
                    "payment_method",
                    format!(
                        "unknown value {other:?}; did you mean {:?}?",
                        known.as_str()
                    ),
                ));
            }
            let well_formed = (1..=32).contains(&other.len())
                && other
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !well_formed {
                return Err(Error::invalid(
                    "payment_method",
                    format!(
                        "must be one of {} (or a newer method name of 1-32 letters, digits or '_'); got {}",
                        KNOWN.iter().map(PaymentMethod::as_str).collect::<Vec<_>>().join(", "),
                        quoted(other)
                    ),
                ));
            }
        }
        Ok(method)
    }
}

impl PartialEq for PaymentMethod {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for PaymentMethod {}

impl Hash for PaymentMethod {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl FromStr for PaymentMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        PaymentMethod::parse(s)
    }
}

impl fmt::Display for PaymentMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_values_round_trip() {
        let texts = KNOWN.map(|m| m.as_str().to_owned());
        let documented = [
            "alipay",
            "wechat",
            "onlineBank",
            "moneymore",
            "polipay",
            "payid",
            "upi_upop",
            "coin_payments",
        ];
        assert_eq!(texts, documented);
        for method in KNOWN {
            assert!(
                matches!(PaymentMethod::parse(method.as_str()), Ok(ref m) if *m == method && !matches!(m, PaymentMethod::Other(_)))
            );
        }
    }

    #[test]
    fn newer_methods_are_carried() {
        let m = PaymentMethod::parse("latipay_card").unwrap();
        assert_eq!(m, PaymentMethod::Other("latipay_card".into()));
        assert_eq!(m.as_str(), "latipay_card");
    }

    #[test]
    fn rejects_mis_cased_and_malformed_values() {
        let err = PaymentMethod::parse("Alipay").unwrap_err().to_string();
        assert!(err.contains("did you mean \"alipay\""), "{err}");
        for bad in ["", "ali pay", "wechat\n", "x".repeat(33).as_str(), "支付宝"] {
            assert_eq!(
                PaymentMethod::parse(bad).unwrap_err().code(),
                "invalid_argument"
            );
        }
    }

    #[test]
    fn equality_follows_the_wire_value() {
        assert_eq!(PaymentMethod::Other("alipay".into()), PaymentMethod::Alipay);
        assert_ne!(PaymentMethod::Other("Alipay".into()), PaymentMethod::Alipay);
    }

    #[test]
    fn received_values_never_fail() {
        assert_eq!(
            PaymentMethod::from_wire("Weird Thing"),
            PaymentMethod::Other("Weird Thing".into())
        );
    }
}
