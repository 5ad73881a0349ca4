package io.latipay.sandbox

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.MethodOrderer
import org.junit.jupiter.api.Order
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestMethodOrder
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.ExtendWith
import org.junit.jupiter.api.extension.RegisterExtension
import org.junit.platform.engine.TestExecutionResult
import org.junit.platform.engine.discovery.DiscoverySelectors.selectClass
import org.junit.platform.testkit.engine.EngineTestKit
import java.net.ConnectException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/** What the example suites below saw, read back after their run. */
private object Seen {
    val urls = mutableListOf<String>()
}

/** Runs `classes` as JUnit would (a run of their own, in parallel when asked); fails with what failed. */
private fun run(vararg classes: Class<*>, parallel: Boolean = false) {
    val results = EngineTestKit.engine("junit-jupiter").selectors(*classes.map { selectClass(it) }.toTypedArray())
        .configurationParameter("junit.jupiter.execution.parallel.enabled", parallel.toString())
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .execute()
    // A class whose sandbox cannot start fails as a container (its tests never run): say why.
    val failed = (results.containerEvents().failed().stream().toList() + results.testEvents().failed().stream().toList())
        .map { event ->
            val result = event.getPayload(TestExecutionResult::class.java).orElse(null)
            result?.throwable?.orElse(null)?.toString() ?: event.toString()
        }
    assertEquals(emptyList<String>(), failed)
    assertTrue(results.testEvents().succeeded().count() > 0, "no test ran")
}

/** Whether anything still answers at `url`. */
private fun answers(url: String): Boolean = try {
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("$url/_sandbox/faults")).build(), HttpResponse.BodyHandlers.discarding())
    true
} catch (e: ConnectException) {
    false
}

class LatipaySandboxExtensionTest {
    /** Two tests sharing the run's sandbox: the second sees nothing of the first. */
    @ExtendWith(LatipaySandboxExtension::class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation::class)
    class SharedExample {
        @Test
        @Order(1)
        fun `leaves a fault behind`(sandbox: LatipaySandbox) {
            Seen.urls += sandbox.url
            val stored = sandbox.faults(mapOf("path" to "/v2/transaction", "fault" to "status", "status" to 503))
            assertEquals(503L, stored["status"])
            assertEquals(1, (sandbox.control("GET", "/_sandbox/faults") as Map<*, *>)["faults"].let { (it as List<*>).size })
        }

        @Test
        @Order(2)
        fun `sees it gone`(sandbox: LatipaySandbox) {
            Seen.urls += sandbox.url
            assertEquals(emptyList<Any?>(), (sandbox.control("GET", "/_sandbox/faults") as Map<*, *>)["faults"])
            assertEquals(emptyList<Any?>(), sandbox.notifications())
            assertEquals(emptyList<Any?>(), sandbox.warnings())
            assertEquals(SandboxMerchant.DEMO, sandbox.merchant)
        }
    }

    /** Another class with @ExtendWith: the same sandbox. */
    @ExtendWith(LatipaySandboxExtension::class)
    class AnotherSharedExample {
        @Test
        fun `gets the same sandbox`(sandbox: LatipaySandbox) {
            Seen.urls += sandbox.url
        }
    }

    /** @RegisterExtension with options of its own: HTTPS and another merchant. */
    class RegisteredExample {
        companion object {
            @JvmField
            @RegisterExtension
            val latipay = LatipaySandboxExtension(
                SandboxOptions.builder().tls(true).merchant(SandboxMerchant("U000000042", "W00000042", "test-key-42", "AUD")).build(),
            )
        }

        @Test
        fun `serves https with its merchant`(sandbox: LatipaySandbox) {
            assertSame(latipay.sandbox, sandbox)
            assertTrue(sandbox.url.startsWith("https://127.0.0.1:"), sandbox.url)
            assertTrue(sandbox.certificatePem!!.contains("BEGIN CERTIFICATE"))
            assertEquals("AUD", sandbox.merchant.currency)
            val unknown = assertThrows<SandboxException> { sandbox.pay("no-such-order") }
            assertTrue(unknown.message!!.contains("404"), unknown.message)
            Seen.urls += sandbox.url
        }
    }

    /** Tests that each leave a fault and expect to see only their own, run side by side. */
    @ExtendWith(LatipaySandboxExtension::class)
    class ParallelExample {
        private fun ownFaultOnly(sandbox: LatipaySandbox) {
            sandbox.faults(mapOf("path" to "/refund", "fault" to "reset"))
            Thread.sleep(150)
            assertEquals(1, ((sandbox.control("GET", "/_sandbox/faults") as Map<*, *>)["faults"] as List<*>).size)
        }

