//! Properties that must hold for every input, not just the known answers.

use latipay::signature::{sign_concat, verify_sorted};
use latipay::{sign, verify_notification, verify_redirect, Amount};
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
        reference in "[A-Za-z0-9_.-]{1,30}",
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
}
