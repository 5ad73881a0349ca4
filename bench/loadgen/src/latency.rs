//! Latencies of one phase, summed up as throughput and percentiles.

use std::fmt;
use std::time::Duration;

/// Every operation's latency in one phase, and how long the phase ran.
#[derive(Default)]
pub struct Latencies {
    micros: Vec<u32>,
    /// Operations that failed (a transport error, or an answer that did not verify).
    pub failures: u64,
}

impl Latencies {
    /// Records one operation's latency.
    pub fn record(&mut self, took: Duration) {
        self.micros
            .push(u32::try_from(took.as_micros()).unwrap_or(u32::MAX));
    }

    /// Adds another task's latencies.
    pub fn merge(&mut self, other: Latencies) {
        self.micros.extend(other.micros);
        self.failures += other.failures;
    }

    /// Sums them up over `elapsed`.
    pub fn summary(mut self, elapsed: Duration) -> Summary {
        self.micros.sort_unstable();
        let at = |q: f64| -> Duration {
            let i = ((self.micros.len() as f64 * q).ceil() as usize).saturating_sub(1);
            Duration::from_micros(self.micros.get(i).copied().unwrap_or(0).into())
        };
        Summary {
            operations: self.micros.len() as u64,
            failures: self.failures,
            per_second: self.micros.len() as f64 / elapsed.as_secs_f64(),
            p50: at(0.50),
            p99: at(0.99),
            max: at(1.0),
        }
    }
}

/// Throughput and percentiles of one phase.
pub struct Summary {
    /// Operations completed.
    pub operations: u64,
    /// Operations that failed.
    pub failures: u64,
    /// Completed operations per second of wall time.
    pub per_second: f64,
    /// Median latency.
    pub p50: Duration,
    /// 99th-percentile latency.
    pub p99: Duration,
    /// The slowest operation.
    pub max: Duration,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ops, {} failed, {:.0} ops/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            self.operations,
            self.failures,
            self.per_second,
            ms(self.p50),
            ms(self.p99),
            ms(self.max)
        )
    }
}

/// A duration in milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
