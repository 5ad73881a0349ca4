//! The fields of something Latipay sent, decoded strictly and kept as text.
//!
//! Two sources: a form-urlencoded body or query string (notification, redirect)
//! and a JSON object (responses). Either way a field appearing twice is an
//! error, and every value is kept as the exact text received: a JSON number
//! such as `120.00` stays `"120.00"`.

use std::collections::BTreeMap;
use std::fmt;

use percent_encoding::percent_decode;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::signature::SIGNATURE_FIELD;

/// Decoded fields, consumed one by one by a parser; what is left is "extra".
/// Kept sorted by name in a `Vec`: a handful of fields, looked up by binary
/// search, with one allocation where a map would need a node per field.
#[derive(Debug)]
pub(crate) struct Fields {
    what: &'static str,
    entries: Vec<(String, String)>,
}

impl Fields {
    /// Decodes `application/x-www-form-urlencoded` bytes: `+` is a space,
    /// `%XX` a byte, and every name and value must be UTF-8.
    pub(crate) fn from_form(bytes: &[u8], what: &'static str) -> Result<Self> {
        let mut entries = Vec::with_capacity(bytes.iter().filter(|&&b| b == b'&').count() + 1);
        for pair in bytes.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &[][..]),
            };
            entries.push((form_decode(name, what)?, form_decode(value, what)?));
        }
        Fields::sorted(entries, what)
    }

    /// Sorts `entries` by name, refusing a name given twice.
    fn sorted(mut entries: Vec<(String, String)>, what: &'static str) -> Result<Self> {
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if let Some(pair) = entries.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(duplicate(what, &pair[0].0));
        }
        Ok(Fields { what, entries })
    }

    /// Decodes a JSON object. Strings are unescaped, numbers and booleans keep
    /// their JSON text, nested objects and arrays their raw JSON, and `null`
    /// counts as absent.
    pub(crate) fn from_json(text: &str, what: &'static str) -> Result<Self> {
        let object: RawObject<'_> = serde_json::from_str(text)
            .map_err(|e| Error::malformed(what, format!("not a JSON object: {e}")))?;
        let mut entries = Vec::with_capacity(object.0.len());
        let mut nulls = Vec::new();
        for (name, raw) in object.0 {
            let json = raw.get().trim();
            let value = match json.as_bytes().first() {
                Some(b'n') => {
                    nulls.push(name);
                    continue;
                }
                Some(b'"') => serde_json::from_str::<String>(json)
                    .map_err(|e| Error::malformed(what, format!("field `{name}`: {e}")))?,
                _ => json.to_owned(),
            };
            entries.push((name, value));
        }
        let fields = Fields::sorted(entries, what)?;
        nulls.sort_unstable();
        let repeated = nulls.windows(2).find(|w| w[0] == w[1]).map(|w| &w[0]);
        if let Some(name) = repeated.or_else(|| nulls.iter().find(|n| fields.position(n).is_some()))
        {
            return Err(duplicate(what, name));
        }
        Ok(fields)
    }

    /// Where the field `name` is held, if it is.
    fn position(&self, name: &str) -> Option<usize> {
        self.entries
            .binary_search_by(|(k, _)| k.as_str().cmp(name))
            .ok()
    }

    /// Removes and returns the field `name`, empty or not.
    fn take(&mut self, name: &str) -> Option<String> {
        self.position(name).map(|i| self.entries.remove(i).1)
    }

    /// Removes and returns a field that must be present and non-empty.
    pub(crate) fn required(&mut self, name: &str) -> Result<String> {
        match self.take(name) {
            Some(v) if !v.is_empty() => Ok(v),
            Some(_) => Err(Error::malformed(
                self.what,
                format!("field `{name}` is empty"),
            )),
            None => Err(Error::malformed(
                self.what,
                format!("field `{name}` is missing"),
            )),
        }
    }

    /// Removes and returns a field that may be absent; empty counts as absent.
    pub(crate) fn optional(&mut self, name: &str) -> Option<String> {
        self.take(name).filter(|v| !v.is_empty())
    }

    /// Removes and returns the `signature`; without one nothing can be trusted.
    pub(crate) fn signature(&mut self) -> Result<String> {
        self.optional(SIGNATURE_FIELD)
            .ok_or(Error::InvalidSignature { what: self.what })
    }

    /// Every field still held, as rule-A parameters.
    pub(crate) fn params(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.entries
            .iter()
            .map(|(k, v)| (k.as_str(), Some(v.as_str())))
    }

    /// The fields not consumed: undocumented extras, kept for the caller.
    pub(crate) fn into_extra(self) -> BTreeMap<String, String> {
        self.entries.into_iter().collect()
    }

    /// What these fields came from, for error messages.
    pub(crate) fn what(&self) -> &'static str {
        self.what
    }
}

