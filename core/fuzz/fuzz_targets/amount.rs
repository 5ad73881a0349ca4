//! Any amount text: never a panic; an accepted amount keeps its text exactly
//! and its minor units agree with it.
#![no_main]

use latipay::Amount;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match Amount::parse(text) {
        Ok(amount) => {
            assert_eq!(amount.as_str(), text);
            let (units, cents) = text.split_once('.').unwrap_or((text, ""));
            let cents = format!("{cents:0<2}");
            let expected = format!("{}{cents}", units.trim_start_matches('0'));
            assert_eq!(amount.minor_units().to_string(), expected.trim_start_matches('0'));
        }
        Err(error) => assert_eq!(error.code(), "invalid_argument"),
    }
});
