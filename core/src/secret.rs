//! The merchant's api_key, wrapped so that it never prints.

use std::fmt;

use crate::error::{Error, Result};

/// What every redacted secret prints as.
pub const REDACTED: &str = "[REDACTED]";

/// A Latipay api_key (the HMAC secret). Its `Debug` and `Display` print
/// `[REDACTED]`; the only way to read it back is [`ApiKey::expose`]. It has no
/// `==`: comparing secrets with a short-circuiting compare leaks timing.
#[derive(Clone)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps an api_key. It must not be empty and must not carry leading or
    /// trailing whitespace (a copy-paste slip that silently breaks every signature).
    pub fn new(key: impl Into<String>) -> Result<Self> {
        let key = key.into();
        if key.is_empty() {
            return Err(Error::invalid("api_key", "must not be empty"));
        }
        if key.trim() != key {
            return Err(Error::invalid(
                "api_key",
                "has leading or trailing whitespace (check how it was copied)",
            ));
        }
        Ok(ApiKey(key))
    }

    /// The key itself, for signing. Never log what this returns.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({REDACTED})")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// `name` as an error may show it: the api_key, had it been passed as (part
/// of) a name by mistake, redacted.
pub fn shown_name(name: &str, api_key: &str) -> String {
    if !api_key.is_empty() && name.contains(api_key) {
        name.replace(api_key, REDACTED)
    } else {
        name.to_owned()
    }
}

/// `text` (a URL, or a host with an optional `user:password@` in front) with
/// any user name and password replaced by [`REDACTED`], for messages and
/// `Debug` output: `https://shop:pw@host/x` shows as `https://[REDACTED]@host/x`.
/// The rest of the text is kept exactly (so a key in it is still found and
/// scrubbed). A password may hold `/`, `?` or `#`, which a URL parser takes
/// for the end of the host: unless the parser puts every `@` in the query or
/// fragment (an e-mail address there), all is hidden up to the last `@`.
pub(crate) fn without_userinfo(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(last_at) = text.rfind('@') else {
        return text.into();
    };
    let only_in_query = text.contains("://")
        && url::Url::parse(text).is_ok_and(|url| {
            url.username().is_empty()
                && url.password().is_none()
                && !url.path().contains('@')
                && !url.host_str().unwrap_or_default().contains('@')
        });
    if only_in_query {
        return text.into();
    }
    let start = text.find("://").map_or(0, |i| i + 3).min(last_at);
    format!("{}{REDACTED}{}", &text[..start], &text[last_at..]).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints() {
        let k = ApiKey::new("111222333").unwrap();
        assert_eq!(format!("{k:?}"), "ApiKey([REDACTED])");
        assert_eq!(k.to_string(), "[REDACTED]");
        assert_eq!(k.expose(), "111222333");
    }

    #[test]
    fn userinfo_is_redacted_wherever_it_is() {
        for (text, shown) in [
            (
                "https://u:pw@h.example/x?y=1",
                "https://[REDACTED]@h.example/x?y=1",
            ),
            ("http://pw@h", "http://[REDACTED]@h"),
            (
                "https://merchant:2024/S3CR@api.example",
                "https://[REDACTED]@api.example",
            ),
            (
                "https://U@Zq8vN2Lm4.example/ x",
                "https://[REDACTED]@Zq8vN2Lm4.example/ x",
            ),
            (
                "https://shop.example/notify?email=a@b.example",
                "https://shop.example/notify?email=a@b.example",
            ),
            ("u:p@w@h:8080", "[REDACTED]@h:8080"),
            ("socks5://u:p@h/a@b", "socks5://[REDACTED]@b"),
            ("https://h.example/a@b", "https://[REDACTED]@b"),
            (
                "https://merchant:S3?CR#w@api.example/x",
                "https://[REDACTED]@api.example/x",
            ),
            (
                "https://merchant:S3CR/word@api.example",
                "https://[REDACTED]@api.example",
            ),
            (
                "https://merchant:S3?CR#w@api.example/x",
                "https://[REDACTED]@api.example/x",
            ),
            ("merchant:S3CR/word@api.example", "[REDACTED]@api.example"),
            ("not a url", "not a url"),
        ] {
            assert_eq!(without_userinfo(text), shown, "{text}");
        }
    }

    #[test]
    fn rejects_empty_and_padded_keys() {
        for bad in ["", " 111", "111\n"] {
            assert_eq!(ApiKey::new(bad).unwrap_err().code(), "invalid_argument");
        }
    }
}
