//! Each attempt of a client's calls, kept until `index.js` takes them to
//! publish (`diagnostics_channel` `latipay:attempt` and the `onAttempt`
//! option). Calls run on the JavaScript thread, so the attempts are taken
//! right after each step; none holds a key, a signature or a query string.

use std::sync::{Arc, Mutex};

use latipay::{Attempt, AttemptListener};
use napi_derive::napi;

/// One attempt, as JavaScript sees it.
#[napi(object)]
pub struct AttemptRecord {
    /// `GET` or `POST`.
    pub method: String,
    /// The URL's path, without the query string.
    pub path: String,
    /// 1 for the first attempt, 2 for the first retry, …
    pub attempt: u32,
    /// The HTTP status, when an answer's head arrived.
    pub status: Option<u16>,
    /// From sending the request to the end of the attempt.
    pub duration_ms: f64,
    /// The error code the attempt met; absent when it succeeded.
    pub error_code: Option<String>,
    /// Whether another attempt follows.
    pub retrying: bool,
}

impl From<Attempt> for AttemptRecord {
    fn from(a: Attempt) -> Self {
        AttemptRecord {
            method: a.method.to_owned(),
            path: a.path,
            attempt: a.attempt,
            status: a.status,
            duration_ms: a.duration.as_secs_f64() * 1000.0,
            error_code: a.error_code.map(str::to_owned),
            retrying: a.retrying,
        }
    }
}

/// The attempts not yet taken.
#[derive(Clone, Default)]
pub(crate) struct Attempts(Arc<Mutex<Vec<Attempt>>>);

impl Attempts {
    /// A listener keeping each attempt here.
    pub(crate) fn listener(&self) -> AttemptListener {
        let kept = Arc::clone(&self.0);
        AttemptListener::new(move |attempt| {
            if let Ok(mut kept) = kept.lock() {
                kept.push(attempt.clone());
            }
        })
    }

    /// Every attempt kept so far, oldest first, emptying the list.
    pub(crate) fn take(&self) -> Vec<AttemptRecord> {
        match self.0.lock() {
            Ok(mut kept) => kept.drain(..).map(AttemptRecord::from).collect(),
            Err(_) => Vec::new(),
        }
    }
}
