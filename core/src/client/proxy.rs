//! Which proxy, if any, a request goes through: read once from the
//! environment, with curl's rules, and refused when it cannot be honoured.
//!
//! * `https://` URLs: `https_proxy` or `HTTPS_PROXY`, else `all_proxy` or `ALL_PROXY`.
//! * `http://` URLs: `http_proxy` (lower case only: CGI servers set
//!   `HTTP_PROXY` from a request's `Proxy:` header, the "httpoxy" attack), else
//!   `all_proxy` or `ALL_PROXY`.
//! * `no_proxy` or `NO_PROXY`: comma-separated host names (each also matching
//!   its subdomains; a leading `.` is allowed), IP addresses, or `*` for all.
//!
//! A proxy must be `http://` or `https://` (`host:port` alone means `http://`),
//! with an optional `user:password@` sent as Proxy-Authorization. Anything
//! else, a SOCKS proxy included, makes [`crate::Client::new`] fail with
//! `invalid_argument` naming the variable, rather than being silently bypassed.
//! Its credentials are never shown.

use std::fmt;

use crate::error::{Error, Result};
use crate::secret::without_userinfo;

/// The variables read for `https://` URLs, in order.
const FOR_HTTPS: [&str; 4] = ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"];
/// The variables read for `http://` URLs, in order (no `HTTP_PROXY`: httpoxy).
const FOR_HTTP: [&str; 3] = ["http_proxy", "all_proxy", "ALL_PROXY"];
/// The variables listing hosts reached directly, in order.
const NO_PROXY: [&str; 2] = ["no_proxy", "NO_PROXY"];

/// A proxy taken from one environment variable.
#[derive(Clone)]
struct Proxy {
    /// `scheme://host:port`, without credentials: safe to show.
    shown: String,
    proxy: ureq::Proxy,
}

/// The proxies the environment asks for, and the hosts that bypass them.
#[derive(Clone, Default)]
pub(crate) struct ProxySettings {
    https: Option<Proxy>,
    http: Option<Proxy>,
    no_proxy: Vec<String>,
}

