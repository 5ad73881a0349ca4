package io.latipay

import io.latipay.internal.ffi

/**
 * A merchant's api_key, checked once (not empty, no surrounding whitespace). Its `toString()` is
 * `[REDACTED]`, so a [ClientConfig] can be logged safely. Nothing to close: the garbage collector
 * frees it.
 */
class ApiKey @Throws(LatipayException::class) constructor(key: String) {
    /** The checked key, held by the Rust core. */
    @get:JvmSynthetic
    internal val ffi: io.latipay.internal.ApiKey = ffi { io.latipay.internal.ApiKey(key) }

    /** `[REDACTED]`, always. */
    override fun toString(): String = ffi.toString()
}
