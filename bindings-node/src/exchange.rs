//! The native half of a Promise call: the core's `Pending` call, which
//! `index.js` carries over undici on Node's own non-blocking I/O.
//! Every decision (what to send, retries, the deadline, limits, the result)
//! is the core's; JavaScript only moves bytes.

use latipay::ffi::{NextStep, Pending, Reply};
use napi::bindgen_prelude::{Buffer, ToNapiValue, TypeName, Undefined};
use napi::{sys, Env, Result, ValueType};
use napi_derive::napi;

use crate::errors::OrThrow;
use crate::results::{gateway_data, BarcodeAccepted, CreatedTransaction, Payment};

/// A call's reply as the JavaScript value it becomes (`undefined` for a
/// refund or a cancel).
pub struct Answer(pub Reply);

impl TypeName for Answer {
    fn type_name() -> &'static str {
        "unknown"
    }

    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for Answer {
    unsafe fn to_napi_value(env: sys::napi_env, answer: Self) -> Result<sys::napi_value> {
        match answer.0 {
            Reply::Created(created) => {
                CreatedTransaction::to_napi_value(env, CreatedTransaction::from(created))
            }
            Reply::Gateway(data) => {
                let data = gateway_data(data).or_throw(&Env::from(env))?;
                ToNapiValue::to_napi_value(env, data)
            }
            Reply::Payment(payment) => Payment::to_napi_value(env, Payment::from(payment)),
            Reply::Barcode(accepted) => {
                BarcodeAccepted::to_napi_value(env, BarcodeAccepted::from(accepted))
            }
            Reply::Nothing => Undefined::to_napi_value(env, ()),
        }
    }
}

/// One step of a call in progress, as a plain object (internal).
#[napi(object)]
pub struct Step {
    /// `send`, `wait` or `done`.
    pub kind: String,
    /// `send`: `GET` or `POST`.
    pub method: Option<String>,
    /// `send`: the URL (its query string holds a signature: never log it).
    pub url: Option<String>,
    /// `send`: the headers, as `[name, value]` pairs.
    pub headers: Option<Vec<Vec<String>>>,
    /// `send`: the JSON body of a `POST`.
    pub body: Option<String>,
    /// `send`: the time left for the whole call; `wait`: the pause.
    pub ms: Option<f64>,
    /// `send`: how long connecting may take.
    pub connect_ms: Option<f64>,
    /// `send`: the proxy to go through (credentials included: never show it).
    pub proxy: Option<String>,
    /// `send`: the most bytes of body to read.
    pub max_body_bytes: Option<f64>,
}

/// A call in progress (internal: `index.js` carries it over undici; not exported).
#[napi(js_name = "_Exchange")]
pub struct Exchange(Pending);

impl Exchange {
    /// Carries `pending`.
    pub(crate) fn new(pending: Pending) -> Self {
        Exchange(pending)
    }
}

#[napi]
impl Exchange {
    /// What to do next.
    #[napi(skip_typescript)]
    pub fn step(&mut self) -> Step {
        let mut step = Step {
            kind: String::new(),
            method: None,
            url: None,
            headers: None,
            body: None,
            ms: None,
            connect_ms: None,
            proxy: None,
            max_body_bytes: None,
        };
        match self.0.step() {
            NextStep::Send(request) => {
                step.kind = "send".into();
                step.method = Some(request.method.into());
                step.url = Some(request.url);
                step.headers = Some(
                    request
                        .headers
                        .into_iter()
                        .map(|(name, value)| vec![name.to_owned(), value])
                        .collect(),
                );
                step.body = request.body;
                step.ms = Some(request.timeout.as_secs_f64() * 1000.0);
                step.connect_ms = Some(request.connect_timeout.as_secs_f64() * 1000.0);
                step.proxy = request.proxy;
                step.max_body_bytes = Some(request.max_body_bytes as f64);
            }
            NextStep::Wait(pause) => {
                step.kind = "wait".into();
                step.ms = Some(pause.as_secs_f64() * 1000.0);
            }
            NextStep::Done => step.kind = "done".into(),
        }
        step
    }

    /// Reports the status and headers (`[name, value]`, values as undici gives
    /// them: Latin-1 text); `true`: read the body.
    #[napi(skip_typescript)]
    pub fn head(&mut self, status: u16, headers: Vec<Vec<String>>) -> bool {
        let headers: Vec<(String, Vec<u8>)> = headers
            .into_iter()
            .filter_map(|pair| {
                let mut pair = pair.into_iter();
                let name = pair.next()?;
                let value = pair.next().unwrap_or_default();
                // A header value is a ByteString: each character one byte.
                let bytes = value.chars().map(|c| u8::try_from(c).unwrap_or(b'?'));
                Some((name, bytes.collect()))
            })
            .collect();
        self.0.head(status, &headers)
    }

    /// Reports the body of the answer whose head was accepted.
    #[napi(skip_typescript)]
    pub fn body(&mut self, body: Buffer) {
        self.0.body(&body);
    }

    /// Reports a failed attempt (`connect_timeout`, `timed_out`,
    /// `connection`, `permanent`, `headers_too_large`, `body_too_large`, `not_http`).
    #[napi(skip_typescript)]
    pub fn failed(&mut self, kind: String, message: String) {
        self.0.failed(&kind, message);
    }

    /// The answer, or the call's `LatipayError` thrown.
    #[napi(skip_typescript)]
    pub fn result(&mut self, env: Env) -> Result<Answer> {
        self.0.result().map(Answer).or_throw(&env)
    }
}
