//! Properties that must hold for every input, not just the known answers.

use latipay::response::parse_create_response;
use latipay::signature::{sign_concat, verify_sorted};
use latipay::{sign, verify_notification, verify_redirect, Amount, Payment};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use proptest::prelude::*;
use std::collections::BTreeMap;

const KEY: &str = "111222333";

fn params() -> impl Strategy<Value = BTreeMap<String, Option<String>>> {
    prop::collection::btree_map(
        "[a-zA-Z_]{1,12}",
        prop::option::of("[ -~]{0,20}|\\PC{0,8}"),
        0..12,
    )
}

fn as_pairs(map: &BTreeMap<String, Option<String>>) -> Vec<(&str, Option<&str>)> {
    map.iter()
        .map(|(k, v)| (k.as_str(), v.as_deref()))
        .collect()
}

fn encode(s: &str) -> String {
    utf8_percent_encode(s, NON_ALPHANUMERIC).to_string()
}

/// The five fields rule B signs, in its order.
type Outcome = [String; 5];

/// A valid outcome whose cuts are easy to move: references that end like the
/// start of a method, statuses and amounts that begin like the end of others.
fn outcome() -> impl Strategy<Value = Outcome> {
    let reference = (
        "[A-Za-z0-9_-][A-Za-z0-9_.-]{0,6}",
        prop::sample::select(vec![
            "", "ali", "poli", "a", "p", "pay", "we", "online", "upi_", "coin_", "2", "12", "paid",
            "NZD", ".",
        ]),
    )
        .prop_map(|(head, tail)| format!("{head}{tail}"));
    let method = prop::sample::select(vec![
        "alipay",
        "wechat",
        "onlineBank",
        "moneymore",
        "polipay",
        "payid",
        "upi_upop",
        "coin_payments",
    ]);
    let status = prop::sample::select(vec!["pending", "paid", "failed", "canceled", "rejected"]);
    let amount = "[1-9][0-9]{0,3}(\\.[0-9]{1,2})?|0\\.[1-9][0-9]?";
    (reference, method, status, "[A-Z]{3}", amount)
        .prop_map(|(r, m, s, c, a)| [r, m.to_owned(), s.to_owned(), c, a])
}

/// A notification body carrying `fields` under `signature`.
fn notification_body(fields: &[&str; 5], signature: &str) -> String {
    let names = [
        "merchant_reference",
        "payment_method",
        "status",
        "currency",
        "amount",
    ];
    let mut body: String = names
        .iter()
        .zip(fields)
        .map(|(name, value)| format!("{name}={}&", encode(value)))
        .collect();
    body.push_str("signature=");
    body.push_str(signature);
    body
}

/// The fields a notification carrying `fields` under `signature` verifies to, if any.
fn verified(fields: &[&str; 5], signature: &str) -> Option<Payment> {
    verify_notification(notification_body(fields, signature).as_bytes(), KEY).ok()
}

/// `message` cut at `cuts` (four ascending byte offsets) into five parts, if
/// each part is non-empty and the cuts fall on character boundaries.
fn cut(message: &str, cuts: [usize; 4]) -> Option<[&str; 5]> {
    let bounds = [0, cuts[0], cuts[1], cuts[2], cuts[3], message.len()];
    let mut parts = [""; 5];
    for (i, part) in parts.iter_mut().enumerate() {
        if bounds[i] >= bounds[i + 1] {
            return None;
        }
        *part = message.get(bounds[i]..bounds[i + 1])?;
    }
    Some(parts)
}

