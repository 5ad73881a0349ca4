//! Client configuration: who the merchant is, which Latipay, how patient.

use std::fmt;
use std::time::Duration;

use super::attempt::AttemptListener;
use super::network::TrustStore;
use crate::error::{quoted, Error, Result};
use crate::secret::{without_userinfo, ApiKey};

/// Latipay's production API.
pub const PRODUCTION_URL: &str = "https://api.latipay.net";
/// Latipay's staging API (used by Latipay's own plugins; credentials not public).
pub const STAGING_URL: &str = "https://api-staging.latipay.net";

/// Which Latipay to talk to. Its `Debug` output hides any `user:password@` a
/// custom URL holds (which [`crate::Client::new`] refuses anyway).
#[derive(Clone, PartialEq, Eq)]
pub enum Environment {
    /// [`PRODUCTION_URL`]
    Production,
    /// [`STAGING_URL`]
    Staging,
    /// Any other base URL, e.g. the local sandbox `http://127.0.0.1:41234`.
    Custom(String),
}

impl Environment {
    /// The base URL requests' paths are appended to.
    pub fn base_url(&self) -> &str {
        match self {
            Environment::Production => PRODUCTION_URL,
            Environment::Staging => STAGING_URL,
            Environment::Custom(url) => url,
        }
    }

    /// `production`, `staging`, or else a base URL.
    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "production" => Ok(Environment::Production),
            "staging" => Ok(Environment::Staging),
            url if url.contains("://") => Ok(Environment::Custom(url.to_owned())),
            other => Err(Error::invalid(
                "environment",
                format!(
                    "must be \"production\", \"staging\" or a base URL (got {})",
                    quoted(&without_userinfo(other))
                ),
            )),
        }
    }

    /// The environment a binding's options name (see
    /// [`crate::ffi::ClientOptions`]): `environment` (see
    /// [`Environment::parse`]) or `base_url`, not both; neither is production.
    /// `api_key` is scrubbed from the error (a key pasted into the wrong option
    /// is not quoted back).
    pub(crate) fn from_options(
        environment: Option<&str>,
        base_url: Option<&str>,
        api_key: &ApiKey,
    ) -> Result<Self> {
        match (environment, base_url) {
            (Some(_), Some(_)) => Err(Error::invalid(
                "base_url",
                "give either base_url or environment, not both",
            )),
            (None, Some(url)) => Ok(Environment::Custom(url.to_owned())),
            (Some(name), None) => Environment::parse(name).map_err(|e| e.redact(api_key)),
            (None, None) => Ok(Environment::Production),
        }
    }
}

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Environment::Production => f.write_str("Production"),
            Environment::Staging => f.write_str("Staging"),
            Environment::Custom(url) => f
                .debug_tuple("Custom")
                .field(&without_userinfo(url))
                .finish(),
        }
    }
}

/// Everything a [`crate::Client`] needs. Build one with [`Config::new`], then
/// adjust the public fields; [`crate::Client::new`] checks them all. Its
/// `Debug` output redacts the api_key and a proxy's password.
#[derive(Clone)]
pub struct Config {
    /// The Latipay user account, e.g. `U000334333`.
    pub user_id: String,
    /// The wallet payments go to, e.g. `W00000001`.
    pub wallet_id: String,
    /// The HMAC secret.
    pub api_key: ApiKey,
    /// Production, staging or a custom base URL.
    pub environment: Environment,
    /// Connecting to the server (TCP + TLS) in one attempt, within what is
    /// left of the call's `timeout`. Default 10 s.
    pub connect_timeout: Duration,
    /// The whole of an ordinary call: every attempt and every pause between
    /// them, from the first connection to the last byte. Default 30 s.
    pub timeout: Duration,
    /// The whole of a blocking query (`is_block=1`), retries included.
    /// Latipay may hold it 180 s, so this must be longer than that. Default 200 s.
    pub block_timeout: Duration,
    /// How many times a failed `GET` is tried again, within the call's timeout:
    /// only after a connection failure or an HTTP 5xx, never after what cannot
    /// succeed (a certificate or TLS failure, oversized headers). `POST`s are
    /// never retried. Default 2.
    pub max_retries: u32,
    /// The pause before the first retry; it doubles each time, up to 5 s.
    /// Default 200 ms.
    pub retry_backoff: Duration,
    /// The `User-Agent` header. Default `latipay-rust/<version>`.
    pub user_agent: String,
    /// The proxy every request goes through: `http://host:port` or
    /// `https://host:port`, with `user:password@` when it asks for them
    /// (anything else, SOCKS included, is refused). When `None`, the
    /// environment's `https_proxy`, `http_proxy`, `all_proxy` and `no_proxy`
    /// apply, read with curl's rules. Default `None`.
    pub proxy: Option<String>,
    /// More certificate authorities to trust, as PEM text (a company's
    /// TLS-inspecting proxy, a test server), on top of `trust_store`.
    /// Default `None`.
    pub ca_certificates: Option<String>,
    /// Mozilla's list built into the library, or the operating system's
    /// store. Default [`TrustStore::Bundled`].
    pub trust_store: TrustStore,
    /// Told of every attempt (method, path, status, duration, error code;
    /// never a key, signature or query string). Attempts also go to the `log`
    /// crate under the target `latipay`. Default `None`.
    pub on_attempt: Option<AttemptListener>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("user_id", &self.user_id)
            .field("wallet_id", &self.wallet_id)
            .field("api_key", &self.api_key)
            .field("environment", &self.environment)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("block_timeout", &self.block_timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_backoff", &self.retry_backoff)
            .field("user_agent", &self.user_agent)
            .field("proxy", &self.proxy.as_deref().map(without_userinfo))
            .field(
                "ca_certificates",
                &self.ca_certificates.as_ref().map(|pem| pem.len()),
            )
            .field("trust_store", &self.trust_store)
            .field("on_attempt", &self.on_attempt)
            .finish()
    }
}

