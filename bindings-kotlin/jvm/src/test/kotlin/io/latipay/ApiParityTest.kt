// The hand-written API of io.latipay against its generated twin in io.latipay.internal: the same
// fields in the same order, each value carried across (a data class's toString names them all),
// the same stable codes and messages. A field added to the Rust side fails here until it is added
// by hand too.
package io.latipay

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import io.latipay.internal.LatipayException as FfiException
import io.latipay.internal.toFfi
import io.latipay.internal.toPublic

class ApiParityTest {
    @Test
    fun `every result carries every field of its generated twin`() {
        val png = byteArrayOf(1, 2)
        val pairs = listOf(
            io.latipay.internal.Payment("ref", "oid", "alipay", "paid", "NZD", "1.00", 5L, "raw", mapOf("x" to "y")).let { it to it.toPublic() },
            io.latipay.internal.Redirect("ref", "wechat", "paid", "AUD", "2.00", mapOf("x" to "y")).let { it to it.toPublic() },
            io.latipay.internal.CreatedTransaction("host", "nonce", "url").let { it to it.toPublic() },
            io.latipay.internal.GatewayData("ref", "oid", "nonce", "wechat", "3.00", "NZD", "cny", "product", "org", "qr-url", "qr", png)
                .let { it to it.toPublic() },
            io.latipay.internal.BarcodeAccepted("oid").let { it to it.toPublic() },
            io.latipay.internal.SignedRequest("POST", "/path", "{}", "application/json").let { it to it.toPublic() },
            io.latipay.internal.CheckedAmount("1.30", 130L).let { it to it.toPublic() },
            io.latipay.internal.Attempt("GET", "/p", 2u, 503.toUShort(), 1.5, "http_status", true).let { it to it.toPublic() },
        )
        for ((generated, public) in pairs) assertEquals(generated.toString(), public.toString())
        assertEquals(io.latipay.internal.Transition.entries.map { it.name }, io.latipay.internal.Transition.entries.map { it.toPublic().name })
        assertEquals(io.latipay.internal.Transition.entries.size, Transition.entries.size)
        assertEquals(io.latipay.internal.notificationAck(), NOTIFICATION_ACK)
    }

    @Test
    fun `every request reaches the generated code with every field`() {
        val created = CreatedTransaction("host", "nonce", "url")
        val order = CreateTransaction("ref", "1.00", "wechat", "name", "cb", "1.2.3.4", "ret", "back", presentQr = true, merchantHosted = false)
        val pairs = listOf(
            created to created.toFfi(),
            order to order.toFfi(),
            Refund("oid", "1.00", "why").let { it to it.toFfi() },
            BarcodePayment("ref", "1.00", "code").let { it to it.toFfi() },
            OutcomeFields("ref", "alipay", "paid", "NZD", "1.00").let { it to it.toFfi() },
        )
        for ((public, generated) in pairs) assertEquals(public.toString(), generated.toString())
        val config = ClientConfig("U1", "W1", ApiKey("k"), "staging", "http://h", 1, 2, 3, 4, "ua", "http://p:1", "pem", "system")
        assertEquals(config.toString(), config.toFfi().toString())
    }

    @Test
    fun `every exception keeps the core's code and message`() {
        val generated = listOf(
            FfiException.InvalidArgument("amount", "bad"),
            FfiException.InvalidSignature("notification"),
            FfiException.Api(550, "too much"),
            FfiException.HttpStatus(502, "http://h/x"),
            FfiException.Transport("refused"),
            FfiException.Timeout("slow"),
            FfiException.MalformedResponse("query response", "not JSON", "status"),
            FfiException.MalformedResponse("query response", "not JSON", null),
            FfiException.Other("newer_code", "detail"),
        )
        for (e in generated) {
            val public = e.toPublic()
            assertEquals(e.code(), public.code, "$e")
            assertEquals(e.message, public.message, "$e")
            assertEquals(e::class.simpleName, public::class.simpleName)
        }
    }
}
