//! Money as text: an [`Amount`] is the exact decimal string that is signed and sent.

use std::fmt;
use std::str::FromStr;

use crate::error::{quoted, Error, Result};

/// At most this many digits before the decimal point (just under a trillion).
const MAX_INTEGER_DIGITS: usize = 12;
/// At most this many digits after it (cents).
const MAX_FRACTION_DIGITS: usize = 2;

/// A positive amount of money in the wallet's currency, kept as the decimal
/// text it was written as: `"120.00"` stays `"120.00"` and `"0.10"` never
/// becomes `"0.1"`. There is no float anywhere.
///
/// Accepted: digits, optionally `.` followed by one or two digits, greater than
/// zero, no sign, no exponent, no spaces, no leading zeros (`"0.05"` is fine).
///
/// ```
/// use latipay::Amount;
/// let a: Amount = "120.00".parse().unwrap();
/// assert_eq!(a.as_str(), "120.00");
/// assert_eq!(a.minor_units(), 12000);
/// assert!("1e3".parse::<Amount>().is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Amount {
    text: String,
    minor_units: u64,
}

impl Amount {
    /// Parses decimal text, reporting a bad value as `invalid_argument` on the
    /// field `amount`. Use [`Amount::parse_field`] to name another field.
    pub fn parse(text: &str) -> Result<Self> {
        Self::parse_field(text, "amount")
    }

    /// Parses decimal text, naming `field` (for example `refund_amount`) in the error.
    pub fn parse_field(text: &str, field: &str) -> Result<Self> {
        parse_minor_units(text)
            .map(|minor_units| Amount {
                text: text.to_owned(),
                minor_units,
            })
            .map_err(|reason| Error::invalid(field, format!("{reason} (got {})", quoted(text))))
    }

    /// The text exactly as given; this is what gets signed and sent.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The value in hundredths (cents): `"120.5"` → `12050`.
    pub fn minor_units(&self) -> u64 {
        self.minor_units
    }

    /// Whether two amounts are worth the same, whatever their text
    /// (`"120.5"` and `"120.50"` are). `==` compares the text itself.
    pub fn same_value(&self, other: &Amount) -> bool {
        self.minor_units == other.minor_units
    }
}

/// Whether an amount received from Latipay (as text) is worth `expected`.
/// Text that is not a valid amount never matches.
pub(crate) fn received_matches(received: &str, expected: &Amount) -> bool {
    parse_minor_units(received).is_ok_and(|minor| minor == expected.minor_units)
}

pub(crate) fn parse_minor_units(text: &str) -> std::result::Result<u64, &'static str> {
    if text.is_empty() {
        return Err("must not be empty");
    }
    if text.chars().any(char::is_whitespace) {
        return Err("must not contain spaces");
    }
    if text.starts_with(['-', '+']) {
        return Err("must be a positive decimal without a sign");
    }
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || !frac.is_none_or(all_digits) {
        return Err(
            r#"must be decimal text like "120.00": digits, optionally '.' and one or two digits"#,
        );
    }
    if int.len() > 1 && int.starts_with('0') {
        return Err("must not have leading zeros");
    }
    if int.len() > MAX_INTEGER_DIGITS {
        return Err("is too large (more than 12 digits before the decimal point)");
    }
    let frac = frac.unwrap_or("");
    if frac.len() > MAX_FRACTION_DIGITS {
        return Err("has more than 2 decimal places");
    }
    // Both parts are short runs of ASCII digits (at most 12 and 2), so this
    // cannot overflow; the cents are read without parsing a padded copy.
    let digits = |s: &str| s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let cents = match frac.len() {
        0 => 0,
        1 => digits(frac) * 10,
        _ => digits(frac),
    };
    let minor = digits(int) * 100 + cents;
    if minor == 0 {
        return Err("must be greater than zero");
    }
    Ok(minor)
}

impl FromStr for Amount {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Amount::parse(s)
    }
}

impl TryFrom<&str> for Amount {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self> {
        Amount::parse(s)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({:?})", self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_money_text_and_keeps_it_verbatim() {
        for (text, minor) in [
            ("120.00", 12000),
            ("0.10", 10),
            ("0.1", 10),
            ("0.01", 1),
            ("5", 500),
            ("999999999999.99", 99_999_999_999_999),
        ] {
            let a = Amount::parse(text).unwrap();
            assert_eq!(a.as_str(), text);
            assert_eq!(a.minor_units(), minor, "{text}");
        }
    }

    #[test]
    fn rejects_everything_that_is_not_plain_decimal_text() {
        for bad in [
            "",
            " 1",
            "1 ",
            "1e3",
            "NaN",
            "inf",
            "-1",
            "+1",
            "1.234",
            "0",
            "0.00",
            "1.",
            ".5",
            "01",
            "00.50",
            "1,00",
            "1_000",
            "0x10",
            "１",
            "1.2.3",
            "1000000000000",
        ] {
            let err = Amount::parse(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_argument", "{bad:?}");
            assert!(err.to_string().contains("`amount`"), "{err}");
        }
    }

    #[test]
    fn names_the_field_and_the_reason() {
        let err = Amount::parse_field("1.234", "refund_amount").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"invalid argument `refund_amount`: has more than 2 decimal places (got "1.234")"#
        );
    }

    #[test]
    fn long_input_is_shortened_in_messages() {
        let err = Amount::parse(&"9".repeat(500)).unwrap_err().to_string();
        assert!(err.len() < 200, "{err}");
    }

    #[test]
    fn same_value_ignores_trailing_zeros_but_eq_does_not() {
        let a = Amount::parse("120.5").unwrap();
        let b = Amount::parse("120.50").unwrap();
        assert!(a.same_value(&b));
        assert_ne!(a, b);
    }
}
