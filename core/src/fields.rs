//! The fields of something Latipay sent, decoded strictly and kept as text.
//!
//! Two sources: a form-urlencoded body or query string (notification, redirect)
//! and a JSON object (responses). Either way a field appearing twice is an
//! error, and every value is kept as the exact text received: a JSON number
//! such as `120.00` stays `"120.00"`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use percent_encoding::percent_decode;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::signature::SIGNATURE_FIELD;

/// Decoded fields, consumed one by one by a parser; what is left is "extra".
/// Names and values borrow from the input wherever nothing had to be decoded,
/// so a typical notification is read without a copy per field.
#[derive(Debug)]
pub(crate) struct Fields<'a> {
    what: &'static str,
    entries: Vec<Entry<'a>>,
}

/// One field: its name and value, and whether the value is text exactly as
/// sent (nothing percent-decoded or unescaped, and in JSON a string).
#[derive(Debug)]
struct Entry<'a> {
    name: Cow<'a, str>,
    value: Cow<'a, str>,
    as_sent: bool,
}

impl<'a> Entry<'a> {
    /// A form field: its value is as sent when nothing had to be decoded.
    fn form(name: Cow<'a, str>, value: Cow<'a, str>) -> Self {
        let as_sent = matches!(value, Cow::Borrowed(_));
        Entry {
            name,
            value,
            as_sent,
        }
    }
}

/// Up to this many fields, names are checked for repeats pairwise (no
/// allocation); beyond it, by sorting a copy of the names.
const PAIRWISE_MAX: usize = 24;

/// Room for the fields of a typical notification or answer, so the entries
/// are allocated once.
const FIELDS_EXPECTED: usize = 12;

/// The most fields read from anything Latipay sends (a notification has
/// eight, gateway data some twenty): more is refused before it costs memory.
const MAX_FIELDS: usize = 256;

/// The longest form body or query string read: a notification is a few
/// hundred bytes, and a callback URL is public.
const MAX_FORM_BYTES: usize = 64 * 1024;

