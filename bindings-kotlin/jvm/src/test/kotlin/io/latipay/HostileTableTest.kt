// The shared table of hostile-server cases (tests/hostile/cases.json), run
// against LatipayClient and AsyncLatipayClient (both on the core's transport).
package io.latipay

import com.google.gson.JsonObject
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance
import com.google.gson.JsonParser
import java.io.File

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTableTest {
    private val plain = Sandbox()
    private val tls = Sandbox("--tls")
    private val table = JsonParser.parseString(File(WORKSPACE, "tests/hostile/cases.json").readText())
        .asJsonObject.getAsJsonArray("cases").map { it.asJsonObject }

    @AfterAll
    fun stop() {
        plain.close()
        tls.close()
    }

    private fun config(case: JsonObject, sandbox: Sandbox): ClientConfig {
        val given = case.getAsJsonObject("client")
        return ClientConfig(
            Demo.USER_ID, Demo.WALLET_ID, ApiKey(Demo.API_KEY), baseUrl = sandbox.baseUrl,
            timeoutMs = given?.get("timeout_ms")?.asLong,
            maxRetries = given?.get("max_retries")?.asInt,
            caCertificates = if (case.get("trust_sandbox_certificate")?.asBoolean == true) sandbox.certificatePem else null,
        )
    }

    private fun order(ref: String) = CreateTransaction(
        merchantReference = ref, amount = "12.50", paymentMethod = "alipay", productName = "hostile table",
        callbackUrl = "http://127.0.0.1:9/notify", ip = "122.122.122.1", returnUrl = "http://127.0.0.1:9/return",
    )

    /** Runs every case with `call`, which makes the case's call or throws its LatipayException. */
    private fun run(form: String, call: (ClientConfig, JsonObject, String) -> Any): List<DynamicTest> = table.map { case ->
        DynamicTest.dynamicTest("$form: ${case.text("name")}") {
            val sandbox = if (case.get("tls")?.asBoolean == true) tls else plain
            val ref = reference()
            sandbox.control("DELETE", "/_sandbox/faults")
            if (case.text("call") == "query") {
                val setup = ClientConfig(Demo.USER_ID, Demo.WALLET_ID, ApiKey(Demo.API_KEY), baseUrl = sandbox.baseUrl, caCertificates = sandbox.certificatePem)
                LatipayClient(setup).use { it.createTransaction(order(ref)) }
            }
            case.getAsJsonObject("fault")?.let { sandbox.control("POST", "/_sandbox/faults", it.toString()) }
            val outcome: Any = try {
                call(config(case, sandbox), case, ref)
            } catch (e: LatipayException) {
                e
            }
            val expect = case.getAsJsonObject("expect")
            if (expect.get("ok")?.asBoolean == true) {
                assertTrue(outcome !is LatipayException, "$outcome")
                if (outcome is Payment) assertEquals("pending", outcome.status)
            } else {
                assertTrue(outcome is LatipayException, "expected ${expect.text("error_code")}, got $outcome")
                val error = outcome as LatipayException
                assertEquals(expect.text("error_code"), error.code, error.message)
                expect.get("status")?.let { assertEquals(it.asInt, (error as LatipayException.HttpStatus).status.toInt(), error.message) }
            }
            case.getAsJsonObject("fault")?.let { fault ->
                val faults = sandbox.control("GET", "/_sandbox/faults").asJsonObject.getAsJsonArray("faults")
                val remaining = faults.firstOrNull()?.asJsonObject?.get("remaining")?.asInt ?: 0
                val used = (fault.get("times")?.asInt ?: 1) - remaining
                expect.get("faults_used")?.let { assertEquals(it.asInt, used) }
                expect.get("faults_used_at_most")?.let { assertTrue(used in 2..it.asInt, "$used") }
            }
        }
    }

    @TestFactory
    fun blocking() = run("LatipayClient") { config, case, ref ->
        LatipayClient(config).use { client ->
            if (case.text("call") == "create") client.createTransaction(order(ref)) else client.query(ref)
        }
    }

    @TestFactory
    fun suspending() = run("AsyncLatipayClient") { config, case, ref ->
        AsyncLatipayClient(config).use { client ->
            runBlocking { if (case.text("call") == "create") client.createTransaction(order(ref)) else client.query(ref) }
        }
    }
}
