//! Bodies that misbehave: the real answer's body trickled out, and a huge
//! JSON body streamed without ever being held in memory.

use std::convert::Infallible;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use futures_util::stream;

/// How an oversized body starts: a Latipay-looking answer whose message is
/// the filler.
const OVERSIZED_START: &[u8] = br#"{"code":0,"message":""#;

/// How an oversized body ends.
const OVERSIZED_END: &[u8] = br#""}"#;

/// The smallest oversized body: its start and end with room to spare.
pub(super) const SHORTEST_OVERSIZED: u64 = 64;

/// The size of one filler chunk of an oversized body.
const FILLER_CHUNK: usize = 64 << 10;

/// One chunk of filler, shared by every oversized body.
static FILLER: [u8; FILLER_CHUNK] = [b'x'; FILLER_CHUNK];

/// `response` with its body sent `chunk_bytes` at a time, `pause` apart.
/// The status and headers go at once, with the body's true `Content-Length`.
pub(super) async fn slowly(response: Response, chunk_bytes: usize, pause: Duration) -> Response {
    let (mut parts, body) = response.into_parts();
    // The sandbox's own bodies are made in memory: reading one cannot fail.
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let chunks = stream::unfold((body, false), move |(mut rest, started)| async move {
        if rest.is_empty() {
            return None;
        }
        if started {
            tokio::time::sleep(pause).await;
        }
        let chunk = rest.split_to(chunk_bytes.min(rest.len()));
        Some((Ok::<_, Infallible>(chunk), (rest, true)))
    });
    Response::from_parts(parts, Body::from_stream(chunks))
}

/// A 200 whose JSON body, `{"code":0,"message":"xxx…"}`, is exactly `bytes`
/// long (at least [`SHORTEST_OVERSIZED`]), streamed from one shared chunk.
pub(super) fn oversized(bytes: u64) -> Response {
    let filler = bytes - (OVERSIZED_START.len() + OVERSIZED_END.len()) as u64;
    let whole_chunks = filler / FILLER_CHUNK as u64;
    let last_chunk = usize::try_from(filler % FILLER_CHUNK as u64).expect("below one chunk");
    let chunks = std::iter::once(OVERSIZED_START)
        .chain((0..whole_chunks).map(|_| &FILLER[..]))
        .chain([&FILLER[..last_chunk], OVERSIZED_END])
        .map(|chunk| Ok::<_, Infallible>(Bytes::from_static(chunk)));
    json_stream(bytes, Body::from_stream(stream::iter(chunks)))
}

/// A 200 JSON answer whose body, of `length` bytes, is streamed.
pub(super) fn json_stream(length: u64, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::OK;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
