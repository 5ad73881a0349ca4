//! Every attempt of every call, to Python's `logging.getLogger("latipay")`:
//! `DEBUG` for an answer, `WARNING` for a failure, with the attempt's fields
//! as record attributes (`method`, `path`, `status`, `attempt`,
//! `duration_ms`, `error_code`, `retrying`). Never a key, signature or query
//! string: the core's `Attempt` holds none.

use latipay::{Attempt, AttemptListener};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

/// `logging.DEBUG` and `logging.WARNING`.
const DEBUG: u8 = 10;
const WARNING: u8 = 30;

/// The `latipay` logger, looked up once.
static LOGGER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The listener every client is made with.
pub(crate) fn listener() -> AttemptListener {
    AttemptListener::new(|attempt| {
        Python::attach(|py| {
            if let Err(error) = log(py, attempt) {
                error.write_unraisable(py, None);
            }
        })
    })
}

/// Logs `attempt` when the logger is enabled for its level.
fn log(py: Python<'_>, attempt: &Attempt) -> PyResult<()> {
    let logger = LOGGER.get_or_try_init(py, || {
        py.import("logging")?
            .call_method1("getLogger", ("latipay",))
            .map(Bound::unbind)
    })?;
    let logger = logger.bind(py);
    let level = match attempt.error_code {
        None => DEBUG,
        Some(_) => WARNING,
    };
    if !logger.call_method1("isEnabledFor", (level,))?.is_truthy()? {
        return Ok(());
    }
    let extra = PyDict::new(py);
    extra.set_item("method", attempt.method)?;
    extra.set_item("path", &attempt.path)?;
    extra.set_item("status", attempt.status)?;
    extra.set_item("attempt", attempt.attempt)?;
    extra.set_item("duration_ms", attempt.duration.as_secs_f64() * 1000.0)?;
    extra.set_item("error_code", attempt.error_code)?;
    extra.set_item("retrying", attempt.retrying)?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("extra", extra)?;
    logger.call_method("log", (level, "%s", attempt.to_string()), Some(&kwargs))?;
    Ok(())
}
