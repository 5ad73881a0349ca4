//! One deadline per call: every attempt and every pause between attempts fit
//! in the time the caller allowed.

use std::time::{Duration, Instant};

/// How early a host's timer may fire and still mean the deadline.
const TIMER_SLACK: Duration = Duration::from_millis(5);

/// When a call must be over, and which setting said so (for the message
/// when it runs out).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    end: Instant,
    limit: Duration,
    setting: &'static str,
}

impl Deadline {
    /// A call starting now that may take `limit`; `setting` names it in
    /// messages (`timeout`, `block_timeout`).
    pub(crate) fn after(limit: Duration, setting: &'static str) -> Self {
        Deadline {
            end: Instant::now() + limit,
            limit,
            setting,
        }
    }

    /// The time left; zero once the deadline has passed.
    pub(crate) fn remaining(&self) -> Duration {
        self.end.saturating_duration_since(Instant::now())
    }

    /// Whether the deadline has passed or is so near that a host's timer set
    /// for it may already have fired: libuv counts whole milliseconds from a
    /// cached loop time, so Node's `setTimeout` can fire a little early.
    pub(crate) fn is_reached(&self) -> bool {
        self.remaining() <= TIMER_SLACK
    }

    /// Names the limit that fired, e.g. "timeout (30s), the limit on the whole call".
    pub(crate) fn describe(&self) -> String {
        format!(
            "{} ({:?}), the limit on the whole call",
            self.setting, self.limit
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_to_zero_and_names_its_setting() {
        let deadline = Deadline::after(Duration::from_millis(30), "block_timeout");
        assert!(deadline.remaining() <= Duration::from_millis(30));
        assert!(!deadline.is_reached());
        std::thread::sleep(Duration::from_millis(27));
        assert!(deadline.is_reached(), "3 ms before the end is the end");
        std::thread::sleep(Duration::from_millis(13));
        assert_eq!(deadline.remaining(), Duration::ZERO);
        assert_eq!(
            deadline.describe(),
            "block_timeout (30ms), the limit on the whole call"
        );
    }
}
