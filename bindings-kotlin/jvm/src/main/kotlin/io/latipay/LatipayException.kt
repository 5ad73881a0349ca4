package io.latipay

/**
 * Everything the library reports as going wrong. Match on the subclass or on [code], never on
 * the message; no message contains the api_key.
 *
 * A checked exception for Java callers: every constructor and method that can throw it
 * declares it (`@Throws`), so `try { … } catch (LatipayException e)` compiles around any of them.
 */
sealed class LatipayException(message: String) : Exception(message) {
    /**
     * The stable code of this error, the same in Rust, Python, Node and Kotlin:
     * `invalid_argument`, `invalid_signature`, `api_error`, `http_status`, `transport`,
     * `timeout` or `malformed_response` (the constants of the companion object).
     */
    abstract val code: String

    /** Input was rejected before anything was signed or sent. */
    class InvalidArgument(
        /** The parameter at fault, named as on the wire (`amount`, `callback_url` …). */
        val field: String,
        /** Why it was rejected. */
        val reason: String,
    ) : LatipayException("field=$field, reason=$reason") {
        override val code: String get() = INVALID_ARGUMENT
    }

    /** A signature sent by Latipay did not match: do not trust the data. */
    class InvalidSignature(
        /** What carried it (`notification`, `create response` …). */
        val what: String,
    ) : LatipayException("what=$what") {
        override val code: String get() = INVALID_SIGNATURE
    }

    /** Latipay answered with a non-zero `code`. */
    class Api(
        /** Latipay's numeric code (206 bad signature, 201 no such order, 550 …). */
        val apiCode: Long,
        /** Latipay's message, as sent. */
        val apiMessage: String,
    ) : LatipayException("apiCode=$apiCode, apiMessage=$apiMessage") {
        override val code: String get() = API_ERROR
    }

    /** An HTTP status other than 200. */
    class HttpStatus(
        /** The HTTP status. */
        val status: Int,
        /** The URL, without its query string. */
        val url: String,
    ) : LatipayException("status=$status, url=$url") {
        override val code: String get() = HTTP_STATUS
    }

    /** The request could not be delivered or its answer read; a POST may still have arrived: query before sending it again. */
    class Transport(
        /** What failed. */
        val reason: String,
    ) : LatipayException("reason=$reason") {
        override val code: String get() = TRANSPORT
    }

    /** The request timed out; a POST may still have arrived: query before sending it again. */
    class Timeout(
        /** What timed out. */
        val reason: String,
    ) : LatipayException("reason=$reason") {
        override val code: String get() = TIMEOUT
    }

    /**
     * Something Latipay sent could not be understood: not JSON, a field missing or repeated, a
     * signed field outside its grammar (`payment_method=2alipay`).
     */
    class MalformedResponse(
        /** What could not be read (`notification`, `query response` …). */
        val what: String,
        /** What exactly was wrong. */
        val reason: String,
        /** The field at fault, named as on the wire, or null when the whole of it is. */
        val field: String?,
    ) : LatipayException("what=$what, reason=$reason, field=$field") {
        override val code: String get() = MALFORMED_RESPONSE
    }

    /** An error of a newer core this library has no subclass for yet; [code] is still the core's. */
    class Other(
        override val code: String,
        /** The core's message. */
        val detail: String,
    ) : LatipayException("code=$code, detail=$detail")

    /** The stable codes, as [code] gives them. */
    companion object {
        /** [InvalidArgument]'s code. */
        const val INVALID_ARGUMENT: String = "invalid_argument"
        /** [InvalidSignature]'s code. */
        const val INVALID_SIGNATURE: String = "invalid_signature"
        /** [Api]'s code. */
        const val API_ERROR: String = "api_error"
        /** [HttpStatus]'s code. */
        const val HTTP_STATUS: String = "http_status"
        /** [Transport]'s code. */
        const val TRANSPORT: String = "transport"
        /** [Timeout]'s code. */
        const val TIMEOUT: String = "timeout"
        /** [MalformedResponse]'s code. */
        const val MALFORMED_RESPONSE: String = "malformed_response"
    }
}