proptest! {
    #[test]
    fn rule_a_does_not_depend_on_input_order(map in params(), seed in any::<u64>()) {
        let pairs = as_pairs(&map);
        let mut shuffled = pairs.clone();
        // A deterministic shuffle driven by the seed.
        let n = shuffled.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        shuffled.reverse();
        prop_assert_eq!(sign(pairs, KEY).unwrap(), sign(shuffled, KEY).unwrap());
    }

    #[test]
    fn rule_a_sign_then_verify(map in params(), key in "[ -~]{1,40}") {
        let pairs = as_pairs(&map);
        if key.trim().is_empty() {
            // A blank key signs nothing, and nothing verifies under it.
            prop_assert!(sign(pairs.clone(), &key).is_err());
            let forged = sign(pairs.clone(), KEY).unwrap();
            prop_assert!(!verify_sorted(pairs, &key, &forged));
            return Ok(());
        }
        let signature = sign(pairs.clone(), &key).unwrap();
        prop_assert!(verify_sorted(pairs.clone(), &key, &signature));
        let mut changed = pairs;
        changed.push(("zz_added", Some("x")));
        prop_assert!(!verify_sorted(changed, &key, &signature));
    }

    #[test]
    fn amount_text_round_trips(whole in 0u64..1_000_000_000_000, frac in prop::option::of("[0-9]{1,2}")) {
        let text = match &frac { Some(f) => format!("{whole}.{f}"), None => whole.to_string() };
        match Amount::parse(&text) {
            Ok(amount) => {
                prop_assert_eq!(amount.as_str(), text.as_str());
                prop_assert_eq!(amount.to_string(), text.clone());
                let cents = frac.map_or(0, |f| format!("{f:0<2}").parse::<u64>().unwrap());
                prop_assert_eq!(amount.minor_units(), whole * 100 + cents);
            }
            Err(e) => {
                prop_assert_eq!(e.code(), "invalid_argument");
                prop_assert_eq!(whole * 100 + frac.map_or(0, |f| f.parse::<u64>().unwrap()), 0);
            }
        }
    }

    #[test]
    fn any_amount_text_parses_verbatim_or_fails_typed(text in "\\PC{0,20}") {
        match Amount::parse(&text) {
            Ok(amount) => prop_assert_eq!(amount.as_str(), text.as_str()),
            Err(e) => prop_assert_eq!(e.code(), "invalid_argument"),
        }
    }

    #[test]
    fn notifications_round_trip_through_form_encoding(
        reference in "[A-Za-z0-9_-][A-Za-z0-9_.-]{0,29}",
        method in "alipay|wechat|onlineBank|polipay",
        status in "pending|paid|failed",
        currency in "NZD|AUD|CNY",
        amount in "[1-9][0-9]{0,5}\\.[0-9]{2}",
        note in "\\PC{0,16}",
    ) {
        let signature = sign_concat(&[&reference, &method, &status, &currency, &amount], KEY);
        let body = format!(
            "merchant_reference={}&payment_method={}&status={}&currency={}&amount={}&note={}&signature={signature}",
            encode(&reference), encode(&method), encode(&status), encode(&currency), encode(&amount), encode(&note)
        );
        let n = verify_notification(body.as_bytes(), KEY).unwrap();
        prop_assert_eq!(&n.merchant_reference, &reference);
        prop_assert_eq!(n.status.as_str(), status.as_str());
        prop_assert_eq!(&n.amount, &amount);
        prop_assert_eq!(n.extra.get("note").map(String::as_str).unwrap_or(""), note.as_str());
        let r = verify_redirect(&format!("https://shop.example/r?{body}"), KEY).unwrap();
        prop_assert_eq!(r.amount, amount);
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_never_verify(body in prop::collection::vec(any::<u8>(), 0..200)) {
        let err = verify_notification(&body, KEY).unwrap_err();
        prop_assert!(["invalid_signature", "malformed_response"].contains(&err.code()), "{}", err);
    }

    /// Rule B has no separators: every other cut of a signed message must be
    /// refused. Here every cut with each boundary moved by up to 3 characters
    /// either way (the must-fail vectors move one boundary at a time).
    #[test]
    fn no_other_cut_near_the_boundaries_verifies(fields in outcome()) {
        let original: [&str; 5] = std::array::from_fn(|i| fields[i].as_str());
        let signature = sign_concat(&original, KEY);
        prop_assert!(verified(&original, &signature).is_some(), "{:?}", original);
        let message = original.concat();
        let mut bounds = [0usize; 4];
        for i in 0..4 {
            bounds[i] = original[..=i].iter().map(|p| p.len()).sum();
        }
        for shift in 0..7usize.pow(4) {
            let moved: [usize; 4] = std::array::from_fn(|i| {
                let by = (shift / 7usize.pow(i as u32)) % 7;
                (bounds[i] + by).checked_sub(3).unwrap_or(usize::MAX)
            });
            if moved == bounds || moved.contains(&usize::MAX) {
                continue;
            }
            if let Some(parts) = cut(&message, moved) {
                prop_assert!(verified(&parts, &signature).is_none(), "{:?} re-cut as {:?}", original, parts);
            }
        }
    }

    /// The same property for cuts anywhere in the message.
    #[test]
    fn no_cut_anywhere_else_verifies(fields in outcome(), cuts in prop::array::uniform4(0usize..64)) {
        let original: [&str; 5] = std::array::from_fn(|i| fields[i].as_str());
        let signature = sign_concat(&original, KEY);
        let message = original.concat();
        let mut sorted = cuts.map(|c| c % (message.len() + 1));
        sorted.sort_unstable();
        if let Some(parts) = cut(&message, sorted) {
            let accepted = verified(&parts, &signature);
            prop_assert!(accepted.is_none() || parts == original, "{:?} re-cut as {:?}", original, parts);
        }
    }

    /// The create response signs `nonce + host_url`: no other cut verifies.
    #[test]
    fn no_other_cut_of_a_create_response_verifies(
        nonce in "[A-Za-z0-9_-]{1,12}(h|ht|http|https)?",
        host in "https?://[a-z]{1,8}(\\.[a-z]{2,3})?(/[a-z]{0,5})?",
    ) {
        let signature = sign_concat(&[&nonce, &host], KEY);
        let body = |n: &str, h: &str| format!(
            r#"{{"code":0,"message":"SUCCESS","nonce":{},"host_url":{},"signature":"{signature}"}}"#,
            serde_json::to_string(n).unwrap(), serde_json::to_string(h).unwrap()
        );
        prop_assert!(parse_create_response(&body(&nonce, &host), KEY).is_ok());
        let message = format!("{nonce}{host}");
        for at in 1..message.len() {
            if at != nonce.len() {
                let (n, h) = message.split_at(at);
                prop_assert!(parse_create_response(&body(n, h), KEY).is_err(), "{} + {}", n, h);
            }
        }
    }
}
