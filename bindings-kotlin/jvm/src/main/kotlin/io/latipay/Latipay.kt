// The library's functions: signing and verification for notification handlers, then signed
// requests and verified answers for your own HTTP client. Kotlin calls them as top-level functions
// of io.latipay, Java as static methods of the class `Latipay` (`Latipay.sign(…)`,
// `Latipay.NOTIFICATION_ACK`).
@file:JvmName("Latipay")

package io.latipay

import io.latipay.internal.FastPath
import io.latipay.internal.ffi
import io.latipay.internal.orWhenNotUnicode
import io.latipay.internal.packParams
import io.latipay.internal.toFfi
import io.latipay.internal.toPublic
import io.latipay.internal.unpackPayment
import io.latipay.internal.utf8IfPlain

/** The body to answer a Latipay notification with (HTTP 200): `"sent"`. */
@JvmField
val NOTIFICATION_ACK: String = io.latipay.internal.notificationAck()

/**
 * Signs parameters by rule A (sorted `name=value` pairs joined with `&`, then the key) and returns
 * the lowercase hex signature. `null` and `""` values and any `signature` are left out.
 *
 * @throws LatipayException.InvalidArgument for an empty key, an empty name, or a name given twice.
 */
@Throws(LatipayException::class)
fun sign(params: Map<String, String?>, apiKey: String): String {
    if (FastPath.loaded) {
        val packed = packParams(params)
        val key = utf8IfPlain(apiKey)
        if (packed != null && key != null) FastPath.sign(packed, key)?.let { return String(it, Charsets.ISO_8859_1) }
    }
    return signViaUniffi(params, apiKey)
}

/**
 * Verifies a notification from its raw body, exactly the bytes received, and returns the
 * verified [Payment].
 *
 * @throws LatipayException.InvalidSignature when the signature is missing or wrong.
 * @throws LatipayException.MalformedResponse when the body cannot be decoded or a signed field is missing.
 */
@Throws(LatipayException::class)
fun verifyNotification(body: ByteArray, apiKey: String): Payment {
    if (FastPath.loaded) {
        val packed = utf8IfPlain(apiKey)?.let { FastPath.verifyNotification(body, it) }
        if (packed != null) return unpackPayment(String(packed, Charsets.UTF_8))
    }
    return verifyNotificationViaUniffi(body, apiKey)
}

/** [sign] through UniFFI alone, never the JNI fast path (for comparison; call [sign]). */
@Throws(LatipayException::class)
fun signViaUniffi(params: Map<String, String?>, apiKey: String): String =
    ffi { io.latipay.internal.signViaUniffi(params, apiKey) }

/** [verifyNotification] through UniFFI alone, never the JNI fast path (for comparison; call [verifyNotification]). */
@Throws(LatipayException::class)
fun verifyNotificationViaUniffi(body: ByteArray, apiKey: String): Payment =
    ffi { io.latipay.internal.verifyNotificationViaUniffi(body, apiKey).toPublic() }

/**
 * Verifies a browser redirect from the URL, the request target or the query string. For display
 * only: fulfil orders from the notification or a query.
 */
@Throws(LatipayException::class)
fun verifyRedirect(urlOrQuery: String, apiKey: String): Redirect =
    ffi { io.latipay.internal.verifyRedirect(urlOrQuery, apiKey).toPublic() }

/**
 * What moving an order from [stored] to [incoming] status means; only [Transition.ADVANCE] should
 * change the order. Text that is not valid Unicode is no status: [Transition.CONFLICT].
 */
fun transition(stored: String, incoming: String): Transition =
    orWhenNotUnicode({ Transition.CONFLICT }) { io.latipay.internal.transition(stored, incoming).toPublic() }

/** Checks an amount by the core's rules: `parseAmount("12.30")` is `CheckedAmount("12.30", 1230)`. */
@Throws(LatipayException::class)
fun parseAmount(amount: String): CheckedAmount = ffi { io.latipay.internal.parseAmount(amount).toPublic() }

/** Signs a payment outcome as Latipay does, to test a notification handler with bodies your tests make up. */
@Throws(LatipayException::class)
fun signOutcome(outcome: OutcomeFields, apiKey: String): String =
    ffi { io.latipay.internal.signOutcome(outcome.toFfi(), apiKey) }

