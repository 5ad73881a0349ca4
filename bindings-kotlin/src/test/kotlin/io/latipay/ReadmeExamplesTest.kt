// The Kotlin examples of bindings-kotlin/README.md, written here exactly as
// there (the first test checks it), compiled, and run against the sandbox.
package io.latipay

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
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

/** rawBody: the request body exactly as received, never re-encoded form fields. */
fun onNotification(rawBody: ByteArray, storedStatus: String, apiKey: String): String {
    val payment = verifyNotification(rawBody, apiKey) // LatipayException.InvalidSignature if forged
    if (transition(storedStatus, payment.status) == Transition.ADVANCE) {
        // check payment.amount and payment.currency against the order, then store payment.status
    }
    return NOTIFICATION_ACK // answer HTTP 200 with exactly "sent", or Latipay retries
}

class ReadmeExamplesTest {
    @Test
    fun `every Kotlin example of the README is written here as there`() {
        val here = File(WORKSPACE, "bindings-kotlin/src/test/kotlin/io/latipay/ReadmeExamplesTest.kt").readLines().map(String::trim)
        val blocks = Regex("```kotlin\n(.*?)```", RegexOption.DOT_MATCHES_ALL)
            .findAll(File(WORKSPACE, "bindings-kotlin/README.md").readText()).map { it.groupValues[1] }.toList()
        assertEquals(3, blocks.size, "the README's Kotlin examples")
        for (block in blocks) {
            val lines = block.lines().map(String::trim).filter { it.isNotEmpty() && !it.startsWith("import ") }
            val found = here.indices.any { start -> here.drop(start).filter(String::isNotEmpty).take(lines.size) == lines }
            assertTrue(found, "not written here as in the README:\n$block")
        }
    }

    @Test
    fun `the point of sale against the sandbox`() {
        Sandbox().use { sandbox ->
            Merchant().use { merchant ->
                Checkout(sandbox.baseUrl).use { checkout ->
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
                    assertTrue(qr.qrCodePng.isNotEmpty() && qr.qrCodeUrl.startsWith(sandbox.baseUrl))
                    sandbox.customer("pay", ref)
                    assertEquals("paid", eventually { merchant.notificationsFor(ref).firstOrNull() }.status)
                }
            }
        }
    }

    @Test
    fun `the notification handler`() {
        val body = vectors("notifications.json").getAsJsonArray("cases").map { it.asJsonObject }
            .first { it.text("name") == "documented example" }.text("body")!!.toByteArray()
        assertEquals("sent", onNotification(body, "pending", Demo.API_KEY))
        assertThrows<LatipayException.InvalidSignature> { onNotification(body, "pending", "another key") }
    }
}