impl<'a> Fields<'a> {
    /// Decodes `application/x-www-form-urlencoded` bytes: `+` is a space,
    /// `%XX` a byte, and every name and value must be UTF-8.
    pub(crate) fn from_form(bytes: &'a [u8], what: &'static str) -> Result<Self> {
        if bytes.len() > MAX_FORM_BYTES {
            return Err(Error::malformed(
                what,
                format!("it is larger than {} KiB", MAX_FORM_BYTES / 1024),
            ));
        }
        // `&` and `=` are ASCII, never part of a longer character: the body is
        // UTF-8 exactly when every raw name and value is, so it is checked once.
        let text = std::str::from_utf8(bytes).map_err(|_| not_utf8(what))?;
        let mut entries = Vec::with_capacity(FIELDS_EXPECTED);
        for pair in memchr::memchr_iter(b'&', bytes)
            .chain([bytes.len()])
            .scan(0, |start, end| {
                let pair = &text[*start..end];
                *start = end + 1;
                Some(pair)
            })
            .filter(|p| !p.is_empty())
        {
            if entries.len() == MAX_FIELDS {
                return Err(too_many(what));
            }
            let (name, value) = match memchr::memchr(b'=', pair.as_bytes()) {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, ""),
            };
            entries.push(Entry::form(
                form_decode(name, what)?,
                form_decode(value, what)?,
            ));
        }
        match repeated(entries.iter().map(|e| e.name.as_ref())) {
            Some(name) => Err(duplicate(what, name)),
            None => Ok(Fields { what, entries }),
        }
    }

    /// Decodes a JSON object. Strings are unescaped, numbers and booleans keep
    /// their JSON text, nested objects and arrays their raw JSON, and `null`
    /// counts as absent.
    pub(crate) fn from_json(text: &'a str, what: &'static str) -> Result<Self> {
        let object: RawObject<'a> = serde_json::from_str(text).map_err(|e| {
            if e.to_string().starts_with(TOO_MANY) {
                too_many(what)
            } else {
                Error::malformed(what, format!("not a JSON object: {e}"))
            }
        })?;
        let mut entries = Vec::with_capacity(object.0.len());
        let mut nulls = Vec::new();
        for (name, raw) in object.0 {
            let json = raw.get().trim();
            let (value, as_sent) = match json.as_bytes().first() {
                Some(b'n') => {
                    nulls.push(name);
                    continue;
                }
                Some(b'"') => {
                    let text = json_string(json).map_err(|e| {
                        Error::malformed_field(what, &name, format!("is not a JSON string: {e}"))
                    })?;
                    let as_sent = matches!(text, Cow::Borrowed(_));
                    (text, as_sent)
                }
                _ => (Cow::Borrowed(json), false),
            };
            entries.push(Entry {
                name,
                value,
                as_sent,
            });
        }
        // A name is refused twice over whether its value is null or not.
        let names = entries.iter().map(|e| e.name.as_ref());
        if let Some(name) = repeated(names.chain(nulls.iter().map(AsRef::as_ref))) {
            return Err(duplicate(what, name));
        }
        Ok(Fields { what, entries })
    }

    /// Where the field `name` is held, if it is.
    fn position(&self, name: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.name == name)
    }

    /// Removes and returns the field `name`, empty or not.
    fn take_entry(&mut self, name: &str) -> Option<Entry<'a>> {
        self.position(name).map(|i| self.entries.swap_remove(i))
    }

    /// Removes and returns the value of the field `name`, empty or not.
    fn take(&mut self, name: &str) -> Option<Cow<'a, str>> {
        self.take_entry(name).map(|e| e.value)
    }

    /// Removes and returns a field that must be present and non-empty, as
    /// received (borrowed when nothing had to be decoded).
    pub(crate) fn required_text(&mut self, name: &str) -> Result<Cow<'a, str>> {
        match self.take(name) {
            Some(v) if !v.is_empty() => Ok(v),
            Some(_) => Err(Error::malformed_field(self.what, name, "is empty")),
            None => Err(Error::malformed_field(self.what, name, "is missing")),
        }
    }

    /// Removes and returns a field that must be present, empty or not (for a
    /// caller that holds it to a grammar of its own).
    pub(crate) fn present(&mut self, name: &str) -> Result<Cow<'a, str>> {
        self.take(name)
            .ok_or_else(|| Error::malformed_field(self.what, name, "is missing"))
    }

    /// Removes and returns a field that must be present and non-empty.
    pub(crate) fn required(&mut self, name: &str) -> Result<String> {
        self.required_text(name).map(Cow::into_owned)
    }

    /// Removes and returns a field that may be absent, as received; empty
    /// counts as absent.
    pub(crate) fn optional_text(&mut self, name: &str) -> Option<Cow<'a, str>> {
        self.take(name).filter(|v| !v.is_empty())
    }

    /// Removes and returns a field that may be absent; empty counts as absent.
    pub(crate) fn optional(&mut self, name: &str) -> Option<String> {
        self.optional_text(name).map(Cow::into_owned)
    }

    /// Removes and returns the `signature`; without one nothing can be
    /// trusted. It counts only exactly as sent (not percent-encoded, escaped
    /// or a JSON number), and verification takes it only in its canonical
    /// form, 64 lowercase hex digits: one signature has one spelling, a stable
    /// key for spotting duplicates.
    pub(crate) fn signature(&mut self) -> Result<Cow<'a, str>> {
        match self.take_entry(SIGNATURE_FIELD) {
            Some(e) if e.as_sent && e.value.len() == 64 => Ok(e.value),
            _ => Err(Error::InvalidSignature { what: self.what }),
        }
    }

    /// Every field still held, as rule-A parameters.
    pub(crate) fn params(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.entries
            .iter()
            .map(|e| (e.name.as_ref(), Some(e.value.as_ref())))
    }

    /// The fields not consumed: undocumented extras, kept for the caller.
    pub(crate) fn into_extra(self) -> BTreeMap<String, String> {
        self.entries
            .into_iter()
            .map(|e| (e.name.into_owned(), e.value.into_owned()))
            .collect()
    }

    /// What these fields came from, for error messages.
    pub(crate) fn what(&self) -> &'static str {
        self.what
    }
}

/// One name or value of a form: borrowed when there is nothing to decode (the
/// usual case), else `+` → space and `%XX` → byte, then checked to be UTF-8.
fn form_decode<'a>(raw: &'a str, what: &'static str) -> Result<Cow<'a, str>> {
    if memchr::memchr2(b'+', b'%', raw.as_bytes()).is_none() {
        return Ok(Cow::Borrowed(raw));
    }
    let spaced: Vec<u8> = raw
        .bytes()
        .map(|b| if b == b'+' { b' ' } else { b })
        .collect();
    percent_decode(&spaced)
        .decode_utf8()
        .map(|s| Cow::Owned(s.into_owned()))
        .map_err(|_| not_utf8(what))
}

/// The error for a name or value that is not UTF-8.
fn not_utf8(what: &'static str) -> Error {
    Error::malformed(what, "a name or value is not valid UTF-8 once decoded")
}

/// A JSON string's text: borrowed from inside the quotes when it has no escape
/// (serde_json has already refused control characters), else unescaped.
fn json_string(json: &str) -> serde_json::Result<Cow<'_, str>> {
    match json.get(1..json.len() - 1) {
        Some(inner) if memchr::memchr(b'\\', inner.as_bytes()).is_none() => {
            Ok(Cow::Borrowed(inner))
        }
        _ => serde_json::from_str::<String>(json).map(Cow::Owned),
    }
}

/// A name given twice among `names`, if any: compared pairwise when there are
/// a few (no allocation), by sorting a copy beyond that.
fn repeated<'n>(names: impl Iterator<Item = &'n str> + Clone) -> Option<&'n str> {
    if names.clone().nth(PAIRWISE_MAX).is_none() {
        return names
            .clone()
            .enumerate()
            .find(|&(i, name)| names.clone().skip(i + 1).any(|other| other == name))
            .map(|(_, name)| name);
    }
    let mut sorted: Vec<&str> = names.collect();
    sorted.sort_unstable();
    sorted.windows(2).find(|w| w[0] == w[1]).map(|w| w[0])
}

