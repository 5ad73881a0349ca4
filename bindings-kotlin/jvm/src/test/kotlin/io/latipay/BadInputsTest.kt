// Bad input gets a typed LatipayException with a stable code and the field at
// fault: never a crash, never a silent default. Kotlin's types already refuse
// a number amount or a null where text is needed, at compile time.
package io.latipay

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows

private const val KEY = Demo.API_KEY
private const val NOTIFICATION = "merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay&status=paid" +
    "&pay_time=2017-07-07%2010%3A53%3A50&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1"
private const val REDIRECT = "merchant_reference=dsi39ej430sks03&payment_method=alipay&status=paid&currency=NZD&amount=100.00" +
    "&signature=af44a20896aa5c9e28f816eedc71043c1e17929444c988844830ae4ea8ecb622"

private val CREDENTIALS = Credentials(Demo.USER_ID, Demo.WALLET_ID, KEY)

private val ORDER = CreateTransaction(
    merchantReference = "order-1", amount = "12.30", paymentMethod = "alipay", productName = "Pinot Noir",
    callbackUrl = "https://shop.example/notify", ip = "122.122.122.1", returnUrl = "https://shop.example/done",
)

private fun create(order: CreateTransaction) = createTransactionRequest(CREDENTIALS, order)

private fun config(baseUrl: String? = "http://127.0.0.1:9", environment: String? = null) =
    ClientConfig(Demo.USER_ID, Demo.WALLET_ID, ApiKey(KEY), environment = environment, baseUrl = baseUrl)

/** One bad input: what is called, and the code and field it must fail with. */
private class Bad(val name: String, val code: String, val field: String?, val call: () -> Any?)

