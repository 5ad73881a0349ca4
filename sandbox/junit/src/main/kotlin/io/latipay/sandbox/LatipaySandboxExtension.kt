package io.latipay.sandbox

import org.junit.jupiter.api.extension.AfterEachCallback
import org.junit.jupiter.api.extension.BeforeAllCallback
import org.junit.jupiter.api.extension.BeforeEachCallback
import org.junit.jupiter.api.extension.ExtensionContext
import org.junit.jupiter.api.extension.ParameterContext
import org.junit.jupiter.api.extension.ParameterResolver

/**
 * A JUnit 5 extension giving tests a [LatipaySandbox], reset before each test
 * (no order, notification, fault or warning of another test is seen).
 *
 * `@ExtendWith(LatipaySandboxExtension::class)` shares one sandbox (the demo
 * merchant over HTTP) with every class that uses it, for the whole run;
 * `@RegisterExtension` with [SandboxOptions] starts one sandbox per set of
 * options. Tests take it as a parameter (`fun pays(sandbox: LatipaySandbox)`)
 * or through [sandbox]. Sandboxes stop when the run ends. Under JUnit's
 * parallel execution, the tests that share a sandbox take turns (each holds
 * it from its reset to its end), so that no reset lands in another's test.
 */
class LatipaySandboxExtension @JvmOverloads constructor(
    /** How the sandbox is started. */
    val options: SandboxOptions = SandboxOptions(),
) : BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private var started: LatipaySandbox? = null

    /** The sandbox of the running test (after `@BeforeAll`). */
    val sandbox: LatipaySandbox
        get() = started ?: throw SandboxException("the sandbox starts before the tests' @BeforeAll: use it from a test")

    override fun beforeAll(context: ExtensionContext) {
        started = runningFor(context).sandbox
    }

    override fun beforeEach(context: ExtensionContext) {
        val running = runningFor(context)
        running.turn.acquire()
        try {
            running.sandbox.also { started = it }.reset()
        } catch (e: Throwable) {
            running.turn.release()
            throw e
        }
        context.getStore(NAMESPACE).put(HOLDING to options, running)
    }

    override fun afterEach(context: ExtensionContext) {
        // Only a test that got its turn gives it back (JUnit calls this after a failed beforeEach too).
        context.getStore(NAMESPACE).remove(HOLDING to options, Running::class.java)?.turn?.release()
    }

    override fun supportsParameter(parameter: ParameterContext, context: ExtensionContext): Boolean =
        parameter.parameter.type == LatipaySandbox::class.java

    override fun resolveParameter(parameter: ParameterContext, context: ExtensionContext): Any = runningFor(context).sandbox

    /** The run's sandbox for these options, started on first use and closed when the run ends. */
    private fun runningFor(context: ExtensionContext): Running =
        context.root.getStore(NAMESPACE).getOrComputeIfAbsent(options, { Running(LatipaySandbox.start(options)) }, Running::class.java)

    /**
     * Closes the sandbox when JUnit closes the run's store: JUnit 5.13 and
     * newer close an AutoCloseable, older ones a CloseableResource.
     */
    @Suppress("DEPRECATION")
    private class Running(val sandbox: LatipaySandbox) : ExtensionContext.Store.CloseableResource, AutoCloseable {
        /** One test at a time holds the sandbox. */
        val turn = java.util.concurrent.Semaphore(1)

        override fun close() = sandbox.close()
    }

    private companion object {
        /** With the options, the test store's key for the [Running] whose turn the test holds. */
        const val HOLDING = "holding"
        val NAMESPACE: ExtensionContext.Namespace = ExtensionContext.Namespace.create(LatipaySandboxExtension::class.java)
    }
}
