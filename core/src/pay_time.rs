//! `pay_time`: `YYYY-MM-DD HH:MM:SS` in Beijing time (UTC+08:00), no offset written.

use chrono::{DateTime, FixedOffset, NaiveDate};

/// The offset Latipay's `pay_time` is written in, in seconds east of UTC.
pub const PAY_TIME_OFFSET_SECONDS: i32 = 8 * 3600;

/// The earliest year a `pay_time` is read in.
const FIRST_YEAR: i32 = 1970;

/// Interprets a `pay_time` text as UTC+08:00. Returns `None` for an empty text,
/// one not exactly in the documented `YYYY-MM-DD HH:MM:SS` form, or a year
/// before 1970 (which no payment has, and which some languages' dates cannot
/// hold: `pay_time` is unsigned, so anyone can send `0000-01-01`); callers
/// keep the raw text either way.
pub fn parse_pay_time(text: &str) -> Option<DateTime<FixedOffset>> {
    // Read by position, not through a format string parsed on every call.
    let b = text.as_bytes();
    if b.len() != 19 || [b[4], b[7], b[10], b[13], b[16]] != *b"-- ::" {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(0, 4)?)
        .ok()
        .filter(|y| *y >= FIRST_YEAR)?;
    let date = NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)?;
    let naive = date.and_hms_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?)?;
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
        let earliest = parse_pay_time("1970-01-01 08:00:00").unwrap();
        assert_eq!(earliest.timestamp(), 0);
        assert!(parse_pay_time("9999-12-31 23:59:59").is_some());
    }

    #[test]
    fn other_forms_are_not_guessed() {
        for bad in [
            "",
            "2017-07-07",
            "2017-07-07T10:53:50",
            "2017-13-07 10:53:50",
            "2017-07-07 24:00:00",
            "2017-02-30 10:53:50",
            "2017-07-07 10:53:5x",
            "+017-07-07 10:53:50",
            "2017-07-07 10:53:50 ",
            "yesterday",
            "0000-01-01 00:00:00",
            "0001-01-01 00:00:00",
            "1969-12-31 23:59:59",
        ] {
            assert!(parse_pay_time(bad).is_none(), "{bad}");
        }
    }
}
