//! A request's parameters, read strictly, and its rule-A signature checked with
//! the core crate's verifier.

use std::collections::BTreeMap;
use std::fmt;

use latipay::signature::{verify_sorted, SIGNATURE_FIELD};
use latipay::Amount;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::error::Category;
use serde_json::value::RawValue;
use serde_json::Value;

use super::reply::{code, Refusal};
use crate::app::App;
use crate::config::{Merchant, SINGLE_PAYMENT_LIMIT};

/// A JSON object's members in order, each value as its JSON text, duplicates
/// kept (a map would drop them).
struct Pairs(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = Pairs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(member) = map.next_entry::<String, Box<RawValue>>()? {
                    pairs.push(member);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// Request parameters by name; absent and `null` values are not kept.
#[derive(Debug, Default)]
pub(crate) struct Params {
    values: BTreeMap<String, String>,
    /// Fields sent as JSON numbers or booleans, as `(name, JSON text)`, with
    /// the endpoint: recorded as warnings once the signature holds.
    lenient: Vec<(String, String)>,
    endpoint: &'static str,
}

impl Params {
    /// Reads a JSON object whose values are strings (or null); a key given
    /// twice is refused. A number or a boolean is taken as its JSON text (and
    /// reported with [`App::warn_not_a_string`] once [`Params::verify`]
    /// passes), or refused with `--strict`; an object or an array is always refused.
    pub(crate) fn from_json(
        app: &App,
        endpoint: &'static str,
        body: &[u8],
    ) -> Result<Self, Refusal> {
        let Pairs(pairs) = serde_json::from_slice(body).map_err(|e| {
            let why = match e.classify() {
                Category::Data => "the body must be a JSON object".to_owned(),
                _ => format!("the body is not valid JSON: {e}"),
            };
            Refusal::new(code::BAD_PARAMETER, why)
        })?;
        let mut params = BTreeMap::new();
        let mut lenient = Vec::new();
        for (name, raw) in pairs {
            let sent = raw.get();
            let text = match serde_json::from_str::<Value>(sent) {
                Ok(Value::String(text)) => text,
                Ok(Value::Null) => continue,
                Ok(Value::Number(_) | Value::Bool(_)) if !app.settings.strict => {
                    lenient.push((name.clone(), sent.to_owned()));
                    sent.to_owned()
                }
                _ => {
                    return Err(Refusal::new(
                        code::BAD_PARAMETER,
                        format!(
                        "`{name}` must be a string (got {sent}); Latipay's fields are all strings"
                    ),
                    ))
                }
            };
            if params.insert(name.clone(), text).is_some() {
                return Err(Refusal::new(
                    code::BAD_PARAMETER,
                    format!("`{name}` is given twice"),
                ));
            }
        }
        Ok(Params {
            values: params,
            lenient,
            endpoint,
        })
    }

    /// Reads a URL query string; a parameter given twice is refused.
    pub(crate) fn from_query(query: &str) -> Result<Self, Refusal> {
        let mut params = BTreeMap::new();
        for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
            if params
                .insert(name.to_string(), value.into_owned())
                .is_some()
            {
                return Err(Refusal::new(
                    code::BAD_PARAMETER,
                    format!("`{name}` is given twice"),
                ));
            }
        }
        Ok(Params {
            values: params,
            ..Params::default()
        })
    }

    /// Adds a parameter taken from the path.
    pub(crate) fn with(mut self, name: &str, value: &str) -> Self {
        self.values.insert(name.to_owned(), value.to_owned());
        self
    }

    /// A parameter's value, when present and not empty.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A parameter known to be present (after [`Params::require`]).
    pub(crate) fn value(&self, name: &str) -> &str {
        self.get(name).unwrap_or_default()
    }

    /// A `"1"`/`"0"` switch such as `is_block`; absent means off (207 otherwise).
    pub(crate) fn flag(&self, name: &str) -> Result<bool, Refusal> {
        match self.get(name) {
            None | Some("0") => Ok(false),
            Some("1") => Ok(true),
            Some(other) => Err(Refusal::new(
                code::BAD_PARAMETER,
                format!("`{name}` must be \"1\" or \"0\" (got {other:?})"),
            )),
        }
    }

    /// Refuses with 204 naming every required parameter that is absent or empty.
    pub(crate) fn require(&self, names: &[&str]) -> Result<(), Refusal> {
        let missing: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| self.get(n).is_none())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Refusal::new(
            code::FIELDS_MISSING,
            format!("some input fields are null: {}", missing.join(", ")),
        ))
    }

    /// The merchant named by `user_id`, or `unknown_user` as the refusal code.
    pub(crate) fn merchant<'a>(
        &self,
        app: &'a App,
        unknown_user: u32,
    ) -> Result<&'a Merchant, Refusal> {
        let user_id = self.value("user_id");
        app.merchant(user_id).ok_or_else(|| {
            Refusal::new(
                unknown_user,
                format!("no key for user {user_id:?}: the user does not exist"),
            )
        })
    }

    /// Checks `signature` by rule A over every other parameter (206 when
    /// wrong). Only then are the fields sent as numbers or booleans recorded
    /// as warnings: an unsigned request leaves nothing behind.
    pub(crate) fn verify(&self, app: &App, merchant: &Merchant) -> Result<(), Refusal> {
        let signature = self.value(SIGNATURE_FIELD);
        if verify_sorted(&self.values, merchant.api_key.expose(), signature) {
            for (name, sent) in &self.lenient {
                app.warn_not_a_string(self.endpoint, name, sent);
            }
            return Ok(());
        }
        Err(Refusal::new(
            code::BAD_SIGNATURE,
            "the signature is wrong: sign every non-empty parameter but `signature` by rule A (sorted key=value joined with &, then the api_key appended)",
        ))
    }

    /// `wallet_id` must be the merchant's wallet (450 otherwise).
    pub(crate) fn check_wallet(&self, merchant: &Merchant) -> Result<(), Refusal> {
        let wallet_id = self.value("wallet_id");
        if wallet_id == merchant.wallet_id {
            return Ok(());
        }
        Err(Refusal::new(
            code::WALLET_NOT_ASSIGNED,
            format!(
                "wallet {wallet_id:?} is not assigned to user {:?}",
                merchant.user_id
            ),
        ))
    }

    /// Reads `amount` with the core's [`Amount`] rules (207 when bad) and
    /// holds it to [`SINGLE_PAYMENT_LIMIT`] (454 above it).
    pub(crate) fn payment_amount(&self) -> Result<Amount, Refusal> {
        let amount = Amount::parse(self.value("amount"))
            .map_err(|e| Refusal::new(code::BAD_PARAMETER, e.to_string()))?;
        let limit = Amount::parse(SINGLE_PAYMENT_LIMIT).expect("the limit is a valid amount");
        if amount.minor_units() > limit.minor_units() {
            return Err(Refusal::new(
                code::OVER_LIMIT,
                format!(
                    "{} is over the single-payment limit of {SINGLE_PAYMENT_LIMIT}",
                    amount.as_str()
                ),
            ));
        }
        Ok(amount)
    }

    /// The refusal of a `merchant_reference` already used by order `existing`.
    pub(crate) fn reference_in_use(&self, existing: &str) -> Refusal {
        Refusal::new(
            code::BAD_PARAMETER,
            format!(
                "merchant_reference {:?} is already used by order {existing}: every order needs a new one",
                self.value("merchant_reference")
            ),
        )
    }
}
