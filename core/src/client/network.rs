//! How a client reaches Latipay: the proxy each request goes through and the
//! certificate authorities TLS trusts. Decided here, once, from the
//! [`Config`] and the environment; every driver (ureq here, fetch, httpx)
//! applies the same decision.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use ureq::tls::{parse_pem, Certificate, PemItem};

use super::config::Config;
use super::proxy::{Proxy, ProxySettings};
use crate::error::{Error, Result};

/// Which certificate authorities TLS connections trust.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TrustStore {
    /// Mozilla's list, built into the library: the same on every machine,
    /// whatever its own store holds. The default.
    #[default]
    Bundled,
    /// The operating system's store, read when the client is made: on Linux
    /// the files OpenSSL would use (`SSL_CERT_FILE` and `SSL_CERT_DIR`
    /// override them), the keychain on macOS, the certificate store on
    /// Windows, and the system certificates on Android.
    System,
}

impl TrustStore {
    /// `bundled` or `system`; anything else is `invalid_argument` on `trust_store`.
    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "bundled" => Ok(TrustStore::Bundled),
            "system" => Ok(TrustStore::System),
            other => Err(Error::invalid(
                "trust_store",
                format!(
                    "must be \"bundled\" or \"system\" (got {})",
                    crate::error::quoted(other)
                ),
            )),
        }
    }

    /// `bundled` or `system`.
    pub fn as_str(self) -> &'static str {
        match self {
            TrustStore::Bundled => "bundled",
            TrustStore::System => "system",
        }
    }
}

/// Where a client's requests go and whom they trust. Made by
/// [`crate::exchange::Calls::new`]; a driver reads it once with
/// [`crate::exchange::Calls::network`]. Each exchange also carries the proxy
/// for its own URL ([`crate::exchange::HttpRequest::proxy`]).
#[derive(Clone)]
pub struct Network {
    proxies: ProxySettings,
    /// `None`: Mozilla's list, which every HTTP stack has built in.
    roots: Option<Arc<Vec<Certificate<'static>>>>,
}

impl Network {
    /// The configuration's proxy (else the environment's), trust store and
    /// extra certificates, each checked.
    pub(crate) fn new(config: &Config) -> Result<Self> {
        let proxies = match &config.proxy {
            Some(url) => ProxySettings::explicit(url)?,
            None => ProxySettings::from_env(),
        };
        let extra = match &config.ca_certificates {
            Some(pem) => certificates(pem)?,
            None => Vec::new(),
        };
        let roots = match (config.trust_store, extra.is_empty()) {
            (TrustStore::Bundled, true) => None,
            (TrustStore::Bundled, false) => Some(bundled().chain(extra).collect()),
            (TrustStore::System, _) => Some(system()?.into_iter().chain(extra).collect()),
        };
        Ok(Network {
            proxies,
            roots: roots.map(Arc::new),
        })
    }

    /// The proxy for a request to `url`, or why the one that applies cannot be used.
    pub(crate) fn proxy_for(&self, url: &str) -> Result<Option<&Proxy>> {
        self.proxies.for_url(url)
    }

    /// The certificates to trust, when they are not the HTTP stack's own
    /// Mozilla list (extra certificates were given, or the system store chosen).
    pub(crate) fn roots(&self) -> Option<&Arc<Vec<Certificate<'static>>>> {
        self.roots.as_ref()
    }

    /// The certificate authorities to trust as PEM text, for an HTTP stack
    /// other than ureq (an `ssl.SSLContext`, an undici `Agent`); `None` when
    /// its built-in Mozilla list is the one to use.
    pub fn trusted_pem(&self) -> Option<String> {
        let roots = self.roots.as_ref()?;
        let mut pem = String::with_capacity(roots.len() * 2048);
        for certificate in roots.iter() {
            pem.push_str("-----BEGIN CERTIFICATE-----\n");
            let text = base64::engine::general_purpose::STANDARD.encode(certificate.der());
            for line in text.as_bytes().chunks(64) {
                pem.push_str(std::str::from_utf8(line).unwrap_or_default());
                pem.push('\n');
            }
            pem.push_str("-----END CERTIFICATE-----\n");
        }
        Some(pem)
    }
}

