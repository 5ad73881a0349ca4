package io.latipay.sandbox

/**
 * A merchant account on the sandbox: what your client is configured with.
 * [toString] leaves the api key out.
 */
class SandboxMerchant @JvmOverloads constructor(
    /** Latipay's user id, e.g. `U000334333`. */
    val userId: String,
    /** The wallet orders are paid into, e.g. `W00000001`. */
    val walletId: String,
    /** The key requests are signed with (a test key, never a real one). */
    val apiKey: String,
    /** The wallet's currency. */
    val currency: String = "NZD",
) {
    init {
        require(listOf(userId, walletId, apiKey, currency).all { it.isNotEmpty() && ':' !in it }) {
            "a merchant's user id, wallet id, api key and currency are non-empty and hold no ':'"
        }
    }

    /** This merchant as the sandbox's `--merchant` takes it. */
    internal val spec: String get() = "$userId:$walletId:$apiKey:$currency"

    override fun equals(other: Any?): Boolean = other is SandboxMerchant && other.spec == spec
    override fun hashCode(): Int = spec.hashCode()
    override fun toString(): String = "SandboxMerchant(userId=$userId, walletId=$walletId, apiKey=<redacted>, currency=$currency)"

    companion object {
        /** The merchant every sandbox started without merchants serves. */
        @JvmField
        val DEMO = SandboxMerchant("U000334333", "W00000001", "111222333", "NZD")
    }
}
