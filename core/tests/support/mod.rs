// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

//! A tiny scripted HTTP/1.1 server on 127.0.0.1 for client tests: it records
//! every request and answers each with whatever the test's handler returns.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// A client configuration for the demo merchant at `base_url`: 5 s per call,
/// 10 ms before the first retry.
pub fn config(base_url: &str) -> latipay::Config {
    let mut config = latipay::Config::new(
        "U000334333",
        "W00000001",
        latipay::ApiKey::new("111222333").unwrap(),
        latipay::Environment::Custom(base_url.to_owned()),
    );
    config.timeout = Duration::from_secs(5);
    config.retry_backoff = Duration::from_millis(10);
    config
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Header names lower-cased.
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

/// What to do with a request.
pub enum Reply {
    /// HTTP 200 with this JSON body.
    Json(String),
    /// This status and body.
    Status(u16, String),
    /// Wait, then answer HTTP 200 with this body.
    Slow(Duration, String),
    /// Wait, then answer with this status and an empty body.
    SlowStatus(Duration, u16),
    /// Write these bytes as the whole answer, head included.
    Raw(Vec<u8>),
    /// Close the connection without answering.
    Hangup,
}

pub struct Responder {
    pub base_url: String,
    log: Arc<Mutex<Vec<Recorded>>>,
}

impl Responder {
    /// Starts serving; `handler` gets the request's index (from 0) and the request.
    pub fn start(handler: impl Fn(usize, &Recorded) -> Reply + Send + 'static) -> Responder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let server_log = Arc::clone(&log);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let Some(request) = read_request(&stream) else {
                    continue;
                };
                let index = {
                    let mut log = server_log.lock().unwrap();
                    log.push(request.clone());
                    log.len() - 1
                };
                answer(stream, handler(index, &request));
            }
        });
        Responder { base_url, log }
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().unwrap().clone()
    }
}

fn read_request(stream: &TcpStream) -> Option<Recorded> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = BTreeMap::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Recorded {
        method,
        target,
        headers,
        body: String::from_utf8(body).ok()?,
    })
}

fn answer(mut stream: TcpStream, reply: Reply) {
    let (status, body) = match reply {
        Reply::Json(body) => (200, body),
        Reply::Status(status, body) => (status, body),
        Reply::Slow(wait, body) => {
            thread::sleep(wait);
            (200, body)
        }
        Reply::SlowStatus(wait, status) => {
            thread::sleep(wait);
            (status, String::new())
        }
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes);
            return;
        }
        Reply::Hangup => return,
    };
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}
