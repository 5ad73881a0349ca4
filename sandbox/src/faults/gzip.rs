//! The gzip bomb: a small gzip body that expands to a huge one, streamed.
//!
//! A deflate stream is a series of blocks. One mebibyte of spaces is deflated
//! once, by a fresh compressor (so it refers to nothing before it) and ended
//! with a sync flush (so it ends on a byte boundary, not final): that piece
//! can be sent any number of times in a row. The rest and the final block
//! follow, then gzip's trailer (CRC-32 and length).

use std::convert::Infallible;
use std::io::Write;
use std::sync::OnceLock;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};
use futures_util::stream;

use super::bodies::json_stream;

/// What the body expands to: JSON white space.
const FILLING: u8 = b' ';

/// How much one repeated piece expands to: 1 MiB.
const PIECE: usize = 1 << 20;

/// gzip's header: deflate, no name, no time, unknown system.
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// One repeatable piece: [`PIECE`] bytes of [`FILLING`], deflated.
struct Piece {
    deflated: Bytes,
    crc: Crc,
}

/// The piece, made the first time a bomb is asked for.
fn piece() -> &'static Piece {
    static PIECE_ONCE: OnceLock<Piece> = OnceLock::new();
    PIECE_ONCE.get_or_init(|| {
        let filling = vec![FILLING; PIECE];
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
        encoder
            .write_all(&filling)
            .and_then(|()| encoder.flush())
            .expect("deflating into memory cannot fail");
        let mut crc = Crc::new();
        crc.update(&filling);
        Piece {
            deflated: Bytes::from(std::mem::take(encoder.get_mut())),
            crc,
        }
    })
}

/// `bytes` of filling deflated as the last, final blocks.
fn deflated_end(bytes: usize) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(&vec![FILLING; bytes])
        .and_then(|()| encoder.finish())
        .expect("deflating into memory cannot fail")
}

/// A 200 with `Content-Encoding: gzip` whose body expands to `bytes` bytes of
/// JSON white space; about a thousandth of that is sent.
pub(super) fn bomb(bytes: u64) -> Response {
    let piece = piece();
    let pieces = bytes / PIECE as u64;
    let rest = usize::try_from(bytes % PIECE as u64).expect("below one piece");
    let mut crc = Crc::new();
    for _ in 0..pieces {
        crc.combine(&piece.crc);
    }
    crc.update(&vec![FILLING; rest]);
    let end = deflated_end(rest);
    let mut trailer = Vec::with_capacity(8);
    trailer.extend_from_slice(&crc.sum().to_le_bytes());
    trailer.extend_from_slice(&(bytes as u32).to_le_bytes()); // the length modulo 2^32, as gzip says
    let length = (GZIP_HEADER.len() + end.len() + trailer.len()) as u64
        + pieces * piece.deflated.len() as u64;
    let chunks = std::iter::once(Bytes::from_static(&GZIP_HEADER))
        .chain((0..pieces).map(|_| piece.deflated.clone()))
        .chain([Bytes::from(end), Bytes::from(trailer)])
        .map(Ok::<_, Infallible>);
    let mut response = json_stream(length, Body::from_stream(stream::iter(chunks)));
    response
        .headers_mut()
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    response
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// The whole body of a bomb of `bytes`, checked against its `Content-Length`.
    fn body_of(bytes: u64) -> Vec<u8> {
        let response = bomb(bytes);
        let length = response.headers()[header::CONTENT_LENGTH].clone();
        let body = response.into_body();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let body = runtime
            .block_on(axum::body::to_bytes(body, usize::MAX))
            .unwrap();
        assert_eq!(length, body.len().to_string().as_str());
        body.to_vec()
    }

    #[test]
    fn expands_to_exactly_the_size_asked_for_with_a_valid_trailer() {
        for bytes in [1, PIECE as u64, 2 * PIECE as u64 + 12_345] {
            let body = body_of(bytes);
            let mut expanded = Vec::new();
            flate2::read::GzDecoder::new(&body[..])
                .read_to_end(&mut expanded)
                .unwrap();
            assert_eq!(expanded.len() as u64, bytes);
            assert!(expanded.iter().all(|&b| b == FILLING));
        }
    }

    #[test]
    fn a_hundred_mebibytes_is_sent_in_about_a_tenth_of_a_mebibyte() {
        let response = bomb(100 << 20);
        let length: usize = response.headers()[header::CONTENT_LENGTH]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(length < 300 << 10, "{length}");
    }
}