/// How long Latipay may hold a blocking query before answering.
pub const LONG_POLL_HOLD: Duration = Duration::from_secs(180);

/// The longest timeout accepted: far beyond any real need, and far from the
/// overflow of a deadline computed from it.
const MAX_TIMEOUT: Duration = Duration::from_secs(24 * 3600);

/// The longest pause between two retries, however many there are.
pub(crate) const MAX_BACKOFF: Duration = Duration::from_secs(5);

impl Config {
    /// A configuration with the defaults listed on each field.
    pub fn new(
        user_id: impl Into<String>,
        wallet_id: impl Into<String>,
        api_key: ApiKey,
        environment: Environment,
    ) -> Self {
        Config {
            user_id: user_id.into(),
            wallet_id: wallet_id.into(),
            api_key,
            environment,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            block_timeout: Duration::from_secs(200),
            max_retries: 2,
            retry_backoff: Duration::from_millis(200),
            user_agent: concat!("latipay-rust/", env!("CARGO_PKG_VERSION")).to_owned(),
            proxy: None,
            ca_certificates: None,
            trust_store: TrustStore::Bundled,
            on_attempt: None,
        }
    }

    /// Checks what [`crate::Credentials::new`] does not: the base URL and the timeouts.
    pub(crate) fn validate(&self) -> Result<url::Url> {
        let base = self.environment.base_url();
        let shown = quoted(&without_userinfo(base));
        if base.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::invalid(
                "base_url",
                format!("must not contain spaces or control characters (got {shown})"),
            ));
        }
        let url = url::Url::parse(base).map_err(|e| {
            Error::invalid("base_url", format!("is not a valid URL: {e} (got {shown})"))
        })?;
        if holds_key(base, url.as_str(), self.api_key.expose()) {
            return Err(Error::invalid(
                "base_url",
                "must not hold the api_key (it would show wherever the URL does)",
            ));
        }
        // An `@` anywhere may end a password (`https://shop:2024/pw@host` reads as a
        // path to a parser): none belongs in Latipay's base URL.
        if !url.username().is_empty() || url.password().is_some() || base.contains('@') {
            return Err(Error::invalid(
                "base_url",
                format!(
                    "must not hold a user name or password: requests are signed with the api_key, \
                     and credentials in a URL end up in logs (got {shown})"
                ),
            ));
        }
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(Error::invalid(
                "base_url",
                format!("must be an http(s) URL (got {shown})"),
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::invalid(
                "base_url",
                "must not have a query or fragment",
            ));
        }
        for (field, value) in [
            ("connect_timeout", self.connect_timeout),
            ("timeout", self.timeout),
            ("block_timeout", self.block_timeout),
        ] {
            if value.is_zero() {
                return Err(Error::invalid(field, "must be greater than zero"));
            }
            if value > MAX_TIMEOUT {
                return Err(Error::invalid(field, "must be at most one day"));
            }
        }
        if self.block_timeout <= LONG_POLL_HOLD {
            return Err(Error::invalid(
                "block_timeout",
                "must be longer than 180 s, the time Latipay may hold a blocking query",
            ));
        }
        if self.max_retries > 10 {
            return Err(Error::invalid("max_retries", "must be at most 10"));
        }
        // A header value every HTTP stack sends alike: printable ASCII.
        if self.user_agent.is_empty()
            || !self.user_agent.bytes().all(|b| (b' '..=b'~').contains(&b))
        {
            return Err(Error::invalid(
                "user_agent",
                "must be non-empty printable ASCII text (letters, digits, spaces, punctuation)",
            ));
        }
        Ok(url)
    }
}

