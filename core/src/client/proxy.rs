//! Which proxy, if any, a request goes through: read once from the
//! environment, with curl's rules, and refused when it cannot be honoured.
//!
//! * `https://` URLs: `https_proxy` or `HTTPS_PROXY`, else `all_proxy` or `ALL_PROXY`.
//! * `http://` URLs: `http_proxy` (lower case only: CGI servers set
//!   `HTTP_PROXY` from a request's `Proxy:` header, the "httpoxy" attack), else
//!   `all_proxy` or `ALL_PROXY`.
//! * `no_proxy` or `NO_PROXY`: comma-separated host names (each also matching
//!   its subdomains; a leading `.` is allowed), IP addresses, networks in CIDR
//!   form (`10.0.0.0/8`), or `*` for all.
//!
//! A proxy must be `http://` or `https://` (`host:port` alone means `http://`),
//! with an optional `user:password@` sent as Proxy-Authorization. Anything
//! else, a SOCKS proxy or text that is not Unicode included, is refused with
//! `invalid_argument` naming the variable rather than silently bypassed:
//! [`crate::Client::new`] fails when it would apply to the base URL, a request
//! to another URL it would apply to fails without being sent. Its credentials
//! are never shown.

use std::ffi::OsString;
use std::fmt;
use std::net::IpAddr;

use crate::error::{Error, Result};

/// The variables read for `https://` URLs, in order.
const FOR_HTTPS: [&str; 4] = ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"];
/// The variables read for `http://` URLs, in order (no `HTTP_PROXY`: httpoxy).
const FOR_HTTP: [&str; 3] = ["http_proxy", "all_proxy", "ALL_PROXY"];
/// The variables listing hosts reached directly, in order.
const NO_PROXY: [&str; 2] = ["no_proxy", "NO_PROXY"];

/// A proxy taken from one environment variable.
#[derive(Clone)]
pub(crate) struct Proxy {
    /// The variable it came from.
    variable: &'static str,
    /// `scheme://host:port`, without credentials: safe to show.
    shown: String,
    /// The whole URL, credentials included: for the HTTP stack only.
    url: String,
    proxy: ureq::Proxy,
}

impl Proxy {
    /// The proxy, for ureq.
    pub(crate) fn proxy(&self) -> ureq::Proxy {
        self.proxy.clone()
    }

    /// The whole URL (`http://user:password@host:port`), for the HTTP stack
    /// only: never show it.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// Where requests go and why, for messages: `the proxy http://p:3128 (from https_proxy)`.
    pub(crate) fn describe(&self) -> String {
        match self.variable {
            "proxy" => format!("the proxy {} (given as the proxy option)", self.shown),
            variable => format!("the proxy {} (from {variable})", self.shown),
        }
    }
}

/// A host `no_proxy` sends straight to its server.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Direct {
    /// `*`: every host.
    All,
    /// A name, and every name under it.
    Domain(String),
    /// An address, or a network of addresses (`10.0.0.0/8`).
    Network(IpAddr, u8),
}

/// The proxies the environment asks for (or why one cannot be used), and the
/// hosts that bypass them.
#[derive(Clone, Default)]
pub(crate) struct ProxySettings {
    https: Option<Result<Proxy>>,
    http: Option<Result<Proxy>>,
    direct: Vec<Direct>,
}

