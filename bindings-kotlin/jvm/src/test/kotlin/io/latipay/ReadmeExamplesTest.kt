// The Kotlin examples of bindings-kotlin/README.md, written here exactly as
// there (the first test checks it), compiled, and run against the sandbox.
package io.latipay

import io.latipay.sandbox.LatipaySandbox
import io.latipay.sandbox.LatipaySandboxExtension
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.ExtendWith
import java.io.File

/** The point of sale's link to Latipay: one per merchant account, for the app's lifetime. */
class Checkout(baseUrl: String?) : AutoCloseable {
    private val client = LatipayClient(
        ClientConfig(
            userId = "U000334333", walletId = "W00000001", apiKey = ApiKey("111222333"),
            baseUrl = baseUrl, // the sandbox's URL; null for production
        ),
    )

    // Every call blocks its thread: on Android, call from Dispatchers.IO, never the main thread.

    /** The customer shows a WeChat or Alipay payment code; the POS scans it. */
    fun takeScannedPayment(reference: String, amount: String, scannedCode: String): Payment {
        client.barcode(BarcodePayment(reference, amount, scannedCode))
        return client.query(reference, block = true) // answers once the customer has paid or failed
    }

    /** Or the POS shows a QR code for the customer to scan. */
    fun showQr(reference: String, amount: String, callbackUrl: String): GatewayData {
        val created = client.createTransaction(
            CreateTransaction(
                merchantReference = reference, amount = amount, paymentMethod = "wechat",
                productName = "Flat white", callbackUrl = callbackUrl, ip = "122.122.122.1",
                merchantHosted = true,
            ),
        )
        return client.gatewayData(created) // qrCodePng: PNG bytes; qrCodeUrl: the text it encodes
    }

    /** Refunds go by Latipay's order id; more than is left is LatipayException.Api (550). */
    fun refund(paid: Payment, amount: String) = client.refund(Refund(orderId = paid.orderId!!, refundAmount = amount))

    override fun close() = client.close()
}

/** Takes the code the customer shows and waits for the outcome, holding no thread of the caller's. */
suspend fun takePayment(client: AsyncLatipayClient, reference: String, amount: String, scannedCode: String): Payment {
    client.barcode(BarcodePayment(reference, amount, scannedCode))
    return withTimeout(60_000) { client.query(reference, block = true) } // paid or failed
}

fun main() = runBlocking {
    val config = ClientConfig(
        userId = "U000334333", walletId = "W00000001", apiKey = ApiKey("111222333"),
        baseUrl = "http://127.0.0.1:8450", // the sandbox; leave it out for production
    )
    AsyncLatipayClient(config).use { client ->
        // A pay code ending in 9: the sandbox keeps it pending for 3 s, then pays it.
        val payment = takePayment(client, "order-4001", "8.50", "134588558514585069")
        println("${payment.status} ${payment.amount}") // paid 8.50
    }
}

/** An order as stored before Latipay heard of it (your database's row). */
data class Order(val reference: String, val paymentMethod: String, val currency: String, val amount: String, var status: String)

/** rawBody: the request body exactly as received, never re-encoded form fields. */
fun onNotification(rawBody: ByteArray, orders: Map<String, Order>, apiKey: String): String {
    val payment = verifyNotification(rawBody, apiKey) // LatipayException.InvalidSignature if forged
    val order = orders[payment.merchantReference] ?: error("unknown order: answer 400, Latipay tries again later")
    // Signed by Latipay, but is it this order, in full? Another order's or amount's payment must not move it.
    if (!payment.matches(order.reference, order.paymentMethod, order.currency, order.amount)) {
        return NOTIFICATION_ACK // acknowledged, and logged for a person to review
    }
    // Retries, replays and late arrivals are normal: only a forward move changes the order.
    if (transition(order.status, payment.status) == Transition.ADVANCE) order.status = payment.status
    return NOTIFICATION_ACK // answer HTTP 200 with exactly "sent", or Latipay retries
}

@ExtendWith(LatipaySandboxExtension::class)
class ReadmeExamplesTest {
    @Test
    fun `every Kotlin example of the README is written here as there`() {
        val here = File(WORKSPACE, "bindings-kotlin/jvm/src/test/kotlin/io/latipay/ReadmeExamplesTest.kt").readLines().map(String::trim)
        val blocks = Regex("```kotlin\n(.*?)```", RegexOption.DOT_MATCHES_ALL)
            .findAll(File(WORKSPACE, "bindings-kotlin/README.md").readText()).map { it.groupValues[1] }.toList()
        assertEquals(4, blocks.size, "the README's Kotlin examples")
        for (block in blocks) {
            val lines = block.lines().map(String::trim).filter { it.isNotEmpty() && !it.startsWith("import ") }
            val found = here.indices.any { start -> here.drop(start).filter(String::isNotEmpty).take(lines.size) == lines }
            assertTrue(found, "not written here as in the README:\n$block")
        }
    }

    @Test
    fun `the point of sale against the sandbox`(sandbox: LatipaySandbox) {
        Merchant().use { merchant ->
            Checkout(sandbox.url).use { checkout ->
                val paid = checkout.takeScannedPayment(reference(), "8.50", "134588558514585069")
                assertEquals("paid", paid.status)
                checkout.refund(paid, "3.00")
                try {
                    checkout.refund(paid, "200.00")
                } catch (e: LatipayException.Api) {
                    if (e.apiCode == 550L) println("more than is left to refund")
                }
                assertThrows<LatipayException.Api> { checkout.refund(paid, "200.00") }

                val ref = reference()
                val qr = checkout.showQr(ref, "4.00", merchant.callbackUrl)
                assertTrue(qr.qrCodePng.isNotEmpty() && qr.qrCodeUrl.startsWith(sandbox.url))
                sandbox.pay(ref)
                assertEquals("paid", eventually { merchant.notificationsFor(ref).firstOrNull() }.status)
            }
        }
    }

    @Test
    fun `takePayment with the suspending client against the sandbox`(sandbox: LatipaySandbox) {
        val merchant = sandbox.merchant
        val config = ClientConfig(merchant.userId, merchant.walletId, ApiKey(merchant.apiKey), baseUrl = sandbox.url)
        AsyncLatipayClient(config).use { client ->
            val payment = runBlocking { takePayment(client, reference(), "8.50", "134588558514585069") }
            assertEquals("paid" to "8.50", payment.status to payment.amount)
        }
    }

    @Test
    fun `the notification handler`() {
        val body = vectors("notifications.json").getAsJsonArray("cases").map { it.asJsonObject }
            .first { it.text("name") == "documented example" }.text("body")!!.toByteArray()
        val ordered = Order("dsi39ej430sks03", "alipay", "NZD", "120.00", status = "pending")
        assertEquals("sent", onNotification(body, mapOf(ordered.reference to ordered), Demo.API_KEY))
        assertEquals("paid", ordered.status)
        val cheaper = ordered.copy(amount = "12.00", status = "pending")
        assertEquals("sent", onNotification(body, mapOf(cheaper.reference to cheaper), Demo.API_KEY))
        assertEquals("pending", cheaper.status, "a payment of another amount does not move the order")
        assertThrows<LatipayException.InvalidSignature> { onNotification(body, mapOf(ordered.reference to ordered), "another key") }
        assertThrows<IllegalStateException> { onNotification(body, emptyMap(), Demo.API_KEY) }
    }
}
