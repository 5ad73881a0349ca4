package io.latipay.sandbox

import java.io.File

/** The system property that names the `latipay-sandbox` executable. */
const val EXECUTABLE_PROPERTY = "latipay.sandbox.bin"

/** The environment variable that names it. */
const val EXECUTABLE_VARIABLE = "LATIPAY_SANDBOX_BIN"

/**
 * The `latipay-sandbox` executable: `-Dlatipay.sandbox.bin`, else
 * `$LATIPAY_SANDBOX_BIN`, else the first on `PATH`. Throws
 * [SandboxException] saying how to get one.
 */
fun sandboxExecutable(): File {
    val named = System.getProperty(EXECUTABLE_PROPERTY)?.takeIf(String::isNotEmpty)
        ?: System.getenv(EXECUTABLE_VARIABLE)?.takeIf(String::isNotEmpty)
    if (named != null) {
        return File(named).takeIf(File::canExecute)
            ?: throw SandboxException("$named (from -D$EXECUTABLE_PROPERTY or \$$EXECUTABLE_VARIABLE) is not an executable file")
    }
    val name = if (System.getProperty("os.name").startsWith("Windows")) "latipay-sandbox.exe" else "latipay-sandbox"
    System.getenv("PATH").orEmpty().split(File.pathSeparator).filter(String::isNotEmpty)
        .map { File(it, name) }.firstOrNull(File::canExecute)?.let { return it }
    throw SandboxException(
        "no latipay-sandbox executable: install the latipay_sandbox wheel (prebuilt for Linux x86_64 and aarch64), " +
            "or build it from the repository (`cargo build --locked -p latipay-sandbox`: target/debug/latipay-sandbox), " +
            "then put it on PATH or name it with -D$EXECUTABLE_PROPERTY=… or \$$EXECUTABLE_VARIABLE",
    )
}
