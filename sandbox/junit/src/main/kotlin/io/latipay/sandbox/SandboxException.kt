package io.latipay.sandbox

/** The sandbox did not start, or its control API refused a request (the message says which and why). */
class SandboxException(message: String, cause: Throwable? = null) : RuntimeException(message, cause)