/// Whether a base URL holds the api_key in any case, as written, parsed or
/// percent-decoded (the error scrub matches the key's exact text only). A key
/// under 8 characters could be found in a URL by chance: Latipay's are longer.
fn holds_key(base: &str, parsed: &str, key: &str) -> bool {
    if key.chars().count() < 8 {
        return false;
    }
    let key = key.to_lowercase();
    let decoded = percent_encoding::percent_decode_str(base).decode_utf8_lossy();
    [base, parsed, &decoded]
        .iter()
        .any(|text| text.to_lowercase().contains(&key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_from_options() {
        let key = ApiKey::new("k3y-value").unwrap();
        let from = |env, url| Environment::from_options(env, url, &key);
        assert_eq!(from(None, None).unwrap(), Environment::Production);
        assert_eq!(from(Some("staging"), None).unwrap(), Environment::Staging);
        assert_eq!(
            from(None, Some("http://127.0.0.1:1")).unwrap(),
            Environment::Custom("http://127.0.0.1:1".to_owned())
        );
        let both = from(Some("staging"), Some("http://127.0.0.1:1")).unwrap_err();
        assert!(matches!(both, Error::InvalidArgument { ref field, .. } if field == "base_url"));
        let key_as_env = from(Some("k3y-value"), None).unwrap_err().to_string();
        assert!(key_as_env.contains("environment") && !key_as_env.contains("k3y-value"));
    }

    fn config(env: Environment) -> Config {
        Config::new("U1", "W1", ApiKey::new("k3y-value").unwrap(), env)
    }

    #[test]
    fn environments() {
        assert_eq!(
            Environment::parse("production").unwrap().base_url(),
            PRODUCTION_URL
        );
        assert_eq!(
            Environment::parse("staging").unwrap().base_url(),
            STAGING_URL
        );
        assert_eq!(
            Environment::parse("http://127.0.0.1:9").unwrap().base_url(),
            "http://127.0.0.1:9"
        );
        assert!(Environment::parse("prod").is_err());
    }

    #[test]
    fn a_user_agent_must_be_printable_ascii() {
        for agent in [
            "",
            "shop\r\nX-Injected: 1",
            "caf\u{e9}/1.0",
            "\u{65e5}\u{672c}",
        ] {
            let mut c = config(Environment::Production);
            c.user_agent = agent.to_owned();
            let error = c.validate().unwrap_err();
            assert!(
                matches!(error, Error::InvalidArgument { ref field, .. } if field == "user_agent")
            );
        }
        let mut c = config(Environment::Production);
        c.user_agent = "my-shop/2.1 (+https://shop.example)".to_owned();
        assert!(c.validate().is_ok());
    }

    #[test]
    fn validates_base_url_and_timeouts() {
        assert!(config(Environment::Production).validate().is_ok());
        for bad in ["ftp://x", "http://x/?a=1", "http://x/#f", "not a url://"] {
            let err = config(Environment::Custom(bad.into()))
                .validate()
                .unwrap_err();
            assert_eq!(err.code(), "invalid_argument", "{bad}");
        }
        let mut c = config(Environment::Production);
        c.timeout = Duration::ZERO;
        assert!(c.validate().is_err());
        let mut c = config(Environment::Production);
        c.block_timeout = Duration::from_secs(180);
        assert!(c.validate().is_err());
        c.block_timeout = Duration::from_secs(181);
        assert!(c.validate().is_ok());
        // A deadline far in the future would overflow `Instant` in the transport.
        c.connect_timeout = Duration::from_secs(u64::MAX / 2);
        assert_eq!(c.validate().unwrap_err().code(), "invalid_argument");
    }

    #[test]
    fn credentials_in_the_base_url_are_refused_and_never_shown() {
        for url in [
            "https://merchant:pa55word@api.example",
            "http://pa55word@127.0.0.1:8450",
            "ftp://merchant:pa55word@api.example",
            "https://merchant:pa55word@",
            "https://merchant:2024/pa55word@api.example",
        ] {
            let config = config(Environment::Custom(url.into()));
            assert!(!format!("{config:?}").contains("pa55word"), "{config:?}");
            let err = config.validate().unwrap_err();
            assert!(
                matches!(err, Error::InvalidArgument { ref field, .. } if field == "base_url"),
                "{err:?}"
            );
            assert!(!err.to_string().contains("pa55word"), "{err}");
        }
        let err = Environment::parse("merchant:pa55word@api.example").unwrap_err();
        assert!(!err.to_string().contains("pa55word"), "{err}");
    }

    #[test]
    fn a_base_url_holding_the_key_or_spaces_is_refused() {
        let with_key = |url: &str| {
            let mut c = config(Environment::Custom(url.into()));
            c.api_key = ApiKey::new("Mk7QzPw2Lx").unwrap();
            c
        };
        for url in [
            "http://Mk7QzPw2Lx.invalid",
            "http://mk7qzpw2lx.invalid",
            "http://127.0.0.1:9/Mk7Q%7APw2Lx",
        ] {
            let err = with_key(url).validate().unwrap_err();
            assert!(err.to_string().contains("api_key"), "{err}");
            assert!(!err.to_string().to_lowercase().contains("mk7q"), "{err}");
        }
        assert!(with_key("http://127.0.0.1:9/shop").validate().is_ok());
        for spaced in ["http://127.0.0.1:9/a b", "http://127.0.0.1:9/\tx"] {
            let err = config(Environment::Custom(spaced.into())).validate();
            assert_eq!(err.unwrap_err().code(), "invalid_argument", "{spaced:?}");
        }
    }

    #[test]
    fn debug_redacts_the_key() {
        let shown = format!("{:?}", config(Environment::Production));
        assert!(!shown.contains("k3y-value"), "{shown}");
    }
}
