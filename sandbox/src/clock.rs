//! Latipay's clock: `pay_time` and order ids are in Beijing time (UTC+08:00).

use chrono::{DateTime, FixedOffset, Utc};

fn beijing() -> DateTime<FixedOffset> {
    let offset =
        FixedOffset::east_opt(latipay::PAY_TIME_OFFSET_SECONDS).expect("+08:00 is a valid offset");
    Utc::now().with_timezone(&offset)
}

/// Now, as `pay_time` is written: `2017-07-07 10:53:50`.
pub(crate) fn beijing_now() -> String {
    beijing().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Today's date as `20170707`.
pub(crate) fn beijing_date() -> String {
    beijing().format("%Y%m%d").to_string()
}

/// Now in UTC, RFC 3339 with milliseconds, for the notification log.
pub(crate) fn utc_now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
