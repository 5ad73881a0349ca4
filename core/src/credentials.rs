//! The merchant's identity: user_id, wallet_id and api_key, checked once.

use std::fmt;

use crate::error::{scrubbed, Result};
use crate::secret::{shown_name, ApiKey};
use crate::validate;

/// What every request is signed with. Its `Debug` output redacts the api_key,
/// also where it was passed as an id by mistake.
#[derive(Clone)]
pub struct Credentials {
    user_id: String,
    wallet_id: String,
    api_key: ApiKey,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |id: &str| shown_name(id, self.api_key.expose());
        f.debug_struct("Credentials")
            .field("user_id", &shown(&self.user_id))
            .field("wallet_id", &shown(&self.wallet_id))
            .field("api_key", &self.api_key)
            .finish()
    }
}

impl Credentials {
    /// Checks and wraps the values shown in the Latipay merchant portal
    /// (Account › Show hidden values).
    pub fn new(
        user_id: impl Into<String>,
        wallet_id: impl Into<String>,
        api_key: ApiKey,
    ) -> Result<Self> {
        let (user_id, wallet_id) = (user_id.into(), wallet_id.into());
        // The key is scrubbed from the errors, which quote the value: a key
        // passed as user_id by mistake must not end up in a log.
        scrubbed(api_key.expose(), || {
            validate::identifier("user_id", &user_id)?;
            validate::identifier("wallet_id", &wallet_id)
        })?;
        Ok(Credentials {
            user_id,
            wallet_id,
            api_key,
        })
    }

    /// The Latipay user account, e.g. `U000334333`.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// The wallet payments go to, e.g. `W00000001`; it fixes the currency.
    pub fn wallet_id(&self) -> &str {
        &self.wallet_id
    }

    /// The HMAC secret.
    pub fn api_key(&self) -> &ApiKey {
        &self.api_key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_the_key() {
        let c = Credentials::new("U1", "W1", ApiKey::new("supersecret").unwrap()).unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains("supersecret"), "{shown}");
        assert!(shown.contains("U1") && shown.contains("[REDACTED]"));
        let mistaken = Credentials::new(
            "supersecret",
            "supersecret",
            ApiKey::new("supersecret").unwrap(),
        )
        .unwrap();
        let shown = format!("{mistaken:?}");
        assert!(!shown.contains("supersecret"), "{shown}");
    }

    #[test]
    fn ids_are_checked() {
        let key = || ApiKey::new("k").unwrap();
        assert!(Credentials::new("", "W1", key()).is_err());
        assert!(Credentials::new("U1", "W 1", key()).is_err());
    }

    #[test]
    fn a_key_passed_as_an_id_is_not_quoted_back() {
        let long = "k+/=".repeat(20);
        for secret in ["supersecret key", "a\"quoted\"key", long.as_str()] {
            let err = Credentials::new(secret, "W1", ApiKey::new(secret).unwrap()).unwrap_err();
            assert_eq!(err.code(), "invalid_argument");
            let shown = err.to_string();
            assert!(!shown.contains(&secret[..8]), "{shown}");
        }
    }
}
