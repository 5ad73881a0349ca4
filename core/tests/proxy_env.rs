//! The proxy variables of the environment, as the client honours or refuses
//! them. One test, alone in its binary: the environment is the process's.

mod support;

use latipay::{Client, Error};
use support::{config, Reply, Responder};

const VARIABLES: [&str; 8] = [
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
];

fn client(base_url: &str) -> latipay::Result<Client> {
    let mut config = config(base_url);
    config.max_retries = 0;
    Client::new(config)
}

/// Runs `check` with exactly `vars` set among the proxy variables.
fn with_env(vars: &[(&str, &str)], check: impl FnOnce()) {
    for name in VARIABLES {
        std::env::remove_var(name);
    }
    for (name, value) in vars {
        std::env::set_var(name, value);
    }
    check();
    for name in VARIABLES {
        std::env::remove_var(name);
    }
}

#[test]
fn proxy_variables_are_honoured_bypassed_or_refused_as_documented() {
    let origin = Responder::start(|_, _| Reply::Status(404, String::new()));
    let proxy = Responder::start(|_, _| Reply::Status(418, String::new()));
    let proxy_url = proxy.base_url.clone();

    // http_proxy carries http:// requests: the proxy is asked to CONNECT to
    // the origin (and, being a teapot, refuses).
    with_env(&[("http_proxy", &proxy_url)], || {
        let err = client(&origin.base_url).unwrap().query("order-1", false);
        let through = format!("(through the proxy {proxy_url} (from http_proxy))");
        assert!(
            matches!(&err, Err(Error::Transport(m)) if m.contains("418") && m.contains(&through)),
            "{err:?}"
        );
    });
    let seen = proxy.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "CONNECT");
    assert_eq!(
        seen[0].target,
        origin.base_url.trim_start_matches("http://")
    );

    // NO_PROXY names the host: straight to the origin.
    with_env(
        &[
            ("ALL_PROXY", &proxy_url),
            ("NO_PROXY", "localhost,127.0.0.1"),
        ],
        || {
            let err = client(&origin.base_url).unwrap().query("order-1", false);
            assert!(
                matches!(err, Err(Error::HttpStatus { status: 404, .. })),
                "{err:?}"
            );
        },
    );

    // Upper-case HTTP_PROXY is not read (a CGI request can set it: httpoxy).
    with_env(&[("HTTP_PROXY", &proxy_url)], || {
        let err = client(&origin.base_url).unwrap().query("order-1", false);
        assert!(
            matches!(err, Err(Error::HttpStatus { status: 404, .. })),
            "{err:?}"
        );
    });
    assert_eq!(
        proxy.requests().len(),
        1,
        "only the first call went through the proxy"
    );

    // A SOCKS proxy is refused, not bypassed, and its password never shown.
    with_env(
        &[("ALL_PROXY", "socks5://merchant:pr0xy-pw@127.0.0.1:1080")],
        || {
            let err = client(&origin.base_url).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidArgument { field, .. } if field == "ALL_PROXY"),
                "{err:?}"
            );
            assert!(!err.to_string().contains("pr0xy-pw"), "{err}");
            assert!(!format!("{err:?}").contains("pr0xy-pw"), "{err:?}");
        },
    );
    // A SOCKS proxy that would not apply (another scheme, a host reached
    // directly) does not stop a client.
    with_env(&[("https_proxy", "socks5://127.0.0.1:1080")], || {
        let err = client(&origin.base_url).unwrap().query("order-1", false);
        assert!(
            matches!(err, Err(Error::HttpStatus { status: 404, .. })),
            "{err:?}"
        );
    });
    with_env(
        &[
            ("ALL_PROXY", "socks5://127.0.0.1:1080"),
            ("no_proxy", "127.0.0.0/8"),
        ],
        || {
            assert!(client(&origin.base_url).is_ok());
        },
    );
    assert_eq!(origin.requests().len(), 3);
}