impl ProxySettings {
    /// Reads the process's environment (see the module's rules).
    pub(crate) fn from_env() -> Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the variables through `lookup`; an empty value counts as unset.
    fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let first = |names: &[&'static str]| {
            names.iter().find_map(|name| {
                lookup(name)
                    .filter(|v| !v.trim().is_empty())
                    .map(|v| (*name, v))
            })
        };
        let proxy = |names: &[&'static str]| {
            first(names)
                .map(|(name, value)| parse(name, &value))
                .transpose()
        };
        Ok(ProxySettings {
            https: proxy(&FOR_HTTPS)?,
            http: proxy(&FOR_HTTP)?,
            no_proxy: first(&NO_PROXY)
                .map(|(_, list)| {
                    list.split(',')
                        .map(|entry| {
                            let entry = entry.trim().trim_start_matches('.');
                            let entry = entry.trim_start_matches('[').trim_end_matches(']');
                            entry.to_ascii_lowercase()
                        })
                        .filter(|entry| !entry.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        })
    }

    /// The proxy for a request to `url` (an absolute http(s) URL), if any.
    pub(crate) fn for_url(&self, url: &url::Url) -> Option<ureq::Proxy> {
        self.choose(url).map(|p| p.proxy.clone())
    }

    fn choose(&self, url: &url::Url) -> Option<&Proxy> {
        let proxy = match url.scheme() {
            "https" => self.https.as_ref(),
            _ => self.http.as_ref(),
        }?;
        let host = url
            .host_str()?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        let bypassed = self.no_proxy.iter().any(|entry| {
            entry == "*"
                || host == *entry
                || host
                    .strip_suffix(entry.as_str())
                    .is_some_and(|head| head.ends_with('.'))
        });
        (!bypassed).then_some(proxy)
    }
}

/// Parses the value of the variable `name` as an http(s) proxy.
fn parse(name: &'static str, value: &str) -> Result<Proxy> {
    let value = value.trim();
    let with_scheme = if value.contains("://") {
        value.to_owned()
    } else {
        format!("http://{value}")
    };
    let refuse = |why: String| Error::invalid(name, why);
    let url = url::Url::parse(&with_scheme).map_err(|e| {
        refuse(format!(
            "is not a proxy URL ({e}); use http://host:port or unset it"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refuse(format!(
            "names a {} proxy, which this library does not support (it would not be \
             used, and requests would go around it): use an http:// or https:// proxy, \
             or unset {name}",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(refuse("has no host; use http://host:port".to_owned()));
    }
    let proxy = ureq::Proxy::new(&with_scheme).map_err(|e| {
        refuse(format!(
            "could not be used as a proxy ({e}); use http://host:port"
        ))
    })?;
    let shown = without_userinfo(&with_scheme).into_owned();
    Ok(Proxy { shown, proxy })
}

impl fmt::Debug for ProxySettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxySettings")
            .field("https", &self.https.as_ref().map(|p| &p.shown))
            .field("http", &self.http.as_ref().map(|p| &p.shown))
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)]) -> Result<ProxySettings> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        ProxySettings::from_lookup(|name| vars.get(name).cloned())
    }

    fn shown(settings: &ProxySettings, url: &str) -> Option<String> {
        settings
            .choose(&url::Url::parse(url).unwrap())
            .map(|p| p.shown.clone())
    }

    #[test]
    fn the_scheme_picks_the_variable_and_lower_case_comes_first() {
        let s = settings(&[
            ("HTTPS_PROXY", "http://upper:1"),
            ("https_proxy", "http://lower:2"),
            ("http_proxy", "proxy.corp:3128"),
        ])
        .unwrap();
        assert_eq!(
            shown(&s, "https://api.latipay.net/x").unwrap(),
            "http://lower:2"
        );
        assert_eq!(
            shown(&s, "http://127.0.0.1:8450/x").unwrap(),
            "http://proxy.corp:3128"
        );
        let all = settings(&[("ALL_PROXY", "https://all:443"), ("HTTPS_PROXY", " ")]).unwrap();
        assert_eq!(shown(&all, "https://a.example").unwrap(), "https://all:443");
        assert_eq!(shown(&all, "http://a.example").unwrap(), "https://all:443");
        assert!(shown(&settings(&[]).unwrap(), "https://a.example").is_none());
    }

    #[test]
    fn upper_case_http_proxy_is_ignored() {
        let s = settings(&[("HTTP_PROXY", "http://attacker.example:80")]).unwrap();
        assert!(shown(&s, "http://127.0.0.1:8450").is_none());
    }

    #[test]
    fn no_proxy_matches_hosts_their_subdomains_ips_and_star() {
        let s = settings(&[
            ("https_proxy", "http://p:1"),
            ("http_proxy", "http://p:1"),
            ("NO_PROXY", "latipay.net, .internal.example,127.0.0.1,[::1]"),
        ])
        .unwrap();
        for direct in [
            "https://latipay.net",
            "https://api.latipay.net",
            "https://API.Latipay.net",
            "https://a.internal.example",
            "http://127.0.0.1:8450",
        ] {
            assert!(shown(&s, direct).is_none(), "{direct}");
        }
        for proxied in [
            "https://notlatipay.net",
            "https://latipay.net.evil.example",
            "http://127.0.0.2",
        ] {
            assert!(shown(&s, proxied).is_some(), "{proxied}");
        }
        let star = settings(&[("https_proxy", "http://p:1"), ("no_proxy", "*")]).unwrap();
        assert!(shown(&star, "https://api.latipay.net").is_none());
    }

    #[test]
    fn socks_and_unusable_proxies_are_refused_naming_the_variable_never_the_password() {
        for (name, value) in [
            ("ALL_PROXY", "socks5://user:s3cret@127.0.0.1:1080"),
            ("https_proxy", "socks5h://s3cret@proxy:1080"),
            ("http_proxy", "ftp://user:s3cret@proxy"),
            ("HTTPS_PROXY", "http://user:s3cret@"),
            ("all_proxy", "http://user:s3cret@[bad"),
        ] {
            let err = settings(&[(name, value)]).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidArgument { field, .. } if field == name),
                "{err:?}"
            );
            assert!(!err.to_string().contains("s3cret"), "{err}");
        }
        let socks = settings(&[("ALL_PROXY", "socks5://127.0.0.1:1080")]).unwrap_err();
        assert!(socks.to_string().contains("socks5 proxy"), "{socks}");
    }

    #[test]
    fn debug_never_shows_proxy_credentials() {
        let s = settings(&[("https_proxy", "http://user:s3cret@proxy.corp:3128")]).unwrap();
        let debug = format!("{s:?}");
        assert!(
            !debug.contains("s3cret") && debug.contains("proxy.corp:3128"),
            "{debug}"
        );
    }
}
