package io.latipay.sandbox

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
 * or through [sandbox]. Sandboxes stop when the run ends.
 */
class LatipaySandboxExtension @JvmOverloads constructor(
    /** How the sandbox is started. */
    val options: SandboxOptions = SandboxOptions(),
) : BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private var started: LatipaySandbox? = null

    /** The sandbox of the running test (after `@BeforeAll`). */
    val sandbox: LatipaySandbox
        get() = started ?: throw SandboxException("the sandbox starts before the tests' @BeforeAll: use it from a test")

    override fun beforeAll(context: ExtensionContext) {
        started = sandboxFor(context)
    }

    override fun beforeEach(context: ExtensionContext) {
        sandboxFor(context).also { started = it }.reset()
    }

    override fun supportsParameter(parameter: ParameterContext, context: ExtensionContext): Boolean =
        parameter.parameter.type == LatipaySandbox::class.java

    override fun resolveParameter(parameter: ParameterContext, context: ExtensionContext): Any = sandboxFor(context)

    /** The run's sandbox for these options, started on first use and closed when the run ends. */
    private fun sandboxFor(context: ExtensionContext): LatipaySandbox =
        context.root.getStore(NAMESPACE).getOrComputeIfAbsent(options, { Running(LatipaySandbox.start(options)) }, Running::class.java).sandbox

    /**
     * Closes the sandbox when JUnit closes the run's store: JUnit 5.13 and
     * newer close an AutoCloseable, older ones a CloseableResource.
     */
    @Suppress("DEPRECATION")
    private class Running(val sandbox: LatipaySandbox) : ExtensionContext.Store.CloseableResource, AutoCloseable {
        override fun close() = sandbox.close()
    }

    private companion object {
        val NAMESPACE: ExtensionContext.Namespace = ExtensionContext.Namespace.create(LatipaySandboxExtension::class.java)
    }
}
