package io.latipay

import io.latipay.internal.ffi

/** A merchant's userId, walletId and api_key, checked once; `toString()` shows no key. */
class Credentials @Throws(LatipayException::class) constructor(userId: String, walletId: String, apiKey: String) {
    /** The checked credentials, held by the Rust core. */
    @get:JvmSynthetic
    internal val ffi = ffi { io.latipay.internal.Credentials(userId, walletId, apiKey) }

    /** The Latipay user account. */
    fun userId(): String = ffi.userId()

    /** The wallet payments go to. */
    fun walletId(): String = ffi.walletId()

    /** The account; never the key. */
    override fun toString(): String =
        "Credentials(userId=${ffi.shown(userId())}, walletId=${ffi.shown(walletId())}, apiKey=[REDACTED])"
}
