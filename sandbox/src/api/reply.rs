//! Answers the way Latipay gives them: HTTP 200, a JSON body with `code`
//! (0 = success) and `message`.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// The Latipay error codes the sandbox answers with (see API.md).
pub(crate) mod code {
    /// Generic failure.
    pub(crate) const FAIL: u32 = 1;
    /// Cancel: illegal parameters.
    pub(crate) const ILLEGAL_PARAMETERS: u32 = 3;
    /// Cancel: the user does not exist.
    pub(crate) const NO_SUCH_USER: u32 = 110;
    /// The order does not exist.
    pub(crate) const NO_SUCH_ORDER: u32 = 201;
    /// Some input fields are null.
    pub(crate) const FIELDS_MISSING: u32 = 204;
    /// No key for the user, or the user is disabled.
    pub(crate) const NO_KEY: u32 = 205;
    /// The request's signature is wrong.
    pub(crate) const BAD_SIGNATURE: u32 = 206;
    /// A parameter is wrong.
    pub(crate) const BAD_PARAMETER: u32 = 207;
    /// Wrong payment type.
    pub(crate) const WRONG_PAYMENT_TYPE: u32 = 303;
    /// The wallet does not support this payment method.
    pub(crate) const METHOD_NOT_SUPPORTED: u32 = 304;
    /// The wallet is not assigned to the user.
    pub(crate) const WALLET_NOT_ASSIGNED: u32 = 450;
    /// Over the merchant's single-payment limit.
    pub(crate) const OVER_LIMIT: u32 = 454;
    /// Refund parameters are wrong.
    pub(crate) const REFUND_PARAMETERS: u32 = 550;
    /// The refund's order does not exist.
    pub(crate) const REFUND_NO_ORDER: u32 = 551;
    /// The order is already refunded in full.
    pub(crate) const REFUND_DONE: u32 = 562;
    /// Cancel: the order is already paid.
    pub(crate) const ALREADY_PAID: u32 = 900;
    /// Cancel: the order has already failed.
    pub(crate) const ALREADY_FAILED: u32 = 901;
}

/// A refusal: Latipay's code and a message that says exactly what was wrong.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) code: u32,
    pub(crate) message: String,
}

impl Refusal {
    /// A refusal with `code` and `message`.
    pub(crate) fn new(code: u32, message: impl Into<String>) -> Self {
        Refusal {
            code,
            message: message.into(),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        json_ok(&json!({ "code": self.code, "message": self.message }))
    }
}

/// A path that cannot be read (e.g. not UTF-8 once decoded): 207, as JSON.
pub(crate) fn bad_path(rejection: axum::extract::rejection::PathRejection) -> Refusal {
    Refusal::new(
        code::BAD_PARAMETER,
        format!("the URL path cannot be read: {}", rejection.body_text()),
    )
}

/// A success: `{"code": 0, "message": "SUCCESS", …fields}` (`fields` is a JSON object).
pub(crate) fn success(fields: Value) -> Response {
    let mut body = Map::new();
    body.insert("code".into(), 0.into());
    body.insert("message".into(), "SUCCESS".into());
    if let Value::Object(fields) = fields {
        body.extend(fields);
    }
    json_ok(&Value::Object(body))
}

/// HTTP 200 with a JSON body.
pub(crate) fn json_ok(body: &Value) -> Response {
    json_text(StatusCode::OK, body.to_string())
}

/// A JSON body given as text (so numbers can keep their exact text).
pub(crate) fn json_text(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json;charset=UTF-8")],
        body,
    )
        .into_response()
}

/// The handlers' result.
pub(crate) type Answer = Result<Response, Refusal>;

/// Writes a JSON object field by field, so that a number can be written with
/// its exact text (`120.00` stays `120.00`, as Latipay sends amounts).
pub(crate) struct ObjectText(String);

impl ObjectText {
    /// An object starting `{"code":0,"message":"SUCCESS"`.
    pub(crate) fn success() -> Self {
        ObjectText(r#"{"code":0,"message":"SUCCESS""#.to_owned())
    }

    /// An empty object.
    pub(crate) fn empty() -> Self {
        ObjectText("{".to_owned())
    }

    fn key(&mut self, name: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        self.0.push_str(&Value::from(name).to_string());
        self.0.push(':');
    }

    /// Adds a string field.
    pub(crate) fn string(mut self, name: &str, value: &str) -> Self {
        self.key(name);
        self.0.push_str(&Value::from(value).to_string());
        self
    }

    /// Adds a number field written exactly as `text`, which must be a JSON number.
    pub(crate) fn number(mut self, name: &str, text: &str) -> Self {
        debug_assert!(
            serde_json::from_str::<serde_json::Number>(text).is_ok(),
            "{text:?} is not a JSON number"
        );
        self.key(name);
        self.0.push_str(text);
        self
    }

    /// Adds a field whose value is already JSON text (an object built the same way).
    pub(crate) fn raw(mut self, name: &str, json: String) -> Self {
        self.key(name);
        self.0.push_str(&json);
        self
    }

    /// The finished JSON text.
    pub(crate) fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}
