//! The JSON form of a fault: read from the body of `POST /_sandbox/faults`
//! (every field checked; a refusal names the field) and shown by the control
//! API with its `id` and `remaining` count.

use std::ops::RangeInclusive;
use std::time::Duration;

use axum::http::{HeaderValue, Method, StatusCode};
use serde_json::{json, Map, Value};

use super::{is_control, Fault, Kind, Rule};

/// The fault kinds, by their JSON names.
const KINDS: &str = "delay, status, reset, slow_body, oversized_body, gzip_bomb or redirect";

/// The waits a fault may ask for, in milliseconds: up to ten minutes.
const WAIT_MS: RangeInclusive<u64> = 1..=600_000;

/// The largest body a fault may send: 10 GiB.
const LARGEST_BODY: u64 = 10 << 30;

/// The body of a `status` fault when none is given.
const DEFAULT_BODY: &str = r#"{"error":"injected fault"}"#;

/// The chunk size of a `slow_body` fault when none is given.
const DEFAULT_CHUNK_BYTES: u64 = 16;

/// The pause between chunks of a `slow_body` fault when none is given.
const DEFAULT_CHUNK_MS: u64 = 100;

/// The size of an `oversized_body` when none is given: 3 MiB.
const DEFAULT_OVERSIZED_BYTES: u64 = 3 << 20;

/// What a `gzip_bomb` expands to when no size is given: 100 MiB.
const DEFAULT_BOMB_BYTES: u64 = 100 << 20;

/// Reads a fault from a `POST /_sandbox/faults` body, or says which field is wrong.
pub(super) fn parse(body: &[u8]) -> Result<(Rule, Kind), String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not valid JSON: {e}"))?;
    let Value::Object(map) = value else {
        return Err("the body must be a JSON object".into());
    };
    let mut fields = Fields(map);
    let rule = Rule {
        path: path(fields.string("path")?)?,
        method: fields.string("method")?.map(method).transpose()?,
        times: fields
            .number("times", 1..=u64::from(u32::MAX))?
            .map_or(1, |times| {
                u32::try_from(times).expect("the range keeps it within u32")
            }),
    };
    let fault = fields
        .string("fault")?
        .ok_or(format!("`fault` is required: one of {KINDS}"))?;
    let kind = match fault.as_str() {
        "delay" => Kind::Delay(Duration::from_millis(
            fields
                .number("ms", WAIT_MS)?
                .ok_or("`ms` is required for a delay")?,
        )),
        "status" => {
            let status = fields
                .number("status", 200..=599)?
                .ok_or("`status` is required for a status fault")?;
            let body = fields.string("body")?;
            let default_type = if body.is_some() {
                "text/plain; charset=utf-8"
            } else {
                "application/json"
            };
            Kind::Status {
                status: status_code(status),
                content_type: header_text("content_type", fields.string("content_type")?)?
                    .unwrap_or_else(|| default_type.to_owned()),
                body: body.unwrap_or_else(|| DEFAULT_BODY.to_owned()),
            }
        }
        "reset" => Kind::Reset,
        "slow_body" => Kind::SlowBody {
            chunk_bytes: usize::try_from(
                fields
                    .number("chunk_bytes", 1..=1 << 20)?
                    .unwrap_or(DEFAULT_CHUNK_BYTES),
            )
            .expect("the range keeps it small"),
            pause: Duration::from_millis(
                fields
                    .number("chunk_ms", WAIT_MS)?
                    .unwrap_or(DEFAULT_CHUNK_MS),
            ),
        },
        "oversized_body" => Kind::OversizedBody {
            bytes: fields
                .number("bytes", super::bodies::SHORTEST_OVERSIZED..=LARGEST_BODY)?
                .unwrap_or(DEFAULT_OVERSIZED_BYTES),
        },
        "gzip_bomb" => Kind::GzipBomb {
            bytes: fields
                .number("bytes", 1..=LARGEST_BODY)?
                .unwrap_or(DEFAULT_BOMB_BYTES),
        },
        "redirect" => Kind::Redirect {
            status: status_code(fields.number("status", 300..=399)?.unwrap_or(302)),
            location: header_text("location", fields.string("location")?)?
                .filter(|location| !location.is_empty())
                .ok_or("`location` is required for a redirect")?,
        },
        other => return Err(format!("`fault` must be one of {KINDS} (got {other:?})")),
    };
    fields.finish(&fault)?;
    Ok((rule, kind))
}

/// A fault as the control API shows it.
pub(super) fn view(fault: &Fault) -> Value {
    let mut view = json!({
        "id": fault.id,
        "path": fault.rule.path,
        "method": fault.rule.method.as_ref().map(Method::as_str),
        "times": fault.rule.times,
        "remaining": fault.remaining,
    });
    let details = match &fault.kind {
        Kind::Delay(pause) => json!({ "fault": "delay", "ms": pause.as_millis() }),
        Kind::Status {
            status,
            body,
            content_type,
        } => json!({
            "fault": "status",
            "status": status.as_u16(),
            "body": body,
            "content_type": content_type,
        }),
        Kind::Reset => json!({ "fault": "reset" }),
        Kind::SlowBody { chunk_bytes, pause } => json!({
            "fault": "slow_body",
            "chunk_bytes": chunk_bytes,
            "chunk_ms": pause.as_millis(),
        }),
        Kind::OversizedBody { bytes } => json!({ "fault": "oversized_body", "bytes": bytes }),
        Kind::GzipBomb { bytes } => json!({ "fault": "gzip_bomb", "bytes": bytes }),
        Kind::Redirect { status, location } => json!({
            "fault": "redirect",
            "status": status.as_u16(),
            "location": location,
        }),
    };
    if let (Value::Object(view), Value::Object(details)) = (&mut view, details) {
        view.extend(details);
    }
    view
}

