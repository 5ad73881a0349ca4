// Every case in tests/vectors, the known answers shared with the Rust, Python
// and Node suites, run through the Kotlin API.
package io.latipay

import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.Instant
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.util.Base64

class VectorsTest {
    @Test
    fun `every vector file is exercised`() {
        val files = File(WORKSPACE, "tests/vectors").list { _, name -> name.endsWith(".json") }!!.sorted()
        assertEquals(
            listOf(
                "amounts.json", "notifications.json", "orders.json", "redirects.json", "requests.json", "responses.json",
                "signatures.json", "statuses.json",
            ),
            files,
        )
    }

    @TestFactory
    fun signatures(): List<DynamicTest> {
        val file = vectors("signatures.json")
        val key = file.text("api_key")!!
        return file.getAsJsonArray("cases").map { it.asJsonObject }.map { c ->
            dynamicTest(c.text("name")) {
                val valid = c.get("valid").asBoolean
                val signature = c.text("signature")!!
                if (c.text("rule") == "sorted") {
                    val params = c.getAsJsonObject("params").entrySet().associate { (k, v) -> k to v.takeUnless(JsonElement::isJsonNull)?.asString }
                    assertEquals(c.text("message"), sortedMessage(params) + key)
                    assertEquals(valid, sign(params, key) == signature)
                    assertEquals(valid, verifySorted(params, key, signature))
                } else {
                    val parts = c.getAsJsonArray("parts").map { it.asString }
                    assertEquals(c.text("message"), parts.joinToString(""))
                    assertEquals(valid, signConcat(parts, key) == signature)
                    assertEquals(valid, verifyConcat(parts, key, signature))
                }
            }
        }
    }

    @TestFactory
    fun notifications(): List<DynamicTest> = cases("notifications.json").map { c ->
        dynamicTest(c.text("name")) { check(c) { paymentJson(verifyNotification(c.text("body")!!.toByteArray(), c.text("api_key")!!)) } }
    }

    @TestFactory
    fun redirects(): List<DynamicTest> = cases("redirects.json").map { c ->
        dynamicTest(c.text("name")) { check(c) { redirectJson(verifyRedirect(c.text("input")!!, c.text("api_key")!!)) } }
    }

    @TestFactory
    fun responses(): List<DynamicTest> = cases("responses.json").map { c ->
        dynamicTest(c.text("name")) { check(c) { parseResponse(c) } }
    }

    @TestFactory
    fun `valid requests`(): List<DynamicTest> = vectors("requests.json").getAsJsonArray("valid").map { it.asJsonObject }.map { c ->
        dynamicTest(c.text("name")) {
            val request = buildRequest(c)
            val expect = c.getAsJsonObject("expect")
            assertEquals(expect.text("method"), request.method)
            assertEquals(expect.text("path"), request.path)
            assertEquals(expect.get("body"), request.body?.let(JsonParser::parseString))
            assertTrue(request.contentType.startsWith("application/json"), request.contentType)
        }
    }

    @TestFactory
    fun `invalid requests`(): List<DynamicTest> {
        val invalid = vectors("requests.json").getAsJsonArray("invalid").map { it.asJsonObject }
        assertTrue(invalid.size >= 50)
        return invalid.map { c -> dynamicTest(c.text("name")) { check(c) { buildRequest(c) } } }
    }

    @TestFactory
    fun amounts(): List<DynamicTest> {
        val file = vectors("amounts.json")
        val valid = file.getAsJsonArray("valid").map { it.asJsonObject }.map { c ->
            dynamicTest("valid ${c.text("text")}") {
                assertEquals(CheckedAmount(c.text("text")!!, c.get("minor_units").asLong), parseAmount(c.text("text")!!))
            }
        }
        val invalid = file.getAsJsonArray("invalid").map { it.asJsonObject }.map { c ->
            dynamicTest("invalid \"${c.text("text")}\"") {
                val e = assertThrows<LatipayException.InvalidArgument> { parseAmount(c.text("text")!!) }
                assertEquals(c.text("code"), e.code)
            }
        }
        return valid + invalid
    }

    @TestFactory
    fun orders(): List<DynamicTest> = cases("orders.json").map { c ->
        dynamicTest(c.text("name")) {
            val payment = verifyNotification(c.text("body")!!.toByteArray(), c.text("api_key")!!)
            val order = c.getAsJsonObject("order")
            check(c) {
                JsonPrimitive(
                    payment.matches(
                        merchantReference = order.text("merchant_reference")!!, paymentMethod = order.text("payment_method")!!,
                        currency = order.text("currency")!!, amount = order.text("amount")!!,
                    ),
                )
            }
        }
    }

    @TestFactory
    fun `status transitions`(): List<DynamicTest> = vectors("statuses.json").getAsJsonArray("transitions").map { it.asJsonObject }.map { c ->
        dynamicTest("${c.text("from")} -> ${c.text("to")}") {
            assertEquals(c.text("expect"), transition(c.text("from")!!, c.text("to")!!).name.lowercase())
        }
    }

    private fun cases(file: String) = vectors(file).getAsJsonArray("cases").map { it.asJsonObject }

