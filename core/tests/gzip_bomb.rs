//! A 1 MB gzip answer that inflates to 1 GiB must cost the client next to no
//! memory: it asks for no compression, refuses a compressed answer, and counts
//! its body limit in bytes as sent. Alone in its test binary, so the process's
//! peak memory is this test's.

mod support;

use std::io::Write;
use std::time::Duration;

use flate2::{Compress, Compression, Crc, FlushCompress};
use latipay::Client;
use support::{config, Reply, Responder};

const MIB: usize = 1024 * 1024;

/// A gzip file of 1 GiB of zeros, about 1 MB long: one raw deflate segment
/// for 1 MiB of zeros (ending on a full flush, so it stands alone) repeated
/// 1024 times, a final empty block, and the right CRC and length.
fn gzip_bomb() -> Vec<u8> {
    let zeros = vec![0u8; MIB];
    let mut deflate = Compress::new(Compression::best(), false);
    let mut segment = Vec::with_capacity(64 * 1024);
    deflate
        .compress_vec(&zeros, &mut segment, FlushCompress::Full)
        .unwrap();
    let mut crc_of_mib = Crc::new();
    crc_of_mib.update(&zeros);
    let mut crc = Crc::new();
    let mut bomb = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    for _ in 0..1024 {
        bomb.extend_from_slice(&segment);
        crc.combine(&crc_of_mib);
    }
    bomb.extend_from_slice(&[0x03, 0x00]); // a final, empty, fixed-Huffman block
    bomb.extend_from_slice(&crc.sum().to_le_bytes());
    bomb.extend_from_slice(&(crc.amount()).to_le_bytes()); // 2^30 mod 2^32
    bomb
}

/// The process's peak resident memory so far, in bytes (Linux).
fn peak_memory() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

fn answer(bomb: &[u8], content_encoding: Option<&str>) -> Vec<u8> {
    let mut answer = Vec::new();
    write!(
        answer,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    )
    .unwrap();
    if let Some(encoding) = content_encoding {
        write!(answer, "Content-Encoding: {encoding}\r\n").unwrap();
    }
    write!(answer, "Content-Length: {}\r\n\r\n", bomb.len()).unwrap();
    answer.extend_from_slice(bomb);
    answer
}

#[test]
fn a_gzip_bomb_is_refused_without_inflating_it() {
    let bomb = gzip_bomb();
    assert!(bomb.len() < 1_200_000, "{} bytes", bomb.len());
    let mut check = flate2::read::GzDecoder::new(&bomb[..]);
    let inflated = std::io::copy(&mut check, &mut std::io::sink()).unwrap();
    assert_eq!(inflated, 1 << 30, "the bomb inflates to 1 GiB");

    let with_header = answer(&bomb, Some("gzip"));
    let without_header = answer(&bomb, None);
    let server = Responder::start(move |i, _| {
        Reply::Raw(if i == 0 {
            with_header.clone()
        } else {
            without_header.clone()
        })
    });
    let mut config = config(&server.base_url);
    config.timeout = Duration::from_secs(10);
    let client = Client::new(config).unwrap();
    let before = peak_memory();
    for _ in 0..2 {
        let err = client.query("order-1", false).unwrap_err();
        assert_eq!(err.code(), "malformed_response", "{err}");
    }
    let grown = peak_memory().saturating_sub(before);
    assert!(grown < 20 * MIB, "peak memory grew by {grown} bytes");
    assert_eq!(server.requests().len(), 2);
}