        @Test fun one(sandbox: LatipaySandbox) = ownFaultOnly(sandbox)
        @Test fun two(sandbox: LatipaySandbox) = ownFaultOnly(sandbox)
        @Test fun three(sandbox: LatipaySandbox) = ownFaultOnly(sandbox)
        @Test fun four(sandbox: LatipaySandbox) = ownFaultOnly(sandbox)
    }

    @Test
    fun `tests sharing a sandbox take turns under parallel execution`() {
        run(ParallelExample::class.java, AnotherSharedExample::class.java, parallel = true)
    }

    @Test
    fun `the sandbox process dies with the JVM, and api keys stay off its command line`() {
        val options = SandboxOptions(merchants = listOf(SandboxMerchant("U1", "W1", "secret-key-7")))
        val sandbox = LatipaySandbox.start(options)
        try {
            val arguments = java.io.File("/proc/${sandbox.pid}/cmdline").readText().split('\u0000')
            assertTrue(arguments.none { "secret-key-7" in it }, arguments.toString())
            assertTrue(!java.io.File(arguments[arguments.indexOf("--merchants-file") + 1]).exists(), "the merchants file is removed")
            assertTrue("--exit-on-stdin-close" in arguments)
            assertTrue("secret-key-7" !in options.toString(), options.toString())
        } finally {
            sandbox.close()
        }
    }

    @Test
    fun `each set of options gets one sandbox for the run, reset before each test, stopped after it`() {
        Seen.urls.clear()
        run(SharedExample::class.java, AnotherSharedExample::class.java, RegisteredExample::class.java)
        val (first, second, third, tls) = Seen.urls
        assertEquals(listOf(first, first), listOf(second, third))
        assertNotEquals(first, tls)
        assertTrue(Seen.urls.none { answers(it.replace("https:", "http:")) }, "a sandbox still answers: ${Seen.urls}")
    }

    @Test
    fun `an executable that never listens is reported`() {
        val exited = assertThrows<SandboxException> { LatipaySandbox.start(executable = java.io.File("/bin/false")) }
        assertTrue(exited.message!!.contains("exited (1) before it listened"), exited.message)
        val talks = assertThrows<SandboxException> { LatipaySandbox.start(executable = java.io.File("/bin/echo")) }
        assertTrue(talks.message!!.contains("where its URL belongs"), talks.message)
    }

    @Test
    fun `the executable named by the system property must exist`() {
        val before = System.getProperty(EXECUTABLE_PROPERTY)
        try {
            System.setProperty(EXECUTABLE_PROPERTY, "/no/such/latipay-sandbox")
            val missing = assertThrows<SandboxException> { sandboxExecutable() }
            assertTrue(missing.message!!.contains("is not an executable file"), missing.message)
        } finally {
            if (before == null) System.clearProperty(EXECUTABLE_PROPERTY) else System.setProperty(EXECUTABLE_PROPERTY, before)
        }
    }

    @Test
    fun `a merchant never shows its api key`() {
        val merchant = SandboxMerchant("U1", "W1", "secret-key-1")
        assertTrue("secret-key-1" !in merchant.toString(), merchant.toString())
        assertEquals(SandboxMerchant("U1", "W1", "secret-key-1", "NZD"), merchant)
        assertThrows<IllegalArgumentException> { SandboxMerchant("U1", "W1", "secret:key") }
    }

    @Test
    fun `control API JSON is read without floating point`() {
        val parsed = Json.parse("""{"a":[1,"x\"\u00e9\n",12.30,true,null,{}],"b":-2}""") as Map<*, *>
        assertEquals(listOf(1L, "x\"é\n", java.math.BigDecimal("12.30"), true, null, emptyMap<String, Any?>()), parsed["a"])
        assertEquals(-2L, parsed["b"])
        assertEquals("""{"k":["v\"",1,null]}""", Json.write(mapOf("k" to listOf("v\"", 1, null))))
        val deep = "[".repeat(20_000)
        for (bad in listOf("{", "[1,]", "\"open", "{\"a\" 1}", "tru", "1 2", "\"\\u12\"", "\"\\u+041\"", "01", "+1", "1.", "\"a\u0001\"", deep)) {
            assertThrows<SandboxException>(bad.take(20)) { Json.parse(bad) }
        }
        assertEquals("""[1.5,100000000000000000000,7]""", Json.write(listOf(1.5, 1e20, 7.toShort())))
        assertThrows<IllegalArgumentException> { Json.write(Double.NaN) }
    }
}
