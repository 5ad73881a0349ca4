// Shared pieces of the Kotlin suites: the known-answer vectors, the sandbox
// on a free loopback port (through the latipay-sandbox-junit fixture), a
// merchant site that answers `sent`, and small HTTP helpers.
package io.latipay

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.sun.net.httpserver.HttpServer
import io.latipay.sandbox.LatipaySandbox
import io.latipay.sandbox.SandboxOptions
import java.io.File
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.UUID
import java.util.concurrent.CopyOnWriteArrayList

/** The repository root (Surefire sets `latipay.workspace`). */
val WORKSPACE: File = File(System.getProperty("latipay.workspace") ?: "..").canonicalFile

/** The demo merchant every sandbox knows. */
object Demo {
    const val USER_ID = "U000334333"
    const val WALLET_ID = "W00000001"
    const val API_KEY = "111222333"
}

/** One file of tests/vectors. */
fun vectors(name: String): JsonObject =
    JsonParser.parseString(File(WORKSPACE, "tests/vectors/$name").readText()).asJsonObject

/** A JSON string, or null for JSON null or a missing member. */
fun JsonObject.text(name: String): String? = get(name)?.takeUnless(JsonElement::isJsonNull)?.asString

/** A fresh merchant_reference. */
fun reference(): String = "kt-" + UUID.randomUUID().toString().replace("-", "").take(16)

private val http: HttpClient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()

/** One plain HTTP request; the status and body. */
fun request(url: String, method: String = "GET"): Pair<Int, String> {
    val builder = HttpRequest.newBuilder(URI.create(url))
    if (method == "POST") builder.POST(HttpRequest.BodyPublishers.noBody()) else builder.GET()
    val answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofString())
    return answer.statusCode() to answer.body()
}

/**
 * The sandbox with short timings (and `extra` flags, `--tls` say), started by
 * the latipay-sandbox-junit fixture's [LatipaySandbox], stopped by `close()`.
 * A blocking query is held for `holdSecs` (2 s, so that tests of a query nobody
 * answers end soon).
 */
class Sandbox(vararg extra: String, holdSecs: Long = 2) : AutoCloseable {
    private val running = LatipaySandbox.start(
        SandboxOptions(
            tls = "--tls" in extra,
            blockTimeoutSecs = holdSecs,
            args = listOf("--barcode-pending-ms", "300") + extra.filter { it != "--tls" },
        ),
    )
    /** Where the sandbox listens, e.g. `http://127.0.0.1:40123`. */
    val baseUrl: String = running.url
    /** With `--tls`: its certificate, as PEM text. */
    val certificatePem: String? = running.certificatePem
    private val control: HttpClient = running.sslContext?.let { HttpClient.newBuilder().sslContext(it).build() } ?: http

    /** Acts as the customer on a pending order: `pay`, `fail` or `cancel`. */
    fun customer(action: String, merchantReference: String) {
        val (status, body) = request("$baseUrl/_sandbox/orders/$merchantReference/$action", "POST")
        check(status == 200) { "$action: $status $body" }
    }

    /** The sandbox's delivery log for one order, as JSON objects. */
    fun deliveries(merchantReference: String): List<JsonObject> {
        val log = JsonParser.parseString(request("$baseUrl/_sandbox/notifications").second).asJsonObject
        return log.getAsJsonArray("notifications").map { it.asJsonObject }
            .filter { it.text("merchant_reference") == merchantReference }
    }

    /** Calls the control API (`/_sandbox/…`) with `body` as JSON; the answer's JSON. */
    fun control(method: String, path: String, body: String? = null): JsonElement {
        val publisher = body?.let(HttpRequest.BodyPublishers::ofString) ?: HttpRequest.BodyPublishers.noBody()
        val request = HttpRequest.newBuilder(URI.create(baseUrl + path))
            .method(method, publisher).header("Content-Type", "application/json").build()
        val answer = control.send(request, HttpResponse.BodyHandlers.ofString())
        check(answer.statusCode() < 300) { "$method $path: ${answer.statusCode()} ${answer.body()}" }
        return JsonParser.parseString(answer.body())
    }

    override fun close() = running.close()
}

/** A merchant site that keeps every notification's raw body and answers `sent`. */
class Merchant : AutoCloseable {
    private val server: HttpServer = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    private val bodies = CopyOnWriteArrayList<ByteArray>()
    /** The notification URL to give Latipay. */
    val callbackUrl: String

    init {
        server.createContext("/latipay/notify") { exchange ->
            bodies += exchange.requestBody.readBytes()
            val ack = NOTIFICATION_ACK.toByteArray()
            exchange.sendResponseHeaders(200, ack.size.toLong())
            exchange.responseBody.use { it.write(ack) }
        }
        server.start()
        callbackUrl = "http://127.0.0.1:${server.address.port}/latipay/notify"
    }

    /** Every notification received for `merchantReference`, verified from its raw body. */
    fun notificationsFor(merchantReference: String): List<Payment> =
        bodies.map { verifyNotification(it, Demo.API_KEY) }.filter { it.merchantReference == merchantReference }

    override fun close() = server.stop(0)
}

/** Polls `check` until it gives a value, or fails after `timeoutMs`. */
fun <T : Any> eventually(timeoutMs: Long = 10_000, check: () -> T?): T {
    val deadline = System.currentTimeMillis() + timeoutMs
    while (true) {
        check()?.let { return it }
        if (System.currentTimeMillis() > deadline) error("not true within $timeoutMs ms")
        Thread.sleep(50)
    }
}
