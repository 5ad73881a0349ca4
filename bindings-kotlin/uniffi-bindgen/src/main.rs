//! `uniffi-bindgen generate --library target/release/liblatipay_kotlin.so --language kotlin …`,
//! built from the same UniFFI release as the library it reads.

fn main() {
    uniffi::uniffi_bindgen_main()
}
