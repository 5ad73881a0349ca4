//! `pay_time`: `YYYY-MM-DD HH:MM:SS` in Beijing time (UTC+08:00), no offset written.

use chrono::{DateTime, FixedOffset, NaiveDateTime};

/// The offset Latipay's `pay_time` is written in, in seconds east of UTC.
pub const PAY_TIME_OFFSET_SECONDS: i32 = 8 * 3600;

const FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// Interprets a `pay_time` text as UTC+08:00. Returns `None` for an empty text
/// or one not in the documented `YYYY-MM-DD HH:MM:SS` form; callers keep the
/// raw text either way, since `pay_time` is not covered by any signature.
pub fn parse_pay_time(text: &str) -> Option<DateTime<FixedOffset>> {
    let naive = NaiveDateTime::parse_from_str(text, FORMAT).ok()?;
    let offset = FixedOffset::east_opt(PAY_TIME_OFFSET_SECONDS)?;
    naive.and_local_timezone(offset).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_as_beijing_time() {
        let t = parse_pay_time("2017-07-07 10:53:50").unwrap();
        assert_eq!(t.to_rfc3339(), "2017-07-07T10:53:50+08:00");
        assert_eq!(t.timestamp(), 1_499_396_030);
    }

    #[test]
    fn other_forms_are_not_guessed() {
        for bad in [
            "",
            "2017-07-07",
            "2017-07-07T10:53:50",
            "2017-13-07 10:53:50",
            "yesterday",
        ] {
            assert!(parse_pay_time(bad).is_none(), "{bad}");
        }
    }
}