    /** Compares with `expect` (as JSON), or checks the error against `expect_error`. */
    private fun check(c: JsonObject, run: () -> Any) {
        val wanted = c.get("expect_error") ?: return assertEquals(c.get("expect"), run(), c.text("name"))
        val want = if (wanted.isJsonPrimitive) JsonObject().apply { add("code", wanted) } else wanted.asJsonObject
        val e = assertThrows<LatipayException>(c.text("name")!!) { run() }
        assertEquals(want.text("code"), e.code, e.message)
        want.get("api_code")?.let { assertEquals(it.asLong, (e as LatipayException.Api).apiCode) }
        want.text("field")?.let {
            val field = when (e) {
                is LatipayException.InvalidArgument -> e.field
                is LatipayException.MalformedResponse -> e.field
                else -> null
            }
            assertEquals(it, field, e.message)
        }
    }

    private fun parseResponse(c: JsonObject): JsonElement {
        val body = c.text("body")!!
        return when (c.text("op")) {
            "create_transaction" -> parseCreateResponse(body, c.text("api_key")!!).let {
                json("host_url" to it.hostUrl, "nonce" to it.nonce, "payment_url" to it.paymentUrl)
            }
            "query" -> paymentJson(parseQueryResponse(body, c.text("api_key")!!, c.text("merchant_reference")!!))
            "gateway_data" -> parseGatewayData(body, c.text("api_key")!!).let {
                json(
                    "merchant_reference" to it.merchantReference, "order_id" to it.orderId, "nonce" to it.nonce,
                    "payment_method" to it.paymentMethod, "amount" to it.amount, "currency" to it.currency,
                    "amount_cny" to it.amountCny, "product_name" to it.productName,
                    "organisation_name" to it.organisationName, "qr_code_url" to it.qrCodeUrl,
                    "qr_code_png_base64" to Base64.getEncoder().encodeToString(it.qrCodePng),
                )
            }
            "refund" -> parseRefundResponse(body).let { JsonObject() }
            "cancel" -> parseCancelResponse(body).let { JsonObject() }
            "barcode" -> json("order_id" to parseBarcodeResponse(body).orderId)
            else -> error("unknown op ${c.text("op")}")
        }
    }

    /** The request a vector describes, its snake_case input passed to the typed API. */
    private fun buildRequest(c: JsonObject): SignedRequest {
        val creds = c.getAsJsonObject("credentials")
        val credentials = Credentials(creds.text("user_id")!!, creds.text("wallet_id")!!, creds.text("api_key")!!)
        val input = c.getAsJsonObject("input")
        val flag = { name: String -> input.get(name)?.asBoolean ?: false }
        return when (c.text("op")) {
            "create_transaction" -> createTransactionRequest(
                credentials,
                CreateTransaction(
                    merchantReference = input.text("merchant_reference")!!, amount = input.text("amount")!!,
                    paymentMethod = input.text("payment_method")!!, productName = input.text("product_name")!!,
                    callbackUrl = input.text("callback_url")!!, ip = input.text("ip")!!,
                    returnUrl = input.text("return_url"), backPageUrl = input.text("back_page_url"),
                    presentQr = flag("present_qr"), merchantHosted = flag("merchant_hosted"),
                ),
            )
            "query" -> queryRequest(credentials, input.text("merchant_reference")!!, flag("block"))
            "refund" -> refundRequest(credentials, Refund(input.text("order_id")!!, input.text("refund_amount")!!, input.text("reference")))
            "cancel" -> cancelRequest(credentials, input.text("merchant_reference")!!)
            "barcode" -> barcodeRequest(credentials, BarcodePayment(input.text("merchant_reference")!!, input.text("amount")!!, input.text("pay_code")!!))
            else -> error("unknown op ${c.text("op")}")
        }
    }
}

/** A JSON object of strings (null for absent), to compare with a vector's `expect`. */
fun json(vararg fields: Pair<String, String?>): JsonObject = JsonObject().apply {
    for ((name, value) in fields) add(name, value?.let(::JsonPrimitive) ?: JsonNull.INSTANCE)
}

/** A payment as the vectors write it; `pay_time` as RFC 3339 at +08:00. */
fun paymentJson(p: Payment): JsonObject = json(
    "merchant_reference" to p.merchantReference, "order_id" to p.orderId, "payment_method" to p.paymentMethod,
    "status" to p.status, "currency" to p.currency, "amount" to p.amount, "pay_time_raw" to p.payTimeRaw,
    "pay_time" to p.payTimeMillis?.let(Instant::ofEpochMilli)?.atOffset(ZoneOffset.ofHours(8))?.let(OffsetDateTime::toString)?.let(::withSeconds),
).apply { add("extra", extraJson(p.extra)) }

/** A redirect as the vectors write it. */
fun redirectJson(r: Redirect): JsonObject = json(
    "merchant_reference" to r.merchantReference, "payment_method" to r.paymentMethod, "status" to r.status,
    "currency" to r.currency, "amount" to r.amount,
).apply { add("extra", extraJson(r.extra)) }

private fun extraJson(extra: Map<String, String>) = json(*extra.toList().toTypedArray())

/** `OffsetDateTime.toString` drops `:00` seconds; the vectors keep them. */
private fun withSeconds(text: String): String =
    Regex("""^(\d{4}-\d\d-\d\dT\d\d:\d\d)([+-]\d\d:\d\d)$""").replace(text, "$1:00$2")
