//! One blocking core call, made once and run either on libuv's thread pool
//! (napi `AsyncTask`, so the event loop keeps running; its result or
//! `LatipayError` settles the Promise back on the JavaScript thread) or, for
//! a `…Sync` method, right away on the JavaScript thread.

use napi::bindgen_prelude::{AsyncTask, ToNapiValue, TypeName};
use napi::{Env, Error, Result, Status, Task};

use crate::errors::OrThrow;

/// The work to run off the JavaScript thread.
type Job<T> = Box<dyn FnOnce() -> latipay::Result<T> + Send>;

/// A core call and how to turn its result into a JavaScript value.
pub struct Call<T: Send + 'static, J> {
    job: Option<Job<T>>,
    to_js: fn(T) -> latipay::Result<J>,
}

impl<T: Send + 'static, J> Call<T, J> {
    /// `job` runs on the thread pool; `to_js` on the JavaScript thread.
    pub(crate) fn new(
        job: impl FnOnce() -> latipay::Result<T> + Send + 'static,
        to_js: fn(T) -> latipay::Result<J>,
    ) -> Self {
        Call {
            job: Some(Box::new(job)),
            to_js,
        }
    }
}

impl<T: Send + 'static, J> Call<T, J> {
    /// Runs the call now, on the JavaScript thread (a `…Sync` method).
    pub(crate) fn now(mut self, env: &Env) -> Result<J> {
        let job = self.job.take().ok_or_else(ran_twice)?;
        job().and_then(self.to_js).or_throw(env)
    }

    /// The call as a Promise, run on the thread pool.
    pub(crate) fn promise(self) -> AsyncTask<Self>
    where
        J: ToNapiValue + TypeName,
    {
        AsyncTask::new(self)
    }
}

fn ran_twice() -> Error {
    Error::new(Status::GenericFailure, "a latipay call ran twice")
}

impl<T: Send + 'static, J: ToNapiValue + TypeName> Task for Call<T, J> {
    type Output = latipay::Result<T>;
    type JsValue = J;

    fn compute(&mut self) -> Result<Self::Output> {
        let job = self.job.take().ok_or_else(ran_twice)?;
        // A panic must not cross into Node (it would abort the process): it
        // rejects the Promise instead. The core has no known panic.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)).map_err(|_| {
            Error::new(
                Status::GenericFailure,
                "latipay panicked; please report this",
            )
        })
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        output.and_then(self.to_js).or_throw(&env)
    }
}
