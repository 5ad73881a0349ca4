//! The core `Client` keeps one connection alive: many requests to the sandbox
//! go over a single TCP connection, counted by a relay in between.

mod support;

use std::io::copy;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;

use latipay::{PaymentMethod, Status};
use support::*;

/// A TCP relay to `target` that counts the connections it accepts.
struct CountingRelay {
    base_url: String,
    accepted: Arc<AtomicUsize>,
}

impl CountingRelay {
    fn start(target: &str) -> Self {
        let target = target
            .strip_prefix("http://")
            .expect("the sandbox speaks plain HTTP")
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let accepted = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&accepted);
        thread::spawn(move || {
            for client in listener.incoming().map_while(Result::ok) {
                counter.fetch_add(1, Ordering::SeqCst);
                let server = TcpStream::connect(&target).unwrap();
                relay(client, server);
            }
        });
        CountingRelay { base_url, accepted }
    }
}

/// Copies bytes both ways until either side closes.
fn relay(client: TcpStream, server: TcpStream) {
    let (mut client_in, mut server_out) =
        (client.try_clone().unwrap(), server.try_clone().unwrap());
    let (mut server_in, mut client_out) = (server, client);
    thread::spawn(move || {
        let _ = copy(&mut client_in, &mut server_out);
        let _ = server_out.shutdown(Shutdown::Write);
    });
    thread::spawn(move || {
        let _ = copy(&mut server_in, &mut client_out);
        let _ = client_out.shutdown(Shutdown::Write);
    });
}

#[test]
fn many_requests_share_one_connection() {
    let sandbox = sandbox();
    let relay = CountingRelay::start(sandbox.base_url());
    let merchant = client(&relay.base_url);
    let order = reference("reuse");
    let created = merchant
        .create_transaction(&hosted_order(
            &order,
            "12.50",
            PaymentMethod::Alipay,
            "http://127.0.0.1:9",
        ))
        .unwrap();
    assert!(!created.nonce.is_empty());
    for _ in 0..50 {
        assert_eq!(
            merchant.query(&order, false).unwrap().status,
            Status::Pending
        );
    }
    merchant.cancel(&order).unwrap();
    assert_eq!(
        merchant.query(&order, false).unwrap().status,
        Status::Canceled
    );
    assert_eq!(
        relay.accepted.load(Ordering::SeqCst),
        1,
        "53 requests, one TCP connection"
    );
}
