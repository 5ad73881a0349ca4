//! Any body answering `POST /v2/transaction`: never a panic, only a verified
//! CreatedTransaction or a typed error.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The key the seeds are signed with.
const KEY: &str = "111222333";

fuzz_target!(|body: &str| {
    match latipay::response::parse_create_response(body, KEY) {
        Ok(created) => assert!(!created.nonce.is_empty()),
        Err(error) => assert!(!error.code().is_empty()),
    }
});
