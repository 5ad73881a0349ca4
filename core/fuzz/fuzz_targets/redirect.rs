//! Any URL or query string a browser brings back to `return_url`: never a
//! panic, only a verified Redirect or a typed error.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The key the seeds are signed with.
const KEY: &str = "111222333";

fuzz_target!(|url: &str| {
    match latipay::verify_redirect(url, KEY) {
        Ok(redirect) => assert!(!redirect.merchant_reference.is_empty()),
        Err(error) => assert!(!error.code().is_empty()),
    }
});
