//! The little arithmetic the sandbox does on amounts, in minor units (cents).

/// Cents as decimal text with two places: `12050` → `"120.50"`.
pub(crate) fn format_minor(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// The sandbox's fixed exchange rate to CNY, in hundredths, and as text.
fn cny_rate(currency: &str) -> (u64, &'static str) {
    match currency {
        "NZD" => (430, "4.30"),
        "AUD" => (470, "4.70"),
        _ => (100, "1.00"),
    }
}

/// `(currency_rate, amount_cny)` for gateway data, both as JSON number text.
pub(crate) fn in_cny(cents: u64, currency: &str) -> (&'static str, String) {
    let (rate, rate_text) = cny_rate(currency);
    let cny_cents = (u128::from(cents) * u128::from(rate) + 50) / 100;
    let cny_cents = u64::try_from(cny_cents).unwrap_or(u64::MAX);
    (rate_text, format_minor(cny_cents))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_cents() {
        assert_eq!(format_minor(12050), "120.50");
        assert_eq!(format_minor(5), "0.05");
        assert_eq!(format_minor(0), "0.00");
    }

    #[test]
    fn converts_to_cny_rounding_half_up() {
        assert_eq!(in_cny(10, "NZD"), ("4.30", "0.43".to_owned()));
        assert_eq!(in_cny(1, "AUD"), ("4.70", "0.05".to_owned()));
        assert_eq!(in_cny(12345, "CNY"), ("1.00", "123.45".to_owned()));
    }
}
