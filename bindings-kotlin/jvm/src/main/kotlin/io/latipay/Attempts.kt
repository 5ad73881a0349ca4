// What a client tells of each attempt of its calls (for metrics and logs; nothing secret).
package io.latipay

/**
 * Told of each attempt of a client's calls (method, path, status, duration, error code; never a
 * key, signature or query string). Keep it quick: it runs on the thread making the call.
 */
fun interface AttemptListener {
    /** One attempt ended. */
    fun onAttempt(attempt: Attempt)
}

/** One attempt of a call. */
data class Attempt(
    /** `GET` or `POST`. */
    val method: String,
    /** The URL's path, without the query string (a payment nonce `[REDACTED]`). */
    val path: String,
    /** 1 for the first attempt of the call, 2 for its first retry, … */
    val attempt: Int,
    /** The HTTP status, when an answer's head arrived. */
    val status: Int?,
    /** From sending the request to the end of the attempt, in milliseconds. */
    val durationMs: Double,
    /** The error code the attempt met (`timeout`, `http_status` …); null when it succeeded. */
    val errorCode: String?,
    /** Whether another attempt follows. */
    val retrying: Boolean,
)
