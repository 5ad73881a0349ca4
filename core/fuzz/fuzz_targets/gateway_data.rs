//! Any body answering a gateway-data request: never a panic, only verified
//! GatewayData (whose QR code renders or fails typed) or a typed error.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The key the seeds are signed with.
const KEY: &str = "111222333";

fuzz_target!(|body: &str| {
    match latipay::response::parse_gateway_data(body, KEY) {
        Ok(data) => {
            if let Err(error) = data.qr_code_png() {
                assert!(!error.code().is_empty());
            }
        }
        Err(error) => assert!(!error.code().is_empty()),
    }
});