impl ProxySettings {
    /// Reads the process's environment (see the module's rules).
    pub(crate) fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var_os(name))
    }

    /// One proxy for every request, given explicitly (the environment is
    /// not read); refused unless `http://` or `https://`.
    pub(crate) fn explicit(url: &str) -> Result<Self> {
        let proxy = parse("proxy", url.into())?;
        Ok(ProxySettings {
            https: Some(Ok(proxy.clone())),
            http: Some(Ok(proxy)),
            direct: Vec::new(),
        })
    }

    /// Reads the variables through `lookup`; an empty value counts as unset.
    fn from_lookup(lookup: impl Fn(&str) -> Option<OsString>) -> Self {
        let first = |names: &[&'static str]| {
            names.iter().find_map(|name| {
                let value = lookup(name).filter(|v| !v.to_string_lossy().trim().is_empty())?;
                Some((*name, value))
            })
        };
        let proxy = |names: &[&'static str]| first(names).map(|(name, value)| parse(name, value));
        let mut settings = ProxySettings {
            https: proxy(&FOR_HTTPS),
            http: proxy(&FOR_HTTP),
            direct: first(&NO_PROXY)
                .map(|(_, list)| {
                    list.to_string_lossy()
                        .split(',')
                        .filter_map(direct)
                        .collect()
                })
                .unwrap_or_default(),
        };
        // A list that is not text cannot be honoured: nothing goes through a
        // proxy it might have meant to bypass.
        if let Some((name, _)) = first(&NO_PROXY).filter(|(_, list)| list.to_str().is_none()) {
            let refused = Error::invalid(name, "is not Unicode text; list host names, or unset it");
            settings.direct.clear();
            for choice in [&mut settings.https, &mut settings.http] {
                if choice.is_some() {
                    *choice = Some(Err(refused.clone()));
                }
            }
        }
        settings
    }

    /// The proxy for a request to `url` (an absolute http(s) URL), if any; an
    /// error when the variable that applies cannot be honoured. The URL is
    /// read only when the environment names a proxy at all (the usual case
    /// names none).
    pub(crate) fn for_url(&self, url: &str) -> Result<Option<&Proxy>> {
        if self.https.is_none() && self.http.is_none() {
            return Ok(None);
        }
        let Ok(url) = url::Url::parse(url) else {
            return Ok(None);
        };
        let chosen = match url.scheme() {
            "https" => self.https.as_ref(),
            _ => self.http.as_ref(),
        };
        let Some(chosen) = chosen else {
            return Ok(None);
        };
        if url.host_str().is_some_and(|host| self.is_direct(host)) {
            return Ok(None);
        }
        chosen.as_ref().map(Some).map_err(Clone::clone)
    }

    fn is_direct(&self, host: &str) -> bool {
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let address = host.parse::<IpAddr>().ok();
        self.direct.iter().any(|entry| match entry {
            Direct::All => true,
            Direct::Domain(name) => {
                host == *name
                    || host
                        .strip_suffix(name.as_str())
                        .is_some_and(|head| head.ends_with('.'))
            }
            Direct::Network(network, bits) => address.is_some_and(|a| within(a, *network, *bits)),
        })
    }
}

/// One `no_proxy` entry: `*`, a name (`.example.com` alike), an address or a
/// network; `None` for an empty one.
fn direct(entry: &str) -> Option<Direct> {
    let entry = entry
        .trim()
        .trim_start_matches("*.")
        .trim_start_matches('.');
    let entry = entry.trim_end_matches('.').to_ascii_lowercase();
    if entry.is_empty() {
        return None;
    }
    if entry == "*" {
        return Some(Direct::All);
    }
    let (address, bits) = match entry.split_once('/') {
        Some((address, bits)) => (address, bits.parse().ok()),
        None => (entry.as_str(), None),
    };
    let address = address.trim_start_matches('[').trim_end_matches(']');
    match address.parse::<IpAddr>() {
        Ok(ip) => {
            let full = if ip.is_ipv4() { 32 } else { 128 };
            Some(Direct::Network(ip, bits.unwrap_or(full).min(full)))
        }
        Err(_) => Some(Direct::Domain(entry)),
    }
}

/// Whether `address` is in the network `network/bits`.
fn within(address: IpAddr, network: IpAddr, bits: u8) -> bool {
    let prefix = |a: u128, width: u32| a.checked_shr(width - u32::from(bits)).unwrap_or(0);
    match (address, network) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            prefix(u32::from(a).into(), 32) == prefix(u32::from(n).into(), 32)
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => prefix(a.into(), 128) == prefix(n.into(), 128),
        _ => false,
    }
}