private val BAD = listOf(
    Bad("three decimals", "invalid_argument", "amount") { create(ORDER.copy(amount = "12.305")) },
    Bad("negative amount", "invalid_argument", "amount") { create(ORDER.copy(amount = "-1.00")) },
    Bad("zero amount", "invalid_argument", "amount") { create(ORDER.copy(amount = "0.00")) },
    Bad("exponent amount", "invalid_argument", "amount") { create(ORDER.copy(amount = "1e3")) },
    Bad("comma amount", "invalid_argument", "amount") { create(ORDER.copy(amount = "12,30")) },
    Bad("empty amount", "invalid_argument", "amount") { create(ORDER.copy(amount = "")) },
    Bad("amount with spaces", "invalid_argument", "amount") { create(ORDER.copy(amount = " 12.30")) },
    Bad("empty reference", "invalid_argument", "merchant_reference") { create(ORDER.copy(merchantReference = "")) },
    Bad("reference with a slash", "invalid_argument", "merchant_reference") { create(ORDER.copy(merchantReference = "a/b")) },
    Bad("unknown method", "invalid_argument", "payment_method") { create(ORDER.copy(paymentMethod = "bitcoin!")) },
    Bad("mis-cased method", "invalid_argument", "payment_method") { create(ORDER.copy(paymentMethod = "Alipay")) },
    Bad("empty product", "invalid_argument", "product_name") { create(ORDER.copy(productName = "")) },
    Bad("callback not http", "invalid_argument", "callback_url") { create(ORDER.copy(callbackUrl = "ftp://shop.example/n")) },
    Bad("return_url missing when hosted", "invalid_argument", "return_url") { create(ORDER.copy(returnUrl = null)) },
    Bad("ip not IPv4", "invalid_argument", "ip") { create(ORDER.copy(ip = "::1")) },
    Bad("presentQr on alipay", "invalid_argument", "present_qr") { create(ORDER.copy(presentQr = true)) },
    Bad("bad backPageUrl", "invalid_argument", "backPage_url") { create(ORDER.copy(backPageUrl = "javascript:alert(1)")) },
    Bad("refund without order id", "invalid_argument", "order_id") { refundRequest(CREDENTIALS, Refund("", "1.00")) },
    Bad("refund of nothing", "invalid_argument", "refund_amount") { refundRequest(CREDENTIALS, Refund("o-1", "0")) },
    Bad("barcode code too short", "invalid_argument", "pay_code") { barcodeRequest(CREDENTIALS, BarcodePayment("p-1", "0.05", "12")) },
    Bad("barcode code with letters", "invalid_argument", "pay_code") { barcodeRequest(CREDENTIALS, BarcodePayment("p-1", "0.05", "13458855851458506x")) },
    Bad("barcode amount", "invalid_argument", "amount") { barcodeRequest(CREDENTIALS, BarcodePayment("p-1", "0.001", "134588558514585062")) },
    Bad("cancel empty reference", "invalid_argument", "merchant_reference") { cancelRequest(CREDENTIALS, "") },
    Bad("query empty reference", "invalid_argument", "merchant_reference") { queryRequest(CREDENTIALS, "", false) },
    Bad("empty api key", "invalid_argument", "api_key") { Credentials("U1", "W1", "") },
    Bad("api key with a newline", "invalid_argument", "api_key") { ApiKey("111222333\n") },
    Bad("empty user id", "invalid_argument", "user_id") { Credentials("", "W1", KEY) },
    Bad("wallet id with a space", "invalid_argument", "wallet_id") { Credentials("U1", "W 1", KEY) },
    Bad("unknown environment", "invalid_argument", "environment") { LatipayClient(config(baseUrl = null, environment = "prod")) },
    Bad("environment and baseUrl", "invalid_argument", "base_url") { LatipayClient(config(environment = "production")) },
    Bad("baseUrl not a URL", "invalid_argument", "base_url") { LatipayClient(config(baseUrl = "latipay")) },
    Bad("baseUrl ftp", "invalid_argument", "base_url") { LatipayClient(config(baseUrl = "ftp://127.0.0.1")) },
    Bad("timeout over a day", "invalid_argument", "timeout") { LatipayClient(config().copy(timeoutMs = 2 * 86_400_000L)) },
    Bad("zero timeout", "invalid_argument", "timeout") { LatipayClient(config().copy(timeoutMs = 0)) },
    Bad("negative timeout", "invalid_argument", "timeout") { LatipayClient(config().copy(timeoutMs = -1)) },
    Bad("negative connect timeout", "invalid_argument", "connect_timeout") { LatipayClient(config().copy(connectTimeoutMs = Long.MIN_VALUE)) },
    Bad("block timeout of exactly 180 s", "invalid_argument", "block_timeout") { LatipayClient(config().copy(blockTimeoutMs = 180_000)) },
    Bad("too many retries", "invalid_argument", "max_retries") { LatipayClient(config().copy(maxRetries = 11)) },
    Bad("negative retries", "invalid_argument", "max_retries") { LatipayClient(config().copy(maxRetries = -1)) },
    Bad("sign with an empty key", "invalid_argument", "api_key") { sign(mapOf("a" to "1"), "") },
    Bad("sign with an empty name", "invalid_argument", "") { sign(mapOf("" to "1"), KEY) },
    Bad("signConcat with an empty key", "invalid_argument", "api_key") { signConcat(listOf("a"), "") },
    Bad("signConcat with a blank key", "invalid_argument", "api_key") { signConcat(listOf("a"), " \t") },
    Bad("sign with a blank key", "invalid_argument", "api_key") { sign(mapOf("a" to "1"), "  ") },
    Bad("signOutcome with a blank key", "invalid_argument", "api_key") {
        signOutcome(OutcomeFields("r", "alipay", "paid", "NZD", "1.00"), " ")
    },
    Bad("parseAmount of a float's text", "invalid_argument", "amount") { parseAmount("0.30000000000000004") },
    Bad("notification with a wrong key", "invalid_signature", null) { verifyNotification(NOTIFICATION.toByteArray(), "wrong") },
    Bad("notification amount changed", "invalid_signature", null) { verifyNotification(NOTIFICATION.replace("120.00", "1.00").toByteArray(), KEY) },
    Bad("notification status changed", "invalid_signature", null) { verifyNotification(NOTIFICATION.replace("=paid", "=pending").toByteArray(), KEY) },
    Bad("notification without signature", "invalid_signature", null) { verifyNotification(NOTIFICATION.substringBefore("&signature").toByteArray(), KEY) },
    Bad("notification field twice", "malformed_response", null) { verifyNotification("$NOTIFICATION&amount=120.00".toByteArray(), KEY) },
    Bad("notification not UTF-8", "malformed_response", null) { verifyNotification(byteArrayOf(0x61, 0x3d, 0xff.toByte(), 0xfe.toByte()), KEY) },
    Bad("empty notification", "invalid_signature", null) { verifyNotification(ByteArray(0), KEY) },
    Bad("notification with an empty key", "invalid_argument", "api_key") { verifyNotification(NOTIFICATION.toByteArray(), "") },
    Bad("redirect tampered", "invalid_signature", null) { verifyRedirect(REDIRECT.replace("100.00", "1.00"), KEY) },
    Bad("redirect URL without query", "malformed_response", null) { verifyRedirect("https://shop.example/done", KEY) },
    Bad("create answer not JSON", "malformed_response", null) { parseCreateResponse("<html>", KEY) },
    Bad("create answer with a bad signature", "api_error", null) { parseCreateResponse("""{"code":206,"message":"signature error"}""", KEY) },
    Bad("query answer with an error code", "api_error", null) { parseQueryResponse("""{"code":201,"message":"no"}""", KEY, "x") },
    Bad("barcode answer without order id", "malformed_response", null) { parseBarcodeResponse("""{"code":0,"message":"ok"}""") },
    Bad("cancel answer: already paid", "api_error", null) { parseCancelResponse("""{"code":900,"message":"The order has been paid."}""") },
    Bad("gateway data not JSON", "malformed_response", null) { parseGatewayData("", KEY) },
)

class BadInputsTest {
    @Test
    fun `there are at least fifty bad inputs`() = assertTrue(BAD.size >= 50, "${BAD.size}")

