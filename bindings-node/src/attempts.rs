//! Each attempt of a client's calls, kept until `index.js` takes them to
//! publish (`diagnostics_channel` `latipay:attempt` and the `onAttempt`
//! option). Calls run on the JavaScript thread, so the attempts are taken
//! right after each step; none holds a key, a signature or a query string.

use std::sync::{Arc, Mutex};

use latipay::{binding_type, ffi, Attempt, AttemptListener};
use napi_derive::napi;

latipay::with_attempt_fields!(binding_type {
    #[doc = "One attempt of a call, as `index.js` publishes it."]
    #[napi(object)]
    pub struct AttemptRecord from ffi::AttemptView, via Attempt, each [],
    |a| {}
});

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