/// Parses the value of the variable `name` as an http(s) proxy.
fn parse(name: &'static str, value: OsString) -> Result<Proxy> {
    let refuse = |why: String| Error::invalid(name, why);
    let value = value
        .into_string()
        .map_err(|_| refuse("is not Unicode text; use http://host:port or unset it".to_owned()))?;
    let value = value.trim();
    let with_scheme = if value.contains("://") {
        value.to_owned()
    } else {
        format!("http://{value}")
    };
    let url = url::Url::parse(&with_scheme)
        .map_err(|_| refuse("is not a proxy URL; use http://host:port or unset it".to_owned()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refuse(format!(
            "names a {} proxy, which this library does not support (it would not be \
             used, and requests would go around it): use an http:// or https:// proxy, \
             or unset {name}",
            url.scheme()
        )));
    }
    let Some(host) = url.host_str().filter(|h| !h.is_empty()) else {
        return Err(refuse("has no host; use http://host:port".to_owned()));
    };
    // A proxy is a host and a port: a path, query or fragment is a mistake,
    // or a password holding `/` that the parser took for the end of the host.
    if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
        return Err(refuse(
            "holds more than a host and a port (a password with '/', '?' or '#' must be \
             percent-encoded); use http://user:password@host:port"
                .to_owned(),
        ));
    }
    let credentials = [url.username(), url.password().unwrap_or_default()];
    if !credentials.iter().all(|part| well_encoded(part)) {
        return Err(refuse(
            "has a user name or password with a '%' not followed by two hex digits: \
             percent-encode it (a '%' is %25)"
                .to_owned(),
        ));
    }
    let proxy = ureq::Proxy::new(&with_scheme)
        .map_err(|_| refuse("could not be used as a proxy; use http://host:port".to_owned()))?;
    let shown = match url.port_or_known_default() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    };
    Ok(Proxy {
        variable: name,
        shown,
        url: with_scheme,
        proxy,
    })
}

/// Whether every `%` in `text` starts a percent-encoded byte (`%` and two hex digits).
fn well_encoded(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, b)| {
        *b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    })
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