    @TestFactory
    fun `each bad input throws a LatipayException with its code and field`(): List<DynamicTest> = BAD.map { bad ->
        dynamicTest(bad.name) {
            val e = assertThrows<LatipayException>(bad.name) { bad.call() }
            assertEquals(bad.code, e.code, e.message)
            if (bad.field != null) {
                val invalid = e as LatipayException.InvalidArgument
                assertEquals(bad.field, invalid.field, e.message)
                assertTrue(invalid.reason.length > 5, "every error says why: ${e.message}")
            }
        }
    }

    @Test
    fun `the sealed hierarchy covers every code`() {
        val codes = listOf(
            LatipayException.InvalidArgument("f", "r"), LatipayException.InvalidSignature("w"),
            LatipayException.Api(1, "m"), LatipayException.HttpStatus(502, "u"), LatipayException.Transport("r"),
            LatipayException.Timeout("r"), LatipayException.MalformedResponse("w", "r", null), LatipayException.Other("future_code", "d"),
        ).map { e ->
            when (e) { // exhaustive: a new subclass fails to compile here
                is LatipayException.InvalidArgument, is LatipayException.InvalidSignature, is LatipayException.Api,
                is LatipayException.HttpStatus, is LatipayException.Transport, is LatipayException.Timeout,
                is LatipayException.MalformedResponse, is LatipayException.Other -> e.code
            }
        }
        assertEquals(listOf("invalid_argument", "invalid_signature", "api_error", "http_status", "transport", "timeout", "malformed_response", "future_code"), codes)
    }

    @Test
    fun `a verify check answers false, it never throws`() {
        assertFalse(verifySorted(mapOf("a" to "1"), KEY, "not hex"))
        assertFalse(verifyConcat(listOf("a"), "", signConcat(listOf("a"), KEY)))
        for (blank in listOf(" ", "\t", "\u3000", "\u200b")) {
            val mac = javax.crypto.Mac.getInstance("HmacSHA256")
            mac.init(javax.crypto.spec.SecretKeySpec(blank.toByteArray(), "HmacSHA256"))
            val forged = mac.doFinal("a".toByteArray()).joinToString("") { "%02x".format(it) }
            assertFalse(verifyConcat(listOf("a"), blank, forged), "a forged signature under a blank key")
        }
        assertTrue(verifyConcat(listOf("a"), KEY, signConcat(listOf("a"), KEY)))
    }

    @Test
    fun `a lone surrogate is refused before it reaches Rust, never signed as U+FFFD`() {
        // UniFFI's generated String conversion refuses it (CodingErrorAction.REPORT): InvalidArgument.
        val refused = listOf<() -> Any>(
            { sign(mapOf("a" to "\uD800"), KEY) },
            { sign(mapOf("a" to "1"), "k\uDFFF") },
            { create(ORDER.copy(merchantReference = "a\uDFFF")) },
            { ApiKey("k\uD800") },
            { Credentials("U\uD800", "W1", KEY) },
            { verifyRedirect("a=\uD800", KEY) },
            { verifyNotification("a=1".toByteArray(), "k\uD800") },
            { parseAmount("1\uD800") },
            { LatipayClient(ClientConfig("U1", "W\uDC00", ApiKey(KEY), baseUrl = "http://127.0.0.1:9")) },
        )
        for (call in refused) {
            val error = assertThrows<LatipayException.InvalidArgument> { call() }
            assertEquals(listOf("invalid_argument", "text"), listOf(error.code, error.field))
        }
        // The functions that never throw: no status, no valid signature.
        assertEquals(Transition.CONFLICT, transition("paid\uD800", "paid"))
        assertFalse(verifySorted(mapOf("a" to "\uD800"), KEY, sign(mapOf("a" to "?"), KEY)))
        assertFalse(verifyConcat(listOf("\uD800"), KEY, signConcat(listOf("?"), KEY)))
        assertFalse(ClientConfig("U1", "W1", ApiKey(KEY), proxy = "http://u:p\uD800@proxy:1").toString().contains("p\uD800"))
        // A surrogate pair (an emoji) is one character, signed as its UTF-8.
        val mac = javax.crypto.Mac.getInstance("HmacSHA256").apply { init(javax.crypto.spec.SecretKeySpec(KEY.toByteArray(), "HmacSHA256")) }
        val expected = java.util.HexFormat.of().formatHex(mac.doFinal("a=\uD83D\uDE00$KEY".toByteArray()))
        assertEquals(expected, sign(mapOf("a" to "\uD83D\uDE00"), KEY))
    }

    @Test
    fun `signOutcome signs a notification a handler then verifies`() {
        val outcome = OutcomeFields("order-7", "alipay", "paid", "NZD", "12.30")
        val body = "merchant_reference=order-7&payment_method=alipay&status=paid&currency=NZD&amount=12.30&signature=${signOutcome(outcome, KEY)}"
        assertEquals("12.30", verifyNotification(body.toByteArray(), KEY).amount)
        assertThrows<LatipayException.InvalidArgument> { signOutcome(outcome, "") }
    }

    @Test
    fun `null values are absent from the signature, as in every language`() {
        assertEquals(sign(mapOf("a" to "1"), KEY), sign(mapOf("a" to "1", "b" to null, "c" to ""), KEY))
        assertEquals("a=1", sortedMessage(mapOf("a" to "1", "b" to null, "signature" to "x")))
    }
}
