package io.latipay.sandbox

import java.io.File
import java.io.InputStream
import java.net.URI
import java.net.URLEncoder
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.security.KeyStore
import java.security.cert.CertificateFactory
import java.time.Duration
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import javax.net.ssl.SSLContext
import javax.net.ssl.TrustManagerFactory

/**
 * A running `latipay-sandbox --port 0` of this JVM: [url] is its base URL,
 * [merchant] the merchant it serves. Start one with [start], or let
 * [LatipaySandboxExtension] start it for your tests; [close] stops it.
 */
class LatipaySandbox private constructor(
    private val process: Process,
    /** The base URL to give your client, e.g. `http://127.0.0.1:41234`. */
    val url: String,
    /** With [SandboxOptions.tls]: its self-signed certificate (PEM), for your client to trust. */
    val certificatePem: String?,
    /** Every merchant it serves. */
    val merchants: List<SandboxMerchant>,
) : AutoCloseable {
    /** The sandbox process's id. */
    val pid: Long get() = process.pid()

    /** The first merchant (the demo merchant unless others were given). */
    val merchant: SandboxMerchant get() = merchants.first()

    /** With [SandboxOptions.tls]: an [SSLContext] trusting [certificatePem]; else null. */
    val sslContext: SSLContext? = certificatePem?.let(::trusting)

    private val http: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .apply { sslContext?.let(::sslContext) }.build()

    /** The customer pays the pending order; the order as the sandbox then holds it. */
    fun pay(merchantReference: String): Map<String, Any?> = act("pay", merchantReference)

    /** The customer's payment fails. */
    fun fail(merchantReference: String): Map<String, Any?> = act("fail", merchantReference)

    /** The customer cancels. */
    fun cancel(merchantReference: String): Map<String, Any?> = act("cancel", merchantReference)

    /** The order as the sandbox holds it (status, amounts, refunds, waiting queries). */
    @Suppress("UNCHECKED_CAST")
    fun order(merchantReference: String): Map<String, Any?> =
        control("GET", "/_sandbox/orders/${encode(merchantReference)}") as Map<String, Any?>

    /** Every notification sent (for one order, when given), each with its attempts. */
    @JvmOverloads
    @Suppress("UNCHECKED_CAST")
    fun notifications(merchantReference: String? = null): List<Map<String, Any?>> {
        val every = (control("GET", "/_sandbox/notifications") as Map<String, Any?>)["notifications"] as List<Map<String, Any?>>
        return if (merchantReference == null) every else every.filter { it["merchant_reference"] == merchantReference }
    }

    /**
     * Makes the next matching requests misbehave, e.g.
     * `faults(mapOf("path" to "/v2/transaction", "method" to "POST", "fault" to "status", "status" to 503))`
     * (see the sandbox README's Faults); the stored fault.
     */
    @Suppress("UNCHECKED_CAST")
    fun faults(rule: Map<String, Any?>): Map<String, Any?> = control("POST", "/_sandbox/faults", rule) as Map<String, Any?>

    /** Forgets every fault not yet used up. */
    fun clearFaults() {
        control("DELETE", "/_sandbox/faults")
    }

    /** Requests it accepted although a field was not a JSON string (`present_qr: 1`). */
    @Suppress("UNCHECKED_CAST")
    fun warnings(): List<Map<String, Any?>> =
        (control("GET", "/_sandbox/warnings") as Map<String, Any?>)["warnings"] as List<Map<String, Any?>>

    /** Forgets every order, notification, fault and warning. */
    fun reset() {
        control("POST", "/_sandbox/reset")
    }

    /**
     * Calls the control API (`/_sandbox/…`) with [body] as JSON; its JSON
     * answer as maps and lists. Throws [SandboxException] on a status of 300 or more.
     */
    @JvmOverloads
    fun control(method: String, path: String, body: Any? = null): Any? {
        val publisher = body?.let { HttpRequest.BodyPublishers.ofString(Json.write(it)) } ?: HttpRequest.BodyPublishers.noBody()
        val request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
            .method(method, publisher).header("Content-Type", "application/json").build()
        val answer = http.send(request, HttpResponse.BodyHandlers.ofString())
        if (answer.statusCode() >= 300) throw SandboxException("$method $path: ${answer.statusCode()} ${answer.body()}")
        return answer.body().takeIf(String::isNotEmpty)?.let(Json::parse)
    }

    /** Stops the sandbox and waits for it to exit. */
    override fun close() {
        runCatching { process.outputStream.close() }
        if (!process.isAlive) return
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor()
        }
    }

    override fun toString(): String = "LatipaySandbox($url, merchants=${merchants.map(SandboxMerchant::userId)})"

    @Suppress("UNCHECKED_CAST")
    private fun act(action: String, merchantReference: String): Map<String, Any?> =
        control("POST", "/_sandbox/orders/${encode(merchantReference)}/$action") as Map<String, Any?>

    companion object {
        /** How long the sandbox may take to print its URL. */
        private const val START_TIMEOUT_SECONDS = 30L

        /**
         * Starts the sandbox on a free loopback port and returns once it listens.
         * [executable]: the `latipay-sandbox` to run (default: [sandboxExecutable]).
         */
        @JvmStatic
        @JvmOverloads
        fun start(options: SandboxOptions = SandboxOptions(), executable: File? = null): LatipaySandbox {
            val merchantsFile = options.merchants.takeIf { it.isNotEmpty() }?.let(::merchantsFile)
            try {
                val command = listOf((executable ?: sandboxExecutable()).path) + options.arguments(merchantsFile)
                val process = ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start()
                try {
                    val lines = linesOf(process.inputStream)
                    val url = nextLine(lines, process)
                    if (!BASE_URL.matches(url)) {
                        throw SandboxException("latipay-sandbox printed \"$url\" where its URL belongs")
                    }
                    val certificate = if (options.tls) File(nextLine(lines, process)).readText() else null
                    return LatipaySandbox(process, url, certificate, options.merchants.ifEmpty { listOf(SandboxMerchant.DEMO) })
                } catch (e: Throwable) {
                    process.destroyForcibly().waitFor()
                    throw e
                }
            } finally {
                merchantsFile?.delete() // read by the sandbox before it listens
            }
        }

        /** The first line the sandbox prints: its base URL. */
        private val BASE_URL = Regex("https?://[^/\\s]+:[0-9]+")

        /** A new file only this user can read, one `--merchant` spec per line. */
        private fun merchantsFile(merchants: List<SandboxMerchant>): File {
            val file = java.nio.file.Files.createTempFile("latipay-sandbox-", ".merchants").toFile()
            file.writeText(merchants.joinToString("") { "${it.spec}\n" })
            return file
        }

        /** Every line the sandbox prints, read on a daemon thread (its log never fills the pipe). */
        private fun linesOf(stream: InputStream): LinkedBlockingQueue<Result<String?>> {
            val lines = LinkedBlockingQueue<Result<String?>>()
            Thread({
                runCatching { stream.bufferedReader().useLines { all -> all.forEach { lines.put(Result.success(it)) } } }
                lines.put(Result.success(null))
            }, "latipay-sandbox stdout").apply { isDaemon = true }.start()
            return lines
        }

        private fun nextLine(lines: LinkedBlockingQueue<Result<String?>>, process: Process): String {
            val line = lines.poll(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                ?: throw SandboxException("latipay-sandbox printed nothing within $START_TIMEOUT_SECONDS s")
            return line.getOrNull()?.trim() ?: throw SandboxException(
                "latipay-sandbox exited (${process.waitFor()}) before it listened; its stderr says why",
            )
        }

        private fun encode(text: String): String = URLEncoder.encode(text, Charsets.UTF_8).replace("+", "%20")

        private fun trusting(pem: String): SSLContext {
            val certificate = CertificateFactory.getInstance("X.509").generateCertificate(pem.byteInputStream())
            val store = KeyStore.getInstance(KeyStore.getDefaultType()).apply {
                load(null)
                setCertificateEntry("latipay-sandbox", certificate)
            }
            val trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).apply { init(store) }
            return SSLContext.getInstance("TLS").apply { init(null, trust.trustManagers, null) }
        }
    }
}