fn form_decode(raw: &[u8], what: &'static str) -> Result<String> {
    let invalid = || Error::malformed(what, "a name or value is not valid UTF-8 once decoded");
    if !raw.iter().any(|&b| b == b'+' || b == b'%') {
        // Nothing to decode (the usual case): one copy, no intermediate buffer.
        return std::str::from_utf8(raw)
            .map(str::to_owned)
            .map_err(|_| invalid());
    }
    let spaced: Vec<u8> = raw
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    percent_decode(&spaced)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| invalid())
}

fn duplicate(what: &'static str, name: &str) -> Error {
    Error::malformed(what, format!("field `{name}` appears more than once"))
}

/// A JSON object's members in order, duplicates included, values unparsed.
struct RawObject<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for RawObject<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = RawObject<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut access: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = access.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(RawObject(members))
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decodes_plus_and_percent() {
        let mut f = Fields::from_form(
            b"pay_time=2017-07-07+10%3A53%3A50&name=a%2Bb&e=&flag",
            "notification",
        )
        .unwrap();
        assert_eq!(f.required("pay_time").unwrap(), "2017-07-07 10:53:50");
        assert_eq!(f.required("name").unwrap(), "a+b");
        assert_eq!(f.optional("e"), None);
        assert_eq!(f.optional("flag"), None);
        assert!(f.into_extra().is_empty());
    }

    #[test]
    fn form_rejects_duplicates_and_bad_utf8() {
        let dup = Fields::from_form(b"a=1&a=1", "notification").unwrap_err();
        assert_eq!(dup.code(), "malformed_response");
        assert!(dup.to_string().contains("`a` appears more than once"));
        assert!(Fields::from_form(b"a=%FF", "notification").is_err());
        assert!(Fields::from_form(b"a=\xff", "notification").is_err());
    }

    #[test]
    fn json_keeps_number_text() {
        let mut f = Fields::from_json(
            r#"{"amount": 120.00, "name": "Pinot \u0026 co", "n": null, "ok": true, "o": {"x": [1]}}"#,
            "query response",
        )
        .unwrap();
        assert_eq!(f.required("amount").unwrap(), "120.00");
        assert_eq!(f.required("name").unwrap(), "Pinot & co");
        assert_eq!(f.optional("n"), None);
        assert_eq!(f.required("ok").unwrap(), "true");
        assert_eq!(f.required("o").unwrap(), r#"{"x": [1]}"#);
    }

    #[test]
    fn json_rejects_duplicates_and_non_objects() {
        for bad in [
            r#"{"a":1,"a":2}"#,
            r#"{"a":null,"a":2}"#,
            "[1]",
            "",
            "{",
            "nope",
        ] {
            let err = Fields::from_json(bad, "query response").unwrap_err();
            assert_eq!(err.code(), "malformed_response", "{bad}");
        }
    }

    #[test]
    fn missing_and_empty_fields_are_named() {
        let mut f = Fields::from_form(b"a=", "redirect").unwrap();
        assert!(f
            .required("a")
            .unwrap_err()
            .to_string()
            .contains("`a` is empty"));
        assert!(f
            .required("b")
            .unwrap_err()
            .to_string()
            .contains("`b` is missing"));
        assert_eq!(f.signature().unwrap_err().code(), "invalid_signature");
    }
}
