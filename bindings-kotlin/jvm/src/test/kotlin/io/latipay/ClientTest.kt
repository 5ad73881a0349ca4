// LatipayClient over real HTTP against the sandbox binary: the in-store flows
// a POS app runs, and the failures it meets.
package io.latipay

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.io.ByteArrayInputStream
import java.net.ServerSocket
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import javax.imageio.ImageIO

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientTest {
    private lateinit var sandbox: Sandbox
    private lateinit var merchant: Merchant
    private lateinit var client: LatipayClient

    @BeforeAll
    fun start() {
        // A long hold: a blocking query here ends because the order settled, never
        // because the hold ran out (under qemu a few HTTP calls can take seconds).
        sandbox = Sandbox(holdSecs = 120)
        merchant = Merchant()
        client = LatipayClient(ClientConfig(Demo.USER_ID, Demo.WALLET_ID, ApiKey(Demo.API_KEY), baseUrl = sandbox.baseUrl))
    }

    @AfterAll
    fun stop() {
        client.close()
        merchant.close()
        sandbox.close()
    }

    private fun order(ref: String, method: String = "wechat", amount: String = "8.50") = CreateTransaction(
        merchantReference = ref, amount = amount, paymentMethod = method, productName = "Flat white",
        callbackUrl = merchant.callbackUrl, ip = "122.122.122.1", merchantHosted = true,
    )

    @Test
    fun `POS barcode flow - barcode, blocking query, refund`() {
        val ref = reference()
        // A WeChat code whose last digit 9 stays pending for a moment, then pays.
        val accepted = client.barcode(BarcodePayment(ref, "8.50", "134588558514585069"))
        assertTrue(accepted.orderId.isNotEmpty())
        val paid = client.query(ref, block = true)
        assertEquals(listOf("paid", "8.50", "NZD", "wechat"), listOf(paid.status, paid.amount, paid.currency, paid.paymentMethod))
        assertEquals(accepted.orderId, paid.orderId)
        assertNotNull(paid.payTimeMillis)
        client.refund(Refund(paid.orderId!!, "3.00", "one coffee short"))
        val tooMuch = assertThrows<LatipayException.Api> { client.refund(Refund(paid.orderId!!, "6.00")) }
        assertEquals(550L, tooMuch.apiCode)
        assertEquals("api_error", tooMuch.code)
    }

    @Test
    fun `POS barcode that fails`() {
        val ref = reference()
        client.barcode(BarcodePayment(ref, "1.00", "284588558514585060"))
        assertEquals("failed", client.query(ref, block = true).status)
    }

    @Test
    fun `merchant-hosted QR flow - create, gateway data, PNG, pay, notification verified`() {
        val ref = reference()
        val created = client.createTransaction(order(ref))
        val gateway = client.gatewayData(created)
        assertEquals(listOf(ref, "8.50", "wechat", created.nonce), listOf(gateway.merchantReference, gateway.amount, gateway.paymentMethod, gateway.nonce))
        val image = ImageIO.read(ByteArrayInputStream(gateway.qrCodePng))
        assertNotNull(image, "the QR code is a PNG javax.imageio reads")
        assertTrue(image.width >= 21 && image.width == image.height, "a square QR code, ${image.width}x${image.height}")
        assertTrue(gateway.qrCode.startsWith("data:image/png;base64,"))
        assertTrue(gateway.qrCodeUrl.startsWith(sandbox.baseUrl))
        assertEquals("pending", client.query(ref).status)

        sandbox.customer("pay", ref)
        val notification = eventually { merchant.notificationsFor(ref).firstOrNull() }
        assertEquals(listOf("paid", "8.50", "NZD"), listOf(notification.status, notification.amount, notification.currency))
        assertEquals(Transition.ADVANCE, transition("pending", notification.status))
        assertEquals(Transition.DUPLICATE, transition(notification.status, client.query(ref).status))
        eventually { sandbox.deliveries(ref).singleOrNull()?.takeIf { it.get("delivered").asBoolean } }
    }

    @Test
    fun `a blocking query holds the thread until the customer pays, other threads keep working`() {
        val ref = reference()
        client.createTransaction(order(ref, amount = "4.00"))
        val pool = Executors.newFixedThreadPool(2)
        try {
            val waiting = pool.submit<Payment> { client.query(ref, block = true) }
            val meanwhile = pool.submit<String> { client.query(ref).status }
            assertEquals("pending", meanwhile.get(30, TimeUnit.SECONDS))
            // Pays once the blocking query is held (not after a guessed delay: under qemu it can take seconds);
            // the hold outlasts any delay, so "paid" shows the query answered when the payment settled.
            eventually { sandbox.control("GET", "/_sandbox/orders/$ref").asJsonObject.get("waiting_queries").asInt.takeIf { it == 1 } }
            sandbox.customer("pay", ref)
            assertEquals("paid", waiting.get(30, TimeUnit.SECONDS).status)
        } finally {
            pool.shutdownNow()
        }
    }

    @Test
    fun `hosted checkout and cancel`() {
        val hosted = { ref: String -> order(ref, method = "alipay").copy(merchantHosted = false, returnUrl = "https://shop.example/done") }
        val ref = reference()
        val created = client.createTransaction(hosted(ref))
        assertEquals("${created.hostUrl}/${created.nonce}", created.paymentUrl)
        assertTrue(created.paymentUrl.startsWith(sandbox.baseUrl))
        client.cancel(ref)
        assertEquals("canceled", client.query(ref).status)
        client.cancel(ref) // cancelling twice is fine

        val paidRef = reference()
        client.createTransaction(hosted(paidRef))
        sandbox.customer("pay", paidRef)
        val paid = assertThrows<LatipayException.Api> { client.cancel(paidRef) }
        assertEquals(listOf("api_error", 900L), listOf(paid.code, paid.apiCode))
    }

    @Test
    fun `an unknown order, a wrong key and an unreachable server`() {
        val unknown = assertThrows<LatipayException.Api> { client.query(reference()) }
        assertEquals(201L, unknown.apiCode)
        val wrongKey = LatipayClient(ClientConfig(Demo.USER_ID, Demo.WALLET_ID, ApiKey("not-the-key"), baseUrl = sandbox.baseUrl))
        wrongKey.use {
            val e = assertThrows<LatipayException> { it.createTransaction(order(reference())) }
            assertEquals("api_error", e.code)
        }
        val port = ServerSocket(0).use { it.localPort }
        val down = LatipayClient(
            ClientConfig(Demo.USER_ID, Demo.WALLET_ID, ApiKey(Demo.API_KEY), baseUrl = "http://127.0.0.1:$port", maxRetries = 0),
        )
        down.use {
            val e = assertThrows<LatipayException.Transport> { it.query("x-1") }
            assertEquals("transport", e.code)
        }
    }

    @Test
    fun `the client is AutoCloseable and shows no key`() {
        val config = ClientConfig(Demo.USER_ID, Demo.WALLET_ID, ApiKey("s3cr3t-key"), baseUrl = sandbox.baseUrl)
        val closed = LatipayClient(config).use {
            assertEquals(listOf(Demo.USER_ID, Demo.WALLET_ID, sandbox.baseUrl), listOf(it.userId(), it.walletId(), it.baseUrl()))
            it
        }
        assertThrows<IllegalStateException> { closed.query("kt-1") } // closed: its native half is freed
        assertTrue("s3cr3t" !in config.toString(), config.toString())
    }
}