impl fmt::Debug for ProxySettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |p: &Option<Result<Proxy>>| match p {
            Some(Ok(p)) => Some(p.describe()),
            Some(Err(e)) => Some(e.to_string()),
            None => None,
        };
        f.debug_struct("ProxySettings")
            .field("https", &shown(&self.https))
            .field("http", &shown(&self.http))
            .field("direct", &self.direct)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)]) -> ProxySettings {
        let vars: HashMap<String, OsString> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), OsString::from(v)))
            .collect();
        ProxySettings::from_lookup(|name| vars.get(name).cloned())
    }

    fn shown(settings: &ProxySettings, url: &str) -> Option<String> {
        settings.for_url(url).unwrap().map(|p| p.shown.clone())
    }

    fn refusal(settings: &ProxySettings, url: &str) -> Error {
        settings.for_url(url).unwrap_err()
    }

    #[test]
    fn the_scheme_picks_the_variable_and_lower_case_comes_first() {
        let s = settings(&[
            ("HTTPS_PROXY", "http://upper:1"),
            ("https_proxy", "http://lower:2"),
            ("http_proxy", "proxy.corp:3128"),
        ]);
        assert_eq!(
            shown(&s, "https://api.latipay.net/x").unwrap(),
            "http://lower:2"
        );
        assert_eq!(
            shown(&s, "http://127.0.0.1:8450/x").unwrap(),
            "http://proxy.corp:3128"
        );
        let all = settings(&[("ALL_PROXY", "https://all:443"), ("HTTPS_PROXY", " ")]);
        assert_eq!(shown(&all, "https://a.example").unwrap(), "https://all:443");
        assert_eq!(shown(&all, "http://a.example").unwrap(), "https://all:443");
        assert!(shown(&settings(&[]), "https://a.example").is_none());
    }

    #[test]
    fn upper_case_http_proxy_is_ignored() {
        let s = settings(&[("HTTP_PROXY", "http://attacker.example:80")]);
        assert!(shown(&s, "http://127.0.0.1:8450").is_none());
    }

    #[test]
    fn no_proxy_matches_hosts_subdomains_addresses_networks_and_star() {
        let s = settings(&[
            ("https_proxy", "http://p:1"),
            ("http_proxy", "http://p:1"),
            (
                "NO_PROXY",
                "latipay.net, .internal.example,127.0.0.1,[::1],10.0.0.0/8,fd00::/8,localhost.",
            ),
        ]);
        for direct in [
            "https://latipay.net",
            "https://api.latipay.net",
            "https://API.Latipay.net.",
            "https://a.internal.example",
            "http://127.0.0.1:8450",
            "http://[::1]:8450",
            "http://10.20.30.40",
            "http://[fd12::1]",
            "http://localhost:8450",
        ] {
            assert!(shown(&s, direct).is_none(), "{direct}");
        }
        for proxied in [
            "https://notlatipay.net",
            "https://latipay.net.evil.example",
            "http://127.0.0.2",
            "http://11.0.0.1",
            "http://[fe80::1]",
        ] {
            assert!(shown(&s, proxied).is_some(), "{proxied}");
        }
        let star = settings(&[("https_proxy", "http://p:1"), ("no_proxy", "*")]);
        assert!(shown(&star, "https://api.latipay.net").is_none());
    }

    #[test]
    fn an_unusable_proxy_is_refused_where_it_applies_naming_the_variable_never_the_password() {
        for (name, value) in [
            ("ALL_PROXY", "socks5://user:s3cret@127.0.0.1:1080"),
            ("https_proxy", "socks5h://s3cret@proxy:1080"),
            ("HTTPS_PROXY", "http://user:s3cret@"),
            ("all_proxy", "http://user:s3cret@[bad"),
            ("https_proxy", "not a url with s3cret"),
            ("https_proxy", "http://user:2024/s3cret@127.0.0.1:9"),
            ("https_proxy", "user:2024/s3cret@127.0.0.1:9"),
            ("https_proxy", "http://127.0.0.1:9/?token=s3cret"),
        ] {
            let err = refusal(&settings(&[(name, value)]), "https://api.latipay.net");
            assert!(
                matches!(&err, Error::InvalidArgument { field, .. } if field == name),
                "{err:?}"
            );
            assert!(!err.to_string().contains("s3cret"), "{err}");
        }
        let socks = settings(&[("https_proxy", "socks5://127.0.0.1:1080")]);
        assert!(refusal(&socks, "https://a.example")
            .to_string()
            .contains("socks5 proxy"));
        // Where it does not apply (another scheme, or a host reached directly), it is not used.
        assert!(shown(&socks, "http://127.0.0.1:8450").is_none());
        let bypassed = settings(&[("ALL_PROXY", "socks5://p:1080"), ("NO_PROXY", "127.0.0.1")]);
        assert!(shown(&bypassed, "http://127.0.0.1:8450").is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_value_that_is_not_unicode_is_refused_not_ignored() {
        use std::os::unix::ffi::OsStringExt;
        let value = OsString::from_vec(b"http://p\xff:1".to_vec());
        let s = ProxySettings::from_lookup(|name| (name == "http_proxy").then(|| value.clone()));
        let err = refusal(&s, "http://127.0.0.1:8450");
        assert!(matches!(&err, Error::InvalidArgument { field, .. } if field == "http_proxy"));
    }

    #[cfg(unix)]
    #[test]
    fn a_no_proxy_list_that_is_not_unicode_stops_the_proxy_it_goes_with() {
        use std::os::unix::ffi::OsStringExt;
        let list = OsString::from_vec(b"\xff,127.0.0.1".to_vec());
        let s = ProxySettings::from_lookup(|name| match name {
            "http_proxy" => Some(OsString::from("http://p:1")),
            "no_proxy" => Some(list.clone()),
            _ => None,
        });
        let err = refusal(&s, "http://127.0.0.1:8450");
        assert!(matches!(&err, Error::InvalidArgument { field, .. } if field == "no_proxy"));
    }

    #[test]
    fn debug_never_shows_proxy_credentials() {
        let s = settings(&[("https_proxy", "http://user:s3cret@proxy.corp:3128")]);
        let debug = format!("{s:?}");
        assert!(
            !debug.contains("s3cret") && debug.contains("proxy.corp:3128"),
            "{debug}"
        );
    }
}
