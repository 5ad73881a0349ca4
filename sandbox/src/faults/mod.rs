//! Fault injection for client tests: `POST /_sandbox/faults` makes the next
//! `times` requests to a path misbehave (a delay, another status, a dropped
//! connection, a slow, huge or gzip-bomb body, a redirect). Faults apply to the
//! merchant API and the customer's pages, never to the control API.

mod apply;
mod bodies;
mod gzip;
mod json;
mod routes;

use std::time::Duration;

use axum::http::{Method, StatusCode};

pub(crate) use apply::{apply, DropConnection};
pub(crate) use routes::routes;

/// The control API's own paths, which no fault touches.
const CONTROL_PATH: &str = "/_sandbox";

/// What a fault does to a request it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Waits this long, then answers normally.
    Delay(Duration),
    /// Answers this instead of the real handler.
    Status {
        status: StatusCode,
        body: String,
        content_type: String,
    },
    /// Closes the connection without any answer.
    Reset,
    /// The real answer, its body sent `chunk_bytes` at a time with `pause`
    /// between chunks (status and headers at once).
    SlowBody { chunk_bytes: usize, pause: Duration },
    /// A 200 with a JSON body of this many bytes, streamed.
    OversizedBody { bytes: u64 },
    /// A 200 with `Content-Encoding: gzip` that expands to this many bytes.
    GzipBomb { bytes: u64 },
    /// A redirect to `location`.
    Redirect {
        status: StatusCode,
        location: String,
    },
}

/// Which requests a fault takes, and how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    /// The path it covers: that path and every path below it.
    pub(crate) path: String,
    /// The method it takes; any when `None`.
    pub(crate) method: Option<Method>,
    /// How many matching requests get the fault.
    pub(crate) times: u32,
}

impl Rule {
    /// Whether the rule takes a `method` request to `path`: the rule's path
    /// itself, or a path below it (`/v2/transaction` covers
    /// `/v2/transaction/REF`, not `/v2/transactions`).
    fn matches(&self, method: &Method, path: &str) -> bool {
        self.method.as_ref().is_none_or(|m| m == method) && covers(&self.path, path)
    }
}

/// Whether `path` is `prefix` or below it. A trailing `/` on `prefix` changes
/// nothing, so `/` covers every path.
fn covers(prefix: &str, path: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Whether `path` belongs to the control API.
pub(crate) fn is_control(path: &str) -> bool {
    covers(CONTROL_PATH, path)
}

/// A fault waiting for requests.
#[derive(Debug)]
pub(crate) struct Fault {
    id: u64,
    rule: Rule,
    remaining: u32,
    kind: Kind,
}

/// The pending faults, oldest first. They live in the ledger, so a fault is
/// taken under the app's lock and a reset forgets them.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    last_id: u64,
    pending: Vec<Fault>,
}

impl Faults {
    /// Stores a fault and returns it.
    fn add(&mut self, rule: Rule, kind: Kind) -> &Fault {
        self.last_id += 1;
        self.pending.push(Fault {
            id: self.last_id,
            remaining: rule.times,
            rule,
            kind,
        });
        self.pending.last().expect("just pushed")
    }

    /// Takes one use of the oldest pending fault that matches the request, and
    /// forgets the fault once it is used up. Never a control API request.
    pub(crate) fn take(&mut self, method: &Method, path: &str) -> Option<Kind> {
        if is_control(path) {
            return None;
        }
        let index = self
            .pending
            .iter()
            .position(|fault| fault.rule.matches(method, path))?;
        let fault = &mut self.pending[index];
        fault.remaining -= 1;
        if fault.remaining == 0 {
            Some(self.pending.remove(index).kind)
        } else {
            Some(fault.kind.clone())
        }
    }

    /// Forgets every pending fault; returns how many there were.
    fn clear(&mut self) -> usize {
        std::mem::take(&mut self.pending).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(path: &str, method: Option<Method>, times: u32) -> Rule {
        Rule {
            path: path.to_owned(),
            method,
            times,
        }
    }

    #[test]
    fn a_path_covers_itself_and_what_is_below_it() {
        assert!(covers("/v2/transaction", "/v2/transaction"));
        assert!(covers("/v2/transaction", "/v2/transaction/REF"));
        assert!(covers("/v2/transaction/", "/v2/transaction"));
        assert!(!covers("/v2/transaction", "/v2/transactions"));
        assert!(!covers("/v2/transaction/REF", "/v2/transaction"));
        assert!(covers("/", "/refund"));
    }

    #[test]
    fn a_fault_is_taken_as_many_times_as_asked_then_forgotten() {
        let mut faults = Faults::default();
        faults.add(rule("/refund", Some(Method::POST), 2), Kind::Reset);
        assert_eq!(faults.take(&Method::GET, "/refund"), None);
        assert_eq!(faults.take(&Method::POST, "/refund"), Some(Kind::Reset));
        assert_eq!(faults.take(&Method::POST, "/refund"), Some(Kind::Reset));
        assert_eq!(faults.take(&Method::POST, "/refund"), None);
        assert!(faults.pending.is_empty());
    }

    #[test]
    fn the_oldest_matching_fault_goes_first_and_control_paths_are_never_faulted() {
        let mut faults = Faults::default();
        faults.add(rule("/", None, 1), Kind::Reset);
        faults.add(rule("/cancel", None, 1), Kind::GzipBomb { bytes: 1 });
        assert_eq!(faults.take(&Method::GET, "/_sandbox/faults"), None);
        assert_eq!(faults.take(&Method::POST, "/cancel"), Some(Kind::Reset));
        assert_eq!(
            faults.take(&Method::POST, "/cancel"),
            Some(Kind::GzipBomb { bytes: 1 })
        );
        assert_eq!(faults.clear(), 0);
    }
}
