package io.latipay

import io.latipay.internal.AttemptForwarder
import io.latipay.internal.displayUrl
import io.latipay.internal.orWhenNotUnicode
import io.latipay.internal.required

/**
 * How to reach Latipay as one merchant. Give [baseUrl] (the sandbox, a proxy) or [environment]
 * (`"production"`, the default, or `"staging"`), not both; null means the default everywhere.
 * Its `toString()` shows neither the api_key nor a proxy's password. From Java:
 * [ClientConfig.builder] or `new ClientConfig(userId, walletId, apiKey)`.
 */
data class ClientConfig @JvmOverloads constructor(
    /** The Latipay user account (`U…`). */
    val userId: String,
    /** The wallet payments go to (`W…`). */
    val walletId: String,
    /** The api_key from the merchant portal. */
    val apiKey: ApiKey,
    /** `"production"` or `"staging"`. */
    val environment: String? = null,
    /** A base URL instead of an environment, e.g. the sandbox's. */
    val baseUrl: String? = null,
    /** The whole-call timeout in milliseconds, retries and pauses included (30 000 when null). */
    val timeoutMs: Long? = null,
    /** The connect timeout in milliseconds (10 000 when null). */
    val connectTimeoutMs: Long? = null,
    /** How long a blocking query may wait, in milliseconds: more than Latipay's 180 s hold (200 000 when null). */
    val blockTimeoutMs: Long? = null,
    /** Retries of a failed GET (2 when null; POSTs are never retried). */
    val maxRetries: Int? = null,
    /** The User-Agent header. */
    val userAgent: String? = null,
    /**
     * The proxy every request goes through: `http://host:port` or `https://host:port`. When
     * null, the environment's `https_proxy`, `http_proxy`, `all_proxy` and `no_proxy` apply.
     */
    val proxy: String? = null,
    /** More certificate authorities to trust, as PEM text. */
    val caCertificates: String? = null,
    /** `"bundled"` (Mozilla's list, built in; the default) or `"system"` (the operating system's store). */
    val trustStore: String? = null,
    /** Told of every attempt of every call, on the thread making the call. */
    val onAttempt: AttemptListener? = null,
) {
    /**
     * Every field, with the api_key `[REDACTED]` (also where it was passed as another value by
     * mistake) and a proxy's `user:password@` too.
     */
    override fun toString(): String {
        val shown = { text: String? -> text?.let { orWhenNotUnicode({ "[not valid Unicode]" }) { apiKey.ffi.shown(it) } } }
        return "ClientConfig(userId=${shown(userId)}, walletId=${shown(walletId)}, apiKey=$apiKey, " +
            "environment=${shown(environment)}, baseUrl=${shown(baseUrl?.let(::displayUrl))}, timeoutMs=$timeoutMs, " +
            "connectTimeoutMs=$connectTimeoutMs, blockTimeoutMs=$blockTimeoutMs, maxRetries=$maxRetries, " +
            "userAgent=${shown(userAgent)}, proxy=${shown(proxy?.let(::displayUrl))}, " +
            "caCertificates=${shown(caCertificates)}, trustStore=${shown(trustStore)}, onAttempt=$onAttempt)"
    }

    /** The generated record the Rust client is made from. */
    @JvmSynthetic
    internal fun toFfi() = io.latipay.internal.ClientConfig(
        userId, walletId, apiKey.ffi, environment, baseUrl, timeoutMs, connectTimeoutMs, blockTimeoutMs,
        maxRetries, userAgent, proxy, caCertificates, trustStore, onAttempt?.let(::AttemptForwarder),
    )

    /** Java's way to a [ClientConfig]: set each field by name, then [build]. */
    class Builder internal constructor() {
        private var userId: String? = null
        private var walletId: String? = null
        private var apiKey: ApiKey? = null
        private var environment: String? = null
        private var baseUrl: String? = null
        private var timeoutMs: Long? = null
        private var connectTimeoutMs: Long? = null
        private var blockTimeoutMs: Long? = null
        private var maxRetries: Int? = null
        private var userAgent: String? = null
        private var proxy: String? = null
        private var caCertificates: String? = null
        private var trustStore: String? = null
        private var onAttempt: AttemptListener? = null

        /** Sets [ClientConfig.userId] (required). */
        fun userId(value: String) = apply { userId = value }
        /** Sets [ClientConfig.walletId] (required). */
        fun walletId(value: String) = apply { walletId = value }
        /** Sets [ClientConfig.apiKey] (required). */
        fun apiKey(value: ApiKey) = apply { apiKey = value }
        /** Sets [ClientConfig.environment]. */
        fun environment(value: String?) = apply { environment = value }
        /** Sets [ClientConfig.baseUrl]. */
        fun baseUrl(value: String?) = apply { baseUrl = value }
        /** Sets [ClientConfig.timeoutMs]. */
        fun timeoutMs(value: Long) = apply { timeoutMs = value }
        /** Sets [ClientConfig.connectTimeoutMs]. */
        fun connectTimeoutMs(value: Long) = apply { connectTimeoutMs = value }
        /** Sets [ClientConfig.blockTimeoutMs]. */
        fun blockTimeoutMs(value: Long) = apply { blockTimeoutMs = value }
        /** Sets [ClientConfig.maxRetries]. */
        fun maxRetries(value: Int) = apply { maxRetries = value }
        /** Sets [ClientConfig.userAgent]. */
        fun userAgent(value: String?) = apply { userAgent = value }
        /** Sets [ClientConfig.proxy]. */
        fun proxy(value: String?) = apply { proxy = value }
        /** Sets [ClientConfig.caCertificates]. */
        fun caCertificates(value: String?) = apply { caCertificates = value }
        /** Sets [ClientConfig.trustStore]. */
        fun trustStore(value: String?) = apply { trustStore = value }
        /** Sets [ClientConfig.onAttempt]. */
        fun onAttempt(value: AttemptListener?) = apply { onAttempt = value }

        /**
         * The configuration; the values are checked when a client is made from it.
         *
         * @throws LatipayException.InvalidArgument naming a required field that was not set.
         */
        @Throws(LatipayException::class)
        fun build() = ClientConfig(
            required(userId, "user_id"), required(walletId, "wallet_id"), required(apiKey, "api_key"),
            environment, baseUrl, timeoutMs, connectTimeoutMs, blockTimeoutMs, maxRetries, userAgent,
            proxy, caCertificates, trustStore, onAttempt,
        )
    }

    /** The [Builder]. */
    companion object {
        /** A [Builder] with nothing set. */
        @JvmStatic fun builder() = Builder()
    }
}
