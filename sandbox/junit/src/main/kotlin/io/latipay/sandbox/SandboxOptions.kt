package io.latipay.sandbox

/**
 * How a sandbox is started. From Java: `SandboxOptions.builder().strict(true).build()`.
 */
data class SandboxOptions @JvmOverloads constructor(
    /** The merchants it serves; the demo merchant when empty. */
    val merchants: List<SandboxMerchant> = emptyList(),
    /** Refuse request fields that are not JSON strings, as the documentation asks. */
    val strict: Boolean = false,
    /** Serve HTTPS with a self-signed certificate ([LatipaySandbox.certificatePem]). */
    val tls: Boolean = false,
    /** The pause before a notification is sent again (short, so tests see retries quickly). */
    val notifyIntervalMs: Long = 100,
    /** The longest a blocking query is held, in seconds; the sandbox's default when null. */
    val blockTimeoutSecs: Long? = null,
    /** More command-line flags (`latipay-sandbox --help`). */
    val args: List<String> = emptyList(),
) {
    /**
     * The command-line arguments after the executable; merchants (their api
     * keys) come from [merchantsFile], never the command line. With
     * `--exit-on-stdin-close` and the stdin pipe this JVM holds, the sandbox
     * never outlives the JVM.
     */
    internal fun arguments(merchantsFile: java.io.File?): List<String> = buildList {
        addAll(listOf("--port", "0", "--exit-on-stdin-close", "--notify-interval-ms", notifyIntervalMs.toString()))
        merchantsFile?.let { addAll(listOf("--merchants-file", it.path)) }
        blockTimeoutSecs?.let { addAll(listOf("--block-timeout-secs", it.toString())) }
        if (strict) add("--strict")
        if (tls) add("--tls")
        addAll(args)
    }

    /** Builds [SandboxOptions] step by step (for Java). */
    class Builder {
        private var options = SandboxOptions()

        /** Adds a merchant. */
        fun merchant(merchant: SandboxMerchant) = apply { options = options.copy(merchants = options.merchants + merchant) }
        /** See [SandboxOptions.strict]. */
        fun strict(strict: Boolean) = apply { options = options.copy(strict = strict) }
        /** See [SandboxOptions.tls]. */
        fun tls(tls: Boolean) = apply { options = options.copy(tls = tls) }
        /** See [SandboxOptions.notifyIntervalMs]. */
        fun notifyIntervalMs(ms: Long) = apply { options = options.copy(notifyIntervalMs = ms) }
        /** See [SandboxOptions.blockTimeoutSecs]. */
        fun blockTimeoutSecs(secs: Long) = apply { options = options.copy(blockTimeoutSecs = secs) }
        /** Adds command-line flags. */
        fun args(vararg args: String) = apply { options = options.copy(args = options.args + args) }
        /** The options. */
        fun build(): SandboxOptions = options
    }

    companion object {
        /** A [Builder] starting from the defaults. */
        @JvmStatic
        fun builder(): Builder = Builder()
    }
}
