// AsyncLatipayClient (suspend functions) against the sandbox, and the network
// options and attempt listener of ClientConfig.
package io.latipay

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.TimeoutCancellationException
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.CopyOnWriteArrayList

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncClientTest {
    private val sandbox = Sandbox()
    private val merchant = Merchant()

    @AfterAll
    fun stop() {
        merchant.close()
        sandbox.close()
    }

    private fun config(listener: AttemptListener? = null) =
        ClientConfig(Demo.USER_ID, Demo.WALLET_ID, ApiKey(Demo.API_KEY), baseUrl = sandbox.baseUrl, onAttempt = listener)

    private fun order(ref: String) = CreateTransaction(
        merchantReference = ref, amount = "12.50", paymentMethod = "alipay", productName = "Pinot Noir",
        callbackUrl = merchant.callbackUrl, ip = "122.122.122.1", returnUrl = "http://127.0.0.1:9/return",
    )

    @Test
    fun `a whole payment with suspend functions`() = runBlocking {
        AsyncLatipayClient(config()).use { client ->
            val ref = reference()
            assertTrue(client.createTransaction(order(ref)).paymentUrl.startsWith(sandbox.baseUrl))
            assertEquals("pending", client.query(ref).status)
            val held = async { client.query(ref, block = true) }
            delay(200)
            sandbox.customer("pay", ref)
            val paid = held.await()
            assertEquals("paid", paid.status)
            client.refund(Refund(orderId = paid.orderId!!, refundAmount = "2.50"))
            val other = reference()
            client.createTransaction(order(other))
            client.cancel(other)
            val error = assertThrows<LatipayException.Api> { runBlocking { client.query("no-such-order") } }
            assertEquals("api_error", error.code)
        }
    }

    @Test
    fun `cancelling the caller returns at once and the client goes on`() = runBlocking {
        AsyncLatipayClient(config()).use { client ->
            val ref = reference()
            client.createTransaction(order(ref))
            assertThrows<TimeoutCancellationException> {
                runBlocking { withTimeout(200) { client.query(ref, block = true) } }
            }
            val held = async { client.query(ref, block = true) }
            delay(100)
            held.cancel()
            assertThrows<CancellationException> { runBlocking { held.await() } }
            assertTrue(held.isCancelled)
            assertEquals("pending", client.query(ref).status)
        }
    }

    @Test
    fun `closing the client ends a held call at once`() = runBlocking {
        val client = AsyncLatipayClient(config())
        val ref = reference()
        client.createTransaction(order(ref))
        val held = async { runCatching { client.query(ref, block = true) } }
        delay(200)
        client.close()
        val outcome = held.await().exceptionOrNull()
        assertTrue(outcome is IllegalStateException, "$outcome")
    }

    @Test
    fun `a closed client refuses calls`() {
        val client = AsyncLatipayClient(config())
        client.close()
        assertThrows<IllegalStateException> { runBlocking { client.query("any") } }
        assertFalse(client.toString().contains(Demo.API_KEY))
    }

    @Test
    fun `every attempt reaches the listener without key, signature or query`() {
        val attempts = CopyOnWriteArrayList<Attempt>()
        val listener = object : AttemptListener {
            override fun onAttempt(attempt: Attempt) {
                attempts += attempt
            }
        }
        LatipayClient(config(listener)).use { client ->
            assertThrows<LatipayException.Api> { client.query("logged-1") }
        }
        AsyncLatipayClient(config(listener)).use { client ->
            assertThrows<LatipayException.Api> { runBlocking { client.query("logged-2") } }
        }
        assertEquals(listOf("/v2/transaction/logged-1", "/v2/transaction/logged-2"), attempts.map { it.path })
        for (attempt in attempts) {
            assertEquals(listOf("GET", 200, 1, "api_error", false),
                listOf(attempt.method, attempt.status?.toInt(), attempt.attempt.toInt(), attempt.errorCode, attempt.retrying))
            assertTrue(attempt.durationMs >= 0)
            for (secret in listOf(Demo.API_KEY, "signature", "?", "user_id=")) assertFalse(attempt.toString().contains(secret), "$attempt")
        }
    }

    @Test
    fun `a listener that throws loses no result, the thread's handler gets what it threw`() {
        val thread = Thread.currentThread()
        val reported = CopyOnWriteArrayList<Throwable>()
        val before = thread.uncaughtExceptionHandler
        thread.setUncaughtExceptionHandler { _, thrown -> reported += thrown }
        try {
            LatipayClient(config { throw IllegalStateException("listener bug") }).use { client ->
                val ref = reference()
                val created = client.createTransaction(order(ref))
                assertTrue(created.paymentUrl.contains(created.nonce), "the created order is returned")
                assertEquals("pending", client.query(ref).status)
            }
        } finally {
            thread.uncaughtExceptionHandler = before
        }
        assertEquals(listOf("listener bug", "listener bug"), reported.map { it.message })
    }

    @Test
    fun `every call racing close ends, with its result or IllegalStateException`() = runBlocking {
        repeat(50) {
            val client = AsyncLatipayClient(config())
            val calls = List(20) { async(kotlinx.coroutines.Dispatchers.Default) { runCatching { client.query("race-$it") } } }
            client.close()
            // A call that never resumed would hang here; the guard makes that a failure.
            val outcomes = withTimeout(60_000) { calls.map { it.await().exceptionOrNull() } }
            for (outcome in outcomes) {
                assertTrue(outcome is IllegalStateException || outcome is LatipayException.Api, "$outcome")
            }
        }
    }

    @Test
    fun `a socks proxy and unknown trust stores are refused by name`() {
        val socks = assertThrows<LatipayException.InvalidArgument> {
            LatipayClient(config().copy(proxy = "socks5://user:pw1234@proxy:1080"))
        }
        assertEquals("proxy", socks.field)
        assertTrue("socks5" in socks.message!! && "pw1234" !in socks.message!!)
        LatipayClient(config().copy(trustStore = "system")).close()
        val store = assertThrows<LatipayException.InvalidArgument> { LatipayClient(config().copy(trustStore = "keychain")) }
        assertEquals("trust_store", store.field)
        val pem = assertThrows<LatipayException.InvalidArgument> { LatipayClient(config().copy(caCertificates = "none")) }
        assertEquals("ca_certificates", pem.field)
    }

    @Test
    fun `TLS works with the sandbox's certificate and fails without it`() {
        Sandbox("--tls").use { tls ->
            val base = ClientConfig(Demo.USER_ID, Demo.WALLET_ID, ApiKey(Demo.API_KEY), baseUrl = tls.baseUrl, maxRetries = 0)
            LatipayClient(base).use { client ->
                assertEquals("transport", assertThrows<LatipayException.Transport> { client.query("r") }.code)
            }
            AsyncLatipayClient(base.copy(caCertificates = tls.certificatePem)).use { client ->
                assertEquals("api_error", assertThrows<LatipayException.Api> { runBlocking { client.query("r") } }.code)
            }
        }
    }
}