/// What the JSON reader says when an object has more than [`MAX_FIELDS`] members.
const TOO_MANY: &str = "more than the most fields read";

/// The error for more than [`MAX_FIELDS`] fields.
fn too_many(what: &'static str) -> Error {
    Error::malformed(what, format!("it has more than {MAX_FIELDS} fields"))
}

/// The error for a field given twice.
fn duplicate(what: &'static str, name: &str) -> Error {
    Error::malformed_field(what, name, "appears more than once")
}

/// A JSON object's members in order, duplicates included, values unparsed.
struct RawObject<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

/// A member name, borrowed from the text when it has no escape.
struct Name<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, name: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(Name(Cow::Borrowed(name)))
            }
            fn visit_str<E>(self, name: &str) -> std::result::Result<Self::Value, E> {
                Ok(Name(Cow::Owned(name.to_owned())))
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}

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
                let mut members = Vec::with_capacity(FIELDS_EXPECTED);
                while let Some((Name(name), value)) =
                    access.next_entry::<Name<'de>, &'de RawValue>()?
                {
                    if members.len() == MAX_FIELDS {
                        return Err(serde::de::Error::custom(TOO_MANY));
                    }
                    members.push((name, value));
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
    fn repeats_are_found_however_written_and_however_many_fields() {
        let many: String = (0..40).map(|i| format!("f{i}={i}&")).collect();
        for body in [
            format!("{many}f7=again"),
            "a=1&%61=2".to_owned(),
            "a+b=1&a%20b=2".to_owned(),
        ] {
            let err = Fields::from_form(body.as_bytes(), "notification").unwrap_err();
            assert!(err.to_string().contains("appears more than once"), "{body}");
        }
        assert_eq!(
            Fields::from_form(many.as_bytes(), "notification")
                .unwrap()
                .entries
                .len(),
            40
        );
        let nulls: String = (0..40).map(|i| format!(r#""n{i}": null, "#)).collect();
        for json in [
            r#"{"a": 1, "\u0061": 2}"#.to_owned(),
            format!(r#"{{{nulls}"n39": 1}}"#),
            format!(r#"{{{nulls}"n0": null}}"#),
        ] {
            let err = Fields::from_json(&json, "query response").unwrap_err();
            assert!(err.to_string().contains("appears more than once"), "{json}");
        }
        assert!(Fields::from_json(&format!(r#"{{{nulls}"x": 1}}"#), "query response").is_ok());
    }

    #[test]
    fn large_bodies_and_many_fields_are_refused_before_they_cost_memory() {
        let many: String = (0..=MAX_FIELDS).map(|i| format!("f{i}=1&")).collect();
        let huge = "a&".repeat(MAX_FORM_BYTES);
        for body in [many.as_str(), huge.as_str()] {
            let err = Fields::from_form(body.as_bytes(), "notification").unwrap_err();
            assert_eq!(err.code(), "malformed_response", "{err}");
        }
        let members: Vec<String> = (0..=MAX_FIELDS).map(|i| format!(r#""f{i}": 1"#)).collect();
        let err =
            Fields::from_json(&format!("{{{}}}", members.join(",")), "query response").unwrap_err();
        assert!(err.to_string().contains("more than 256 fields"), "{err}");
        let fits: String = (0..MAX_FIELDS).map(|i| format!("f{i}=1&")).collect();
        assert!(Fields::from_form(fits.as_bytes(), "notification").is_ok());
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
    fn a_signature_counts_only_exactly_as_sent() {
        const SIG: &str = "840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
        let percent: String = SIG.bytes().map(|b| format!("%{b:02X}")).collect();
        let form = |value: &str| {
            let body = format!("signature={value}");
            let signature = Fields::from_form(body.as_bytes(), "notification")
                .unwrap()
                .signature();
            signature.map(Cow::into_owned)
        };
        assert_eq!(form(SIG).unwrap(), SIG);
        for bad in [
            percent.as_str(),
            &SIG[..63],
            &format!("{SIG}0"),
            &format!("%20{SIG}"),
            "",
        ] {
            assert_eq!(form(bad).unwrap_err().code(), "invalid_signature", "{bad}");
        }
        let json = |value: &str| {
            let body = format!(r#"{{"signature": {value}}}"#);
            let signature = Fields::from_json(&body, "query response")
                .unwrap()
                .signature();
            signature.map(Cow::into_owned)
        };
        assert_eq!(json(&format!("\"{SIG}\"")).unwrap(), SIG);
        let escaped = format!("\"\\u0038{}\"", &SIG[1..]);
        let digits = "1".repeat(64);
        for bad in [escaped.as_str(), digits.as_str(), "true", "[1]"] {
            assert_eq!(json(bad).unwrap_err().code(), "invalid_signature", "{bad}");
        }
        assert!(json(&format!("\"{digits}\"")).is_ok());
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
