//! Any body answering a query: never a panic, only a verified Payment about
//! the order asked for, or a typed error.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The key and order the seeds are made with.
const KEY: &str = "111222333";
const ORDER: &str = "dsi39ej430sks03";

fuzz_target!(|body: &str| {
    match latipay::response::parse_query_response(body, KEY, ORDER) {
        Ok(payment) => assert_eq!(payment.merchant_reference, ORDER),
        Err(error) => assert!(!error.code().is_empty()),
    }
});
