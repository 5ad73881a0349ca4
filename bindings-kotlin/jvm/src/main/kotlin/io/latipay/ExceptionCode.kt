// Hand-written: `code` as a property of every LatipayException, read from Rust.
package io.latipay

/**
 * The stable code of this error, the same in Rust, Python, Node and Kotlin:
 * `invalid_argument`, `invalid_signature`, `api_error`, `http_status`,
 * `transport`, `timeout` or `malformed_response`. Match on it (or on the
 * subclass), never on the message.
 */
val LatipayException.code: String
    get() = code()
