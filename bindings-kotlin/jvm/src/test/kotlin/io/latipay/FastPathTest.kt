// `sign` and `verifyNotification` cross by JNI when they can; these tests hold
// them to the UniFFI path (`signViaUniffi`, `verifyNotificationViaUniffi`) on
// every vector and on the inputs the fast path hands back.
package io.latipay

import io.latipay.internal.FastPath

import com.google.gson.JsonElement
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class FastPathTest {
    private val key = "111222333"

    /** The result or the exception's class and code, so both paths compare as values. */
    private fun <T> outcome(call: () -> T): Any? = try {
        call()
    } catch (e: LatipayException) {
        e::class.simpleName + ":" + e.code
    } catch (e: Exception) {
        e::class.simpleName
    }

    @Test
    fun `the JNI functions are bound`() {
        assertTrue(FastPath.loaded)
        assertNotNull(FastPath.signPacked("a\u00001".toByteArray(), key.toByteArray()))
        assertNull(FastPath.signPacked("a\u00001\u0000a\u00002".toByteArray(), key.toByteArray()), "refused: null")
    }

    @Test
    fun `sign agrees with the UniFFI path on every rule-A vector`() {
        val file = vectors("signatures.json")
        val cases = file.getAsJsonArray("cases").map { it.asJsonObject }.filter { it.text("rule") == "sorted" }
        assertTrue(cases.size >= 3)
        for (c in cases) {
            val params = c.getAsJsonObject("params").entrySet().associate { (k, v) -> k to v.takeUnless(JsonElement::isJsonNull)?.asString }
            val apiKey = file.text("api_key")!!
            assertEquals(signViaUniffi(params, apiKey), sign(params, apiKey), c.text("name"))
            assertEquals(sign(params, apiKey), fastSign(params, apiKey), "${c.text("name")}: signed by JNI, not handed back")
        }
    }

    @Test
    fun `sign agrees on what the fast path hands back`() {
        val inputs = listOf(
            mapOf("a" to "1", "b" to "x\u0000y"),
            mapOf("a\u0000b" to "c"),
            mapOf("a" to "lone \uD800 surrogate"),
            mapOf("emoji" to "\uD83C\uDF77 Pinot", "é" to "ü"),
            mapOf("a" to "\uDF77\uD83C reversed pair"),
            mapOf("a" to null, "b" to ""),
            emptyMap(),
            mapOf("" to "1"),
        )
        for (params in inputs) {
            for (apiKey in listOf(key, "", "k\uDC00")) {
                assertEquals(outcome { signViaUniffi(params, apiKey) }, outcome { sign(params, apiKey) }, "$params")
            }
        }
    }

    /** The JNI answer itself (not the fallback), as text. */
    private fun fastSign(params: Map<String, String?>, apiKey: String): String? {
        val packed = params.filterValues { it != null }.entries.joinToString("\u0000") { (k, v) -> "$k\u0000$v" }
        return FastPath.signPacked(packed.toByteArray(), apiKey.toByteArray())?.let { String(it, Charsets.ISO_8859_1) }
    }

    @Test
    fun `verifyNotification agrees with the UniFFI path on every notification vector`() {
        val cases = vectors("notifications.json").getAsJsonArray("cases").map { it.asJsonObject }
        assertTrue(cases.size >= 10)
        for (c in cases) {
            val body = c.text("body")!!.toByteArray()
            val apiKey = c.text("api_key")!!
            val expected = outcome { verifyNotificationViaUniffi(body, apiKey) }
            assertEquals(expected, outcome { verifyNotification(body, apiKey) }, c.text("name"))
            if (expected is Payment) assertNotNull(FastPath.verifyNotificationPacked(body, apiKey.toByteArray()), "${c.text("name")}: by JNI")
        }
    }

    @Test
    fun `verifyNotification agrees on extras, NULs and absent fields`() {
        val signed = "merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay&status=paid" +
            "&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1"
        val bodies = listOf(
            signed,
            "$signed&order_id=2017&pay_time=2017-07-07+10%3A53%3A50&payId=P%3D1&note=%F0%9F%8D%B7&empty=",
            "$signed&x=%00",
            "$signed&pay_time=yesterday",
            "$signed&=x&order_id=",
        )
        for (body in bodies) {
            val fast = outcome { verifyNotification(body.toByteArray(), key) }
            assertTrue(fast is Payment, body)
            assertEquals(outcome { verifyNotificationViaUniffi(body.toByteArray(), key) }, fast, body)
            if ("%00" !in body) assertNotNull(FastPath.verifyNotificationPacked(body.toByteArray(), key.toByteArray()), "by JNI: $body")
        }
    }
}
