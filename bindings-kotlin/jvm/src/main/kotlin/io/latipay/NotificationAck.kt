// Hand-written: the one constant UniFFI cannot export. Everything else in the
// package io.latipay is generated from the Rust crate by uniffi-bindgen.
package io.latipay

/** The body to answer a Latipay notification with (HTTP 200): `"sent"`. */
val NOTIFICATION_ACK: String = notificationAck()