/// Mozilla's list, as certificates.
fn bundled() -> impl Iterator<Item = Certificate<'static>> {
    webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .map(|der| Certificate::from_der(der.as_ref()).to_owned())
}

/// The most PEM text `ca_certificates` may hold: far beyond any real list
/// (Mozilla's whole list is about 200 KiB).
const MAX_PEM_BYTES: usize = 1024 * 1024;

/// The certificates of `pem`: at least one, each a certificate that parses,
/// and nothing else (no key of any kind).
fn certificates(pem: &str) -> Result<Vec<Certificate<'static>>> {
    let refuse = |why: &str| Error::invalid("ca_certificates", why);
    if pem.len() > MAX_PEM_BYTES {
        return Err(refuse(
            "is larger than 1 MiB: give only the certificate authorities to add",
        ));
    }
    if pem.contains("PRIVATE KEY-----") {
        return Err(refuse(
            "holds a private key: give only the certificate authorities' certificates \
             (and keep the key secret)",
        ));
    }
    let mut found = Vec::new();
    for item in parse_pem(pem.as_bytes()) {
        match item {
            Ok(PemItem::Certificate(certificate)) => found.push(certificate.to_owned()),
            Ok(PemItem::PrivateKey(_)) => {
                return Err(refuse(
                    "holds a private key: give only the certificate authorities' certificates \
                     (and keep the key secret)",
                ))
            }
            Ok(_) => {}
            Err(_) => return Err(refuse("is not valid PEM text")),
        }
    }
    if found.is_empty() {
        let path_like = !pem.contains('\n') && (pem.contains('/') || pem.ends_with(".pem"));
        return Err(refuse(if path_like {
            "holds no certificate: it looks like a file's path; give the file's text (its \
             -----BEGIN CERTIFICATE----- blocks)"
        } else {
            "holds no certificate (expected PEM blocks from -----BEGIN CERTIFICATE----- \
             to -----END CERTIFICATE-----)"
        }));
    }
    let mut store = rustls::RootCertStore::empty();
    for (index, certificate) in found.iter().enumerate() {
        let der = rustls::pki_types::CertificateDer::from(certificate.der());
        if store.add(der).is_err() {
            return Err(Error::invalid(
                "ca_certificates",
                format!("certificate {} is not a valid X.509 certificate", index + 1),
            ));
        }
    }
    Ok(found)
}

/// The operating system's trusted certificates.
fn system() -> Result<Vec<Certificate<'static>>> {
    let found = system_certificates();
    if found.is_empty() {
        return Err(Error::invalid(
            "trust_store",
            "is \"system\", but no trusted certificate was found in the operating system's \
             store (on Linux, install ca-certificates or set SSL_CERT_FILE)",
        ));
    }
    Ok(found)
}

#[cfg(not(target_os = "android"))]
fn system_certificates() -> Vec<Certificate<'static>> {
    rustls_native_certs::load_native_certs()
        .certs
        .iter()
        .map(|der| Certificate::from_der(der.as_ref()).to_owned())
        .collect()
}

/// Android keeps its store as one PEM file per authority (the updatable
/// Conscrypt copy first, from Android 14).
#[cfg(target_os = "android")]
fn system_certificates() -> Vec<Certificate<'static>> {
    [
        "/apex/com.android.conscrypt/cacerts",
        "/system/etc/security/cacerts",
    ]
    .iter()
    .filter_map(|dir| std::fs::read_dir(dir).ok())
    .find_map(|entries| {
        let found: Vec<_> = entries
            .flatten()
            .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
            .filter_map(|pem| certificates(&pem).ok())
            .flatten()
            .collect();
        (!found.is_empty()).then_some(found)
    })
    .unwrap_or_default()
}

