//! HTTPS: a self-signed certificate made at start, which clients trust by its PEM.

use std::io;
use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::TlsAcceptor;

/// The names every certificate is made for.
const LOOPBACK_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

/// A self-signed certificate and its key (kept in memory only), ready to
/// serve TLS 1.3. Clients trust it by [`SelfSignedCertificate::pem`].
#[derive(Clone)]
pub struct SelfSignedCertificate {
    pem: String,
    tls: Arc<rustls::ServerConfig>,
}

impl SelfSignedCertificate {
    /// A new certificate for `localhost`, `127.0.0.1`, `::1` and each of
    /// `extra_names` (DNS names or IP addresses). Refuses a name that cannot
    /// be in a certificate (`InvalidInput`).
    pub fn generate(extra_names: &[&str]) -> io::Result<Self> {
        let mut names: Vec<String> = Vec::new();
        for name in LOOPBACK_NAMES.iter().chain(extra_names) {
            if !names.iter().any(|known| known == name) {
                names.push((*name).to_owned());
            }
        }
        let certified = rcgen::generate_simple_self_signed(names)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
            certified.signing_key.serialize_der(),
        ));
        let certificate = CertificateDer::from(certified.cert.der().to_vec());
        let mut tls = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_protocol_versions(&[&rustls::version::TLS13])
        .and_then(|builder| {
            builder
                .with_no_client_auth()
                .with_single_cert(vec![certificate], key)
        })
        .map_err(io::Error::other)?;
        tls.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(SelfSignedCertificate {
            pem: certified.cert.pem(),
            tls: Arc::new(tls),
        })
    }

    /// The certificate as PEM: what a client adds to its trusted roots.
    pub fn pem(&self) -> &str {
        &self.pem
    }

    /// What turns an accepted connection into a TLS one.
    pub(crate) fn acceptor(&self) -> TlsAcceptor {
        TlsAcceptor::from(Arc::clone(&self.tls))
    }
}