/// The body's fields, each taken at most once; [`Fields::finish`] refuses
/// what is left. A field given as `null` counts as absent.
struct Fields(Map<String, Value>);

impl Fields {
    /// The string field `name`, if given.
    fn string(&mut self, name: &str) -> Result<Option<String>, String> {
        match self.0.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(other) => Err(format!("`{name}` must be a string (got {other})")),
        }
    }

    /// The whole-number field `name`, if given, within `range`.
    fn number(&mut self, name: &str, range: RangeInclusive<u64>) -> Result<Option<u64>, String> {
        match self.0.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => match value.as_u64() {
                Some(n) if range.contains(&n) => Ok(Some(n)),
                _ => Err(format!(
                    "`{name}` must be a whole number from {} to {} (got {value})",
                    range.start(),
                    range.end()
                )),
            },
        }
    }

    /// Refuses any field that was not taken: it does not belong to a `fault` fault.
    fn finish(self, fault: &str) -> Result<(), String> {
        match self.0.keys().next() {
            Some(name) => Err(format!("`{name}` is not a field of a {fault} fault")),
            None => Ok(()),
        }
    }
}

/// The `path` field: required, a path alone, never the control API's.
fn path(path: Option<String>) -> Result<String, String> {
    let path = path.ok_or("`path` is required, e.g. \"/v2/transaction\"")?;
    if !path.starts_with('/') || path.contains(['?', '#', ' ']) {
        return Err(format!(
            "`path` must be a path starting with / and without a query (got {path:?})"
        ));
    }
    if is_control(&path) {
        return Err(
            "`path` must not be under /_sandbox: faults never touch the control API".into(),
        );
    }
    Ok(path)
}

/// The `method` field: `GET` or `POST`.
fn method(method: String) -> Result<Method, String> {
    match method.as_str() {
        "GET" => Ok(Method::GET),
        "POST" => Ok(Method::POST),
        _ => Err(format!("`method` must be GET or POST (got {method:?})")),
    }
}

/// A status whose range the field already checked.
fn status_code(status: u64) -> StatusCode {
    u16::try_from(status)
        .ok()
        .and_then(|status| StatusCode::from_u16(status).ok())
        .expect("the range checked it")
}

/// The field `name` when it is usable as an HTTP header value.
fn header_text(name: &str, text: Option<String>) -> Result<Option<String>, String> {
    match text {
        Some(text) if HeaderValue::from_str(&text).is_err() => Err(format!(
            "`{name}` must be visible ASCII text, usable in an HTTP header (got {text:?})"
        )),
        text => Ok(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(body: &str) -> String {
        parse(body.as_bytes()).unwrap_err()
    }

    #[test]
    fn defaults_are_filled_in() {
        let (rule, kind) =
            parse(br#"{"path": "/refund", "fault": "status", "status": 503}"#).unwrap();
        assert_eq!(rule.method, None);
        assert_eq!(rule.times, 1);
        assert_eq!(
            kind,
            Kind::Status {
                status: StatusCode::SERVICE_UNAVAILABLE,
                body: DEFAULT_BODY.into(),
                content_type: "application/json".into(),
            }
        );
    }

    #[test]
    fn every_refusal_names_its_field() {
        for (body, field) in [
            (r#"{"fault": "reset"}"#, "`path`"),
            (r#"{"path": "refund", "fault": "reset"}"#, "`path`"),
            (
                r#"{"path": "/_sandbox/orders", "fault": "reset"}"#,
                "`path`",
            ),
            (r#"{"path": "/refund"}"#, "`fault`"),
            (r#"{"path": "/refund", "fault": "explode"}"#, "`fault`"),
            (
                r#"{"path": "/refund", "fault": "reset", "times": 0}"#,
                "`times`",
            ),
            (
                r#"{"path": "/refund", "fault": "reset", "times": "2"}"#,
                "`times`",
            ),
            (
                r#"{"path": "/refund", "fault": "reset", "method": "get"}"#,
                "`method`",
            ),
            (r#"{"path": "/refund", "fault": "reset", "ms": 5}"#, "`ms`"),
            (r#"{"path": "/refund", "fault": "delay"}"#, "`ms`"),
            (
                r#"{"path": "/refund", "fault": "status", "status": 99}"#,
                "`status`",
            ),
            (r#"{"path": "/refund", "fault": "status"}"#, "`status`"),
            (
                r#"{"path": "/refund", "fault": "status", "status": 500, "content_type": "a\nb"}"#,
                "`content_type`",
            ),
            (
                r#"{"path": "/refund", "fault": "slow_body", "chunk_bytes": 0}"#,
                "`chunk_bytes`",
            ),
            (
                r#"{"path": "/refund", "fault": "oversized_body", "bytes": 2}"#,
                "`bytes`",
            ),
            (r#"{"path": "/refund", "fault": "redirect"}"#, "`location`"),
            (
                r#"{"path": "/refund", "fault": "redirect", "location": "/x", "status": 200}"#,
                "`status`",
            ),
        ] {
            let refusal = refusal(body);
            assert!(refusal.contains(field), "{body}: {refusal}");
        }
        assert!(refusal("[]").contains("JSON object"));
        assert!(refusal("{").contains("not valid JSON"));
    }
}