impl fmt::Debug for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Network")
            .field("proxies", &self.proxies)
            .field("roots", &self.roots.as_ref().map(|roots| roots.len()))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ApiKey, Environment};

    fn config() -> Config {
        Config::new(
            "U1",
            "W1",
            ApiKey::new("key").unwrap(),
            Environment::Custom("https://api.example".into()),
        )
    }

    const CERTIFICATE: &str = include_str!("../../tests/data/ca.pem");

    #[test]
    fn the_bundled_list_alone_is_left_to_the_http_stack() {
        let network = Network::new(&config()).unwrap();
        assert!(network.roots().is_none());
        assert!(network.trusted_pem().is_none());
    }

    #[test]
    fn extra_certificates_come_on_top_of_the_bundled_list() {
        let mut config = config();
        config.ca_certificates = Some(CERTIFICATE.to_owned());
        let network = Network::new(&config).unwrap();
        let roots = network.roots().unwrap();
        assert_eq!(
            roots.len(),
            webpki_root_certs::TLS_SERVER_ROOT_CERTS.len() + 1
        );
        let pem = network.trusted_pem().unwrap();
        assert_eq!(certificates(&pem).unwrap().len(), roots.len());
        let ours = certificates(CERTIFICATE).unwrap();
        assert_eq!(roots.last().unwrap().der(), ours[0].der());
    }

    #[test]
    fn pem_without_a_certificate_or_with_a_key_is_refused_by_name() {
        let key = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIB6XGmGPDG0GdfqkdwNq4AUfcl8mnHOdiPR9vY3xXv1y\n-----END PRIVATE KEY-----\n";
        let encrypted = key.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY");
        let not_der = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let huge = CERTIFICATE.repeat(2000);
        for (pem, says) in [
            ("", "holds no certificate"),
            ("not pem at all", "holds no certificate"),
            ("/tmp/sandbox.pem", "file's path"),
            (key, "private key"),
            (&encrypted, "private key"),
            (not_der, "certificate 1 is not a valid X.509"),
            (&huge, "larger than 1 MiB"),
        ] {
            let mut config = config();
            config.ca_certificates = Some(pem.to_owned());
            let error = Network::new(&config).unwrap_err();
            assert_eq!(error.code(), "invalid_argument");
            let text = error.to_string();
            assert!(
                text.contains("ca_certificates") && text.contains(says),
                "{text}"
            );
        }
    }

    #[test]
    fn trust_store_names_are_parsed_and_others_refused() {
        assert_eq!(TrustStore::parse("system").unwrap(), TrustStore::System);
        assert_eq!(TrustStore::parse("bundled").unwrap(), TrustStore::Bundled);
        let error = TrustStore::parse("windows").unwrap_err();
        assert!(error.to_string().contains("trust_store"), "{error}");
        assert_eq!(TrustStore::System.as_str(), "system");
    }

    #[test]
    fn an_explicit_proxy_wins_and_must_be_http_or_https() {
        let mut config = config();
        config.proxy = Some("http://user:secret@proxy.corp:3128".into());
        let network = Network::new(&config).unwrap();
        let proxy = network
            .proxy_for("https://api.example/v2")
            .unwrap()
            .unwrap();
        assert_eq!(proxy.url(), "http://user:secret@proxy.corp:3128");
        assert!(!format!("{network:?}").contains("secret"));
        config.proxy = Some("http://user:pw%zz@proxy.corp:3128".into());
        let error = Network::new(&config).unwrap_err();
        assert!(error.to_string().contains("percent-encode"), "{error}");
        assert!(!error.to_string().contains("pw%zz"), "{error}");
        config.proxy = Some("socks5://proxy.corp:1080".into());
        let error = Network::new(&config).unwrap_err();
        assert!(error.to_string().contains("socks5"), "{error}");
        assert!(error.to_string().contains("proxy"), "{error}");
    }
}
