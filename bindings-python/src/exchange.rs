//! `latipay._latipay._Exchange`: one call in progress for `latipay.AsyncClient`,
//! which carries its requests over httpx. Every decision (what to send,
//! retries, the deadline, limits, the result) is the core's `Pending`.

use std::sync::{Mutex, TryLockError};

use latipay::ffi::{NextStep, Pending, Reply};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::errors::OrRaise;
use crate::results::{BarcodeAccepted, CreatedTransaction, GatewayData, Payment};

/// A call's reply as the Python object it becomes (`None` for a refund or a cancel).
pub(crate) fn reply(py: Python<'_>, reply: Reply) -> PyResult<Py<PyAny>> {
    match reply {
        Reply::Created(created) => CreatedTransaction::from(created).into_py_any(py),
        Reply::Gateway(data) => GatewayData::from(data).into_py_any(py),
        Reply::Payment(payment) => Payment::from(payment).into_py_any(py),
        Reply::Barcode(accepted) => BarcodeAccepted::from(accepted).into_py_any(py),
        Reply::Nothing => Ok(py.None()),
    }
}

/// One call in progress. `step()` answers `("send", method, url, headers,
/// body, timeout, connect_timeout, proxy, max_body_bytes)`, `("wait",
/// seconds)` or `("done",)`; report with `head`/`body` or `failed`; then
/// `result()` returns the answer or raises its `LatipayError`.
#[pyclass(module = "latipay._latipay", name = "_Exchange", frozen)]
pub(crate) struct Exchange(Mutex<Pending>);

impl Exchange {
    /// Carries `pending` for httpx.
    pub(crate) fn new(pending: Pending) -> Self {
        Exchange(Mutex::new(pending))
    }

    /// The call, or `RuntimeError` when it is already in use (a logging
    /// handler calling back into it, another thread): waiting would deadlock.
    fn pending(&self) -> PyResult<std::sync::MutexGuard<'_, Pending>> {
        match self.0.try_lock() {
            Ok(pending) => Ok(pending),
            Err(TryLockError::Poisoned(poisoned)) => Ok(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => Err(PyRuntimeError::new_err(
                "this latipay call is already being stepped (from a logging handler or another thread)",
            )),
        }
    }
}

#[pymethods]
impl Exchange {
    /// What to do next, as a tuple (see the class).
    fn step<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let step = self.pending()?.step();
        match step {
            NextStep::Send(request) => (
                "send",
                request.method,
                request.url,
                request.headers,
                request.body.map(|body| PyBytes::new(py, body.as_bytes())),
                request.timeout.as_secs_f64(),
                request.connect_timeout.as_secs_f64(),
                request.proxy,
                request.max_body_bytes,
            )
                .into_pyobject(py),
            NextStep::Wait(pause) => ("wait", pause.as_secs_f64()).into_pyobject(py),
            NextStep::Done => ("done",).into_pyobject(py),
        }
    }

    /// Reports the status and raw headers (`[(name, value bytes)]`); `True`:
    /// read the body.
    fn head(&self, status: u16, headers: Vec<(String, Vec<u8>)>) -> PyResult<bool> {
        Ok(self.pending()?.head(status, &headers))
    }

    /// Reports the body of the answer whose head was accepted.
    fn body(&self, body: &[u8]) -> PyResult<()> {
        self.pending()?.body(body);
        Ok(())
    }

    /// Reports a failed attempt: `kind` names the failure (`connect_timeout`,
    /// `timed_out`, `connection`, `permanent`, `headers_too_large`,
    /// `body_too_large`, `not_http`).
    fn failed(&self, kind: &str, message: String) -> PyResult<()> {
        self.pending()?.failed(kind, message);
        Ok(())
    }

    /// The answer, or the call's `LatipayError` raised.
    fn result(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let result = self.pending()?.result();
        reply(py, result.or_raise()?)
    }

    fn __repr__(&self) -> &'static str {
        "<latipay call in progress>"
    }
}