/** The rule-A message for [params], without the key. */
@Throws(LatipayException::class)
fun sortedMessage(params: Map<String, String?>): String = ffi { io.latipay.internal.sortedMessage(params) }

/** Checks a rule-A signature in constant time; `false` for text that is not valid Unicode (nothing Latipay signed). */
fun verifySorted(params: Map<String, String?>, apiKey: String, signature: String): Boolean =
    orWhenNotUnicode({ false }) { io.latipay.internal.verifySorted(params, apiKey, signature) }

/** Signs by rule B: the HMAC of the concatenated parts. */
@Throws(LatipayException::class)
fun signConcat(parts: List<String>, apiKey: String): String = ffi { io.latipay.internal.signConcat(parts, apiKey) }

/** Checks a rule-B signature in constant time; `false` for text that is not valid Unicode (nothing Latipay signed). */
fun verifyConcat(parts: List<String>, apiKey: String, signature: String): Boolean =
    orWhenNotUnicode({ false }) { io.latipay.internal.verifyConcat(parts, apiKey, signature) }

// Bring your own HTTP client (OkHttp, Ktor, java.net.http): signed requests and verified answers
// without the bundled client.

/** The signed `POST /v2/transaction`. */
@Throws(LatipayException::class)
fun createTransactionRequest(credentials: Credentials, order: CreateTransaction): SignedRequest =
    ffi { io.latipay.internal.createTransactionRequest(credentials.ffi, order.toFfi()).toPublic() }

/** The signed `GET /v2/transaction/{merchantReference}`; with [block], Latipay holds the answer while pending. */
@JvmOverloads
@Throws(LatipayException::class)
fun queryRequest(credentials: Credentials, merchantReference: String, block: Boolean = false): SignedRequest =
    ffi { io.latipay.internal.queryRequest(credentials.ffi, merchantReference, block).toPublic() }

/** The signed `POST /refund`. */
@Throws(LatipayException::class)
fun refundRequest(credentials: Credentials, refund: Refund): SignedRequest =
    ffi { io.latipay.internal.refundRequest(credentials.ffi, refund.toFfi()).toPublic() }

/** The signed `POST /cancel`. */
@Throws(LatipayException::class)
fun cancelRequest(credentials: Credentials, merchantReference: String): SignedRequest =
    ffi { io.latipay.internal.cancelRequest(credentials.ffi, merchantReference).toPublic() }

/** The signed `POST /barcode`. */
@Throws(LatipayException::class)
fun barcodeRequest(credentials: Credentials, payment: BarcodePayment): SignedRequest =
    ffi { io.latipay.internal.barcodeRequest(credentials.ffi, payment.toFfi()).toPublic() }

/** Verifies the answer to a create request. */
@Throws(LatipayException::class)
fun parseCreateResponse(body: String, apiKey: String): CreatedTransaction =
    ffi { io.latipay.internal.parseCreateResponse(body, apiKey).toPublic() }

/** Verifies gateway data (a merchant-hosted QR code). */
@Throws(LatipayException::class)
fun parseGatewayData(body: String, apiKey: String): GatewayData =
    ffi { io.latipay.internal.parseGatewayData(body, apiKey).toPublic() }

/** Verifies the answer to a query for [merchantReference]. */
@Throws(LatipayException::class)
fun parseQueryResponse(body: String, apiKey: String, merchantReference: String): Payment =
    ffi { io.latipay.internal.parseQueryResponse(body, apiKey, merchantReference).toPublic() }

/** Reads the answer to a refund; returns when Latipay accepted it. */
@Throws(LatipayException::class)
fun parseRefundResponse(body: String): Unit = ffi { io.latipay.internal.parseRefundResponse(body) }

/** Reads the answer to a cancel; returns when the order was cancelled. */
@Throws(LatipayException::class)
fun parseCancelResponse(body: String): Unit = ffi { io.latipay.internal.parseCancelResponse(body) }

/** Reads the answer to a barcode payment. */
@Throws(LatipayException::class)
fun parseBarcodeResponse(body: String): BarcodeAccepted = ffi { io.latipay.internal.parseBarcodeResponse(body).toPublic() }
