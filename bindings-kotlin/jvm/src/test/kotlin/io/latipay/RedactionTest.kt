// The api_key never shows: not in toString, not in an exception's message,
// not when it is passed by mistake where other text belongs.
package io.latipay

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows

private const val SECRET = "s3cr3t-Key-9f8e7d"
private val LONG_SECRET = "k+/=".repeat(20) + "s3cr3t"

private fun order(changes: CreateTransaction.() -> CreateTransaction = { this }) = CreateTransaction(
    merchantReference = "o-1", amount = "1.00", paymentMethod = "alipay", productName = "p",
    callbackUrl = "https://a.example/n", ip = "1.2.3.4", returnUrl = "https://a.example/r",
).changes()

private fun config(baseUrl: String?, environment: String? = null) =
    ClientConfig("U1", "W1", ApiKey(SECRET), environment = environment, baseUrl = baseUrl)

class RedactionTest {
    @Test
    fun `a base url with credentials is refused on base_url`() {
        val e = assertThrows<LatipayException.InvalidArgument> { LatipayClient(config("http://pa55word@127.0.0.1:8450")) }
        assertEquals("base_url", e.field)
        assertFalse("pa55word" in e.message.orEmpty(), e.message)
    }

    @Test
    fun `toString of the key, the config and the credentials`() {
        val config = config("http://127.0.0.1:9")
        val shown = listOf(ApiKey(SECRET), config, Credentials("U1", "W1", SECRET)).map { it.toString() }
        for (text in shown) assertFalse("s3cr3t" in text, text)
        assertEquals("[REDACTED]", ApiKey(SECRET).toString())
    }

    @Test
    fun `toString hides the key passed by mistake as an id or a config value`() {
        val key = ApiKey(SECRET)
        val mistaken = ClientConfig(SECRET, SECRET, key, baseUrl = "http://127.0.0.1:9", userAgent = SECRET, trustStore = SECRET)
        val shown = listOf(
            mistaken.toString(),
            Credentials(SECRET, SECRET, SECRET).toString(),
            LatipayClient(ClientConfig(SECRET, SECRET, key, baseUrl = "http://127.0.0.1:9")).use { it.toString() },
        )
        for (text in shown) {
            assertFalse("s3cr3t" in text, text)
            assertTrue("[REDACTED]" in text, text)
        }
    }

    @TestFactory
    fun `no key in the exception when it is passed by mistake`(): List<DynamicTest> = listOf<Pair<String, () -> Any>>(
        "key as user id" to { Credentials("$SECRET ", "W1", SECRET) },
        "long key as user id" to { Credentials(LONG_SECRET, "W1", LONG_SECRET) },
        "key as wallet id" to { Credentials("U1", "$SECRET/", SECRET) },
        "key as environment" to { LatipayClient(config(null, environment = SECRET)) },
        "key in base url" to { LatipayClient(config("ftp://$SECRET")) },
        "key as amount" to { LatipayClient(config("http://127.0.0.1:9")).createTransaction(order { copy(amount = SECRET) }) },
        "key as payment method" to { createTransactionRequest(Credentials("U1", "W1", SECRET), order { copy(paymentMethod = SECRET) }) },
        "key as refund amount" to { LatipayClient(config("http://127.0.0.1:9")).refund(Refund("o-1", SECRET)) },
        "key as barcode amount" to { barcodeRequest(Credentials("U1", "W1", SECRET), BarcodePayment("p-1", SECRET, "134588558514585062")) },
        "key in a notification" to { verifyNotification("merchant_reference=$SECRET&merchant_reference=x".toByteArray(), SECRET) },
        "key in a create answer" to { parseCreateResponse("not json $SECRET", SECRET) },
        "key as a field name in a notification" to { verifyNotification("$SECRET=1&$SECRET=2".toByteArray(), SECRET) },
        "key as a field name in a redirect" to { verifyRedirect("?$SECRET=1&$SECRET=2", SECRET) },
        "key as a field name in an answer" to { parseQueryResponse("{\"$SECRET\": 1, \"$SECRET\": 2}", SECRET, "o-1") },
        "key as a parameter name" to { sign(mapOf(SECRET to "1", "" to "2"), SECRET) },
        "password in the base url" to { LatipayClient(config("https://merchant:s3cr3t-pw@api.example")) },
    ).map { (name, call) ->
        dynamicTest(name) {
            val e = assertThrows<LatipayException>(name) { call() }
            for (text in listOf(e.message, e.toString(), e.stackTraceToString())) assertFalse("s3cr3t" in text.orEmpty(), text)
        }
    }
}
