//! The blocking client's driver: carries an [`Exchange`] over one `ureq`
//! agent. It only moves bytes and tells the exchange what happened; every
//! decision (retries, the deadline, limits) is the exchange's.

use std::io::ErrorKind as Kind;
use std::thread::sleep;
use std::time::Duration;

use ureq::tls::{RootCerts, TlsConfig};
use ureq::Agent;

use super::config::Config;
use super::exchange::{Exchange, Failure, HttpRequest, Step, MAX_BODY_BYTES, MAX_HEADER_BYTES};
use super::network::Network;
use super::proxy::Proxy;
use crate::error::Result;
use crate::request::Method;

/// Sends the exchanges' requests.
#[derive(Debug)]
pub(crate) struct Transport {
    agent: Agent,
    connect_timeout: Duration,
}

impl Transport {
    /// An agent for `config`, trusting what `network` says; each exchange
    /// carries its own proxy.
    pub(crate) fn new(config: &Config, network: &Network) -> Self {
        let roots = match network.roots() {
            Some(roots) => RootCerts::Specific(roots.clone()),
            None => RootCerts::WebPki,
        };
        // The headers every exchange asks for, set once on the agent.
        let agent = Agent::config_builder()
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            // Chosen per request by `ProxySettings`, never by ureq's own reading of the environment.
            .proxy(None)
            .user_agent(config.user_agent.as_str())
            .accept("application/json")
            .accept_encoding("identity")
            .max_response_header_size(MAX_HEADER_BYTES)
            .timeout_connect(Some(config.connect_timeout))
            .build()
            .into();
        Transport {
            agent,
            connect_timeout: config.connect_timeout,
        }
    }

    /// Carries `exchange` through to its result, pausing between attempts.
    pub(crate) fn drive<T>(&self, mut exchange: Exchange<T>) -> Result<T> {
        let proxy = exchange.proxy().cloned();
        loop {
            match exchange.step() {
                Step::Send(request) => match self.attempt(&request, proxy.as_ref()) {
                    Ok(mut response) => {
                        let status = response.status().as_u16();
                        let headers = response.headers().iter();
                        if exchange.head(status, headers.map(|(n, v)| (n.as_str(), v.as_bytes()))) {
                            match read_body(&mut response) {
                                Ok(body) => exchange.body(&body),
                                Err(e) => exchange.failed(failure(e)),
                            }
                        }
                    }
                    Err(e) => exchange.failed(failure(e)),
                },
                Step::Wait(pause) => sleep(pause),
                Step::Done(result) => return result,
            }
        }
    }

    /// Sends one attempt. Only what differs from the agent's settings is set
    /// per request.
    fn attempt(
        &self,
        request: &HttpRequest<'_>,
        proxy: Option<&Proxy>,
    ) -> std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        macro_rules! limited {
            ($request:expr) => {{
                let mut config = $request.config().timeout_global(Some(request.timeout));
                if request.connect_timeout < self.connect_timeout {
                    config = config.timeout_connect(Some(request.connect_timeout));
                }
                if let Some(proxy) = proxy {
                    config = config.proxy(Some(proxy.proxy()));
                }
                config.build()
            }};
        }
        match request.method {
            Method::Get => limited!(self.agent.get(request.url)).call(),
            Method::Post => {
                let mut post = self.agent.post(request.url);
                if let Some((_, content_type)) =
                    request.headers.iter().find(|(n, _)| *n == "Content-Type")
                {
                    post = post.header("Content-Type", *content_type);
                }
                limited!(post).send(request.body.unwrap_or_default())
            }
        }
    }
}

/// The body, read up to the exchange's limit as the bytes arrive.
fn read_body(
    response: &mut ureq::http::Response<ureq::Body>,
) -> std::result::Result<Vec<u8>, ureq::Error> {
    response
        .body_mut()
        .with_config()
        .limit(MAX_BODY_BYTES)
        .read_to_vec()
}

/// What a ureq error means to the exchange.
fn failure(error: ureq::Error) -> Failure {
    match error {
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
            Failure::ConnectTimeout
        }
        ureq::Error::Timeout(which) => Failure::TimedOut(format!("no answer in time ({which})")),
        ureq::Error::Io(io) if io.kind() == Kind::TimedOut => Failure::TimedOut(io.to_string()),
        // rustls reports a refused certificate or a broken handshake as InvalidData.
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                Kind::InvalidData | Kind::InvalidInput | Kind::PermissionDenied | Kind::Unsupported
            ) =>
        {
            Failure::Permanent(io.to_string())
        }
        ureq::Error::BodyExceedsLimit(_) => Failure::BodyTooLarge,
        ureq::Error::LargeResponseHeader(..) => Failure::HeadersTooLarge,
        ureq::Error::Protocol(e) => Failure::NotHttp(e.to_string()),
        e @ (ureq::Error::Io(_) | ureq::Error::HostNotFound | ureq::Error::ConnectionFailed) => {
            Failure::Connection(e.to_string())
        }
        other => Failure::Permanent(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn ureq_errors_are_told_apart_as_the_exchange_needs() {
        let io = |kind, text| ureq::Error::Io(io::Error::new(kind, text));
        for (error, expected) in [
            (
                ureq::Error::Timeout(ureq::Timeout::Connect),
                Failure::ConnectTimeout,
            ),
            (
                ureq::Error::Timeout(ureq::Timeout::Resolve),
                Failure::ConnectTimeout,
            ),
            (
                ureq::Error::ConnectionFailed,
                Failure::Connection(ureq::Error::ConnectionFailed.to_string()),
            ),
            (
                io(Kind::ConnectionReset, "reset"),
                Failure::Connection("io: reset".into()),
            ),
            (
                io(Kind::InvalidData, "invalid peer certificate: UnknownIssuer"),
                Failure::Permanent("invalid peer certificate: UnknownIssuer".into()),
            ),
            (
                ureq::Error::LargeResponseHeader(70_000, MAX_HEADER_BYTES),
                Failure::HeadersTooLarge,
            ),
            (
                ureq::Error::BodyExceedsLimit(MAX_BODY_BYTES),
                Failure::BodyTooLarge,
            ),
            (
                ureq::Error::Tls("no provider"),
                Failure::Permanent(ureq::Error::Tls("no provider").to_string()),
            ),
        ] {
            assert_eq!(failure(error), expected);
        }
        assert!(matches!(
            failure(ureq::Error::Timeout(ureq::Timeout::RecvBody)),
            Failure::TimedOut(_)
        ));
    }
}
