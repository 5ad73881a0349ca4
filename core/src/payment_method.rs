//! The documented payment methods: a closed set, so that rule B's fields have
//! one way to split (see [`crate::verify_notification`]).

use std::fmt;
use std::str::FromStr;

use crate::error::{quoted, Error, Result};

/// How the customer pays: one of the methods Latipay documents.
///
/// The set is closed on purpose. Latipay signs `merchant_reference +
/// payment_method + status + currency + amount` without separators, so a
/// notification can be trusted only when its method is one this library knows:
/// a method Latipay adds later is refused (in requests as `invalid_argument`,
/// in what Latipay sends as `malformed_response`) until a release of this
/// library knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    pub fn as_str(&self) -> &'static str {
        match self {
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

    /// The documented method whose wire value is exactly `text`, if any.
    pub(crate) fn known(text: &str) -> Option<Self> {
        match text {
            "alipay" => Some(PaymentMethod::Alipay),
            "wechat" => Some(PaymentMethod::Wechat),
            "onlineBank" => Some(PaymentMethod::OnlineBank),
            "moneymore" => Some(PaymentMethod::Moneymore),
            "polipay" => Some(PaymentMethod::Polipay),
            "payid" => Some(PaymentMethod::Payid),
            "upi_upop" => Some(PaymentMethod::UpiUpop),
            "coin_payments" => Some(PaymentMethod::CoinPayments),
            _ => None,
        }
    }

    /// Parses a value given by the caller, exactly as documented
    /// (`onlineBank`); anything else is `invalid_argument` on `payment_method`,
    /// with a hint for a mis-cased value (`Alipay`).
    pub fn parse(text: &str) -> Result<Self> {
        if let Some(method) = PaymentMethod::known(text) {
            return Ok(method);
        }
        let reason = match KNOWN.iter().find(|m| m.as_str().eq_ignore_ascii_case(text)) {
            Some(known) => format!(
                "unknown value {}; did you mean {:?}?",
                quoted(text),
                known.as_str()
            ),
            None => format!(
                "must be one of {} (a method Latipay adds later is refused until this library \
                 knows it); got {}",
                KNOWN.map(|m| m.as_str()).join(", "),
                quoted(text)
            ),
        };
        Err(Error::invalid("payment_method", reason))
    }

    /// Whether a payment reported with this method is one made for an order
    /// placed with `ordered`: the same method, or `onlineBank` for `polipay`
    /// (how Latipay reports a POLi payment in the redirect and the query).
    pub fn fulfils(&self, ordered: &PaymentMethod) -> bool {
        self == ordered
            || (*ordered == PaymentMethod::Polipay && *self == PaymentMethod::OnlineBank)
    }
}

impl FromStr for PaymentMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        PaymentMethod::parse(s)
    }
}

/// The wire value, as text.
impl From<PaymentMethod> for String {
    fn from(method: PaymentMethod) -> Self {
        method.as_str().to_owned()
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
        assert_eq!(KNOWN.map(|m| m.as_str()), documented);
        for method in KNOWN {
            assert_eq!(PaymentMethod::parse(method.as_str()).unwrap(), method);
        }
    }

    #[test]
    fn no_method_ends_another() {
        // What makes rule B's split unique (see crate::received).
        for a in KNOWN {
            for b in KNOWN.into_iter().filter(|b| *b != a) {
                assert!(!a.as_str().ends_with(b.as_str()), "{a} ends with {b}");
            }
        }
    }

    #[test]
    fn unknown_mis_cased_and_malformed_values_are_refused() {
        let err = PaymentMethod::parse("Alipay").unwrap_err().to_string();
        assert!(err.contains("did you mean \"alipay\""), "{err}");
        let newer = PaymentMethod::parse("latipay_card")
            .unwrap_err()
            .to_string();
        assert!(
            newer.contains("refused until this library knows it"),
            "{newer}"
        );
        for bad in ["", "ali pay", "wechat\n", "x".repeat(33).as_str(), "支付宝"] {
            let err = PaymentMethod::parse(bad).unwrap_err();
            assert!(
                matches!(err, Error::InvalidArgument { ref field, .. } if field == "payment_method"),
                "{err}"
            );
        }
    }

    #[test]
    fn polipay_is_fulfilled_by_online_bank_and_nothing_else_crosses() {
        use PaymentMethod::*;
        assert!(OnlineBank.fulfils(&Polipay));
        assert!(Polipay.fulfils(&Polipay));
        assert!(!Polipay.fulfils(&OnlineBank));
        assert!(!Alipay.fulfils(&Wechat));
        for m in KNOWN {
            assert!(m.fulfils(&m));
        }
    }
}
