//! The blocking client against servers that misbehave on purpose: bounded
//! time (one deadline per call), bounded memory (nothing inflated), and no
//! retry of what cannot succeed.

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use latipay::{Client, Error};
use support::{config, Reply, Responder};

/// A listener that counts the connections it accepts and hands each to `serve`.
fn listen(serve: impl Fn(TcpStream) + Send + Sync + 'static) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    let serve = Arc::new(serve);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            counter.fetch_add(1, Ordering::SeqCst);
            let serve = Arc::clone(&serve);
            thread::spawn(move || serve(stream));
        }
    });
    (address, accepted)
}

#[test]
fn the_timeout_bounds_the_whole_call_retries_and_pauses_included() {
    // Each attempt is answered 503 after 400 ms: ten retries would take 4.4 s.
    let server = Responder::start(|_, _| Reply::SlowStatus(Duration::from_millis(400), 503));
    let mut config = config(&server.base_url);
    config.timeout = Duration::from_secs(1);
    config.max_retries = 10;
    let started = Instant::now();
    let err = Client::new(config)
        .unwrap()
        .query("order-1", false)
        .unwrap_err();
    let took = started.elapsed();
    assert_eq!(err.code(), "timeout", "{err}");
    assert!(
        err.to_string()
            .contains("timeout (1s), the limit on the whole call"),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("the one before: unexpected HTTP status 503"),
        "what the last retried attempt met is kept: {err}"
    );
    assert!(took < Duration::from_millis(1600), "took {took:?}");
    assert!(server.requests().len() <= 3, "{}", server.requests().len());
}

#[test]
fn no_retry_is_started_that_the_deadline_cannot_hold() {
    // 503 at once, but the first pause (2 s) would outlast the 1 s call.
    let server = Responder::start(|_, _| Reply::Status(503, "busy".into()));
    let mut config = config(&server.base_url);
    config.timeout = Duration::from_secs(1);
    config.retry_backoff = Duration::from_secs(2);
    let started = Instant::now();
    let err = Client::new(config)
        .unwrap()
        .query("order-1", false)
        .unwrap_err();
    assert!(
        matches!(err, Error::HttpStatus { status: 503, .. }),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_millis(900));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_connect_timeout_names_connect_timeout_and_a_get_tries_again() {
    // Accepts TCP but never answers the TLS handshake: connecting never completes.
    let held = Arc::new(Mutex::new(Vec::new()));
    let keep = Arc::clone(&held);
    let (address, accepted) = listen(move |stream| keep.lock().unwrap().push(stream));
    let mut config = config(&format!("https://{address}"));
    config.connect_timeout = Duration::from_millis(200);
    let err = Client::new(config)
        .unwrap()
        .query("order-1", false)
        .unwrap_err();
    assert_eq!(err.code(), "timeout", "{err}");
    let message = err.to_string();
    assert!(
        message.contains("could not connect within connect_timeout (200ms)"),
        "{message}"
    );
    assert!(message.contains("(after 3 attempts)"), "{message}");
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
}

#[test]
fn a_refused_certificate_is_not_retried() {
    let tls = self_signed_tls_server();
    let err = Client::new(config(&format!("https://localhost:{}", tls.port)))
        .unwrap()
        .query("order-1", false)
        .unwrap_err();
    assert_eq!(err.code(), "transport", "{err}");
    let message = err.to_string();
    assert!(message.contains("certificate"), "{message}");
    assert!(message.contains("not retried"), "{message}");
    assert_eq!(tls.accepted.load(Ordering::SeqCst), 1);
}

#[test]
fn a_server_that_does_not_speak_tls_is_not_retried() {
    let (address, accepted) = listen(|mut stream| {
        let _ = stream.read(&mut [0; 512]);
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    });
    let err = Client::new(config(&format!("https://{address}")))
        .unwrap()
        .query("order-1", false)
        .unwrap_err();
    assert_eq!(err.code(), "transport", "{err}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[test]
fn oversized_headers_are_malformed_and_not_retried() {
    let mut head = b"HTTP/1.1 200 OK\r\n".to_vec();
    for i in 0..2000 {
        head.extend_from_slice(format!("X-Filler-{i}: {}\r\n", "x".repeat(40)).as_bytes());
    }
    head.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
    let server = Responder::start(move |_, _| Reply::Raw(head.clone()));
    let err = Client::new(config(&server.base_url))
        .unwrap()
        .query("order-1", false)
        .unwrap_err();
    assert_eq!(err.code(), "malformed_response", "{err}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn no_compression_is_asked_for_and_a_compressed_answer_is_refused() {
    let gzip = gzip_of(b"{\"code\": 0}");
    let mut answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
        gzip.len()
    )
    .into_bytes();
    answer.extend_from_slice(&gzip);
    let server = Responder::start(move |_, _| Reply::Raw(answer.clone()));
    let err = Client::new(config(&server.base_url))
        .unwrap()
        .query("order-1", false)
        .unwrap_err();
    assert_eq!(err.code(), "malformed_response", "{err}");
    assert!(err.to_string().contains("compressed"), "{err}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].headers["accept-encoding"], "identity");
}

fn gzip_of(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A TLS server on loopback whose certificate no root vouches for.
struct TlsServer {
    port: u16,
    accepted: Arc<AtomicUsize>,
}

fn self_signed_tls_server() -> TlsServer {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let cert = CertificateDer::from(certified.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server_config = Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .unwrap(),
    );
    let (address, accepted) = listen(move |mut stream| {
        let mut connection = rustls::ServerConnection::new(Arc::clone(&server_config)).unwrap();
        let mut tls = rustls::Stream::new(&mut connection, &mut stream);
        let _ = tls.read(&mut [0; 1024]);
        let _ = tls.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    });
    let port = address.rsplit(':').next().unwrap().parse().unwrap();
    TlsServer { port, accepted }
}
