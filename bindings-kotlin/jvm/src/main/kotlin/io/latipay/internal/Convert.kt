// Between the public types of io.latipay and the generated ones of this package: field by field,
// nothing decided here (every rule is the Rust core's). Hand-written, but kept here, out of the
// package users browse.
package io.latipay.internal

import io.latipay.Attempt as PublicAttempt
import io.latipay.AttemptListener as PublicAttemptListener
import io.latipay.BarcodeAccepted as PublicBarcodeAccepted
import io.latipay.BarcodePayment as PublicBarcodePayment
import io.latipay.CheckedAmount as PublicCheckedAmount
import io.latipay.CreateTransaction as PublicCreateTransaction
import io.latipay.CreatedTransaction as PublicCreatedTransaction
import io.latipay.GatewayData as PublicGatewayData
import io.latipay.LatipayException as PublicException
import io.latipay.OutcomeFields as PublicOutcomeFields
import io.latipay.Payment as PublicPayment
import io.latipay.Redirect as PublicRedirect
import io.latipay.Refund as PublicRefund
import io.latipay.SignedRequest as PublicSignedRequest
import io.latipay.Transition as PublicTransition
import java.nio.charset.CharacterCodingException

/**
 * Runs a call into the generated code, turning its exception into the public [LatipayException]:
 * text that cannot be UTF-8 (a lone surrogate, which the generated code refuses to encode rather
 * than send as U+FFFD) is [io.latipay.LatipayException.InvalidArgument] too.
 */
internal inline fun <T> ffi(call: () -> T): T = try {
    call()
} catch (e: LatipayException) {
    throw e.toPublic()
} catch (e: CharacterCodingException) {
    // The message Python and Node give; which argument held it is unknown here.
    throw PublicException.InvalidArgument("text", "is not valid Unicode text (it holds a lone surrogate)")
}

/**
 * [call], or [whenNotUnicode] when an argument holds a lone surrogate: for the functions that
 * never throw (a verification is then `false`).
 */
internal inline fun <T> orWhenNotUnicode(whenNotUnicode: () -> T, call: () -> T): T = try {
    call()
} catch (e: CharacterCodingException) {
    whenNotUnicode()
}

/** The public exception for the generated one, field by field. */
internal fun LatipayException.toPublic(): PublicException = when (this) {
    is LatipayException.InvalidArgument -> PublicException.InvalidArgument(field, reason)
    is LatipayException.InvalidSignature -> PublicException.InvalidSignature(what)
    is LatipayException.Api -> PublicException.Api(apiCode, apiMessage)
    is LatipayException.HttpStatus -> PublicException.HttpStatus(status, url)
    is LatipayException.Transport -> PublicException.Transport(reason)
    is LatipayException.Timeout -> PublicException.Timeout(reason)
    is LatipayException.MalformedResponse -> PublicException.MalformedResponse(what, reason, field)
    is LatipayException.Other -> PublicException.Other(code, detail)
}

internal fun Payment.toPublic() = PublicPayment.verified(
    merchantReference, orderId, paymentMethod, status, currency, amount, payTimeMillis, payTimeRaw, extra,
)

internal fun Redirect.toPublic() =
    PublicRedirect.verified(merchantReference, paymentMethod, status, currency, amount, extra)

internal fun CreatedTransaction.toPublic() = PublicCreatedTransaction(hostUrl, nonce, paymentUrl)

internal fun PublicCreatedTransaction.toFfi() = CreatedTransaction(hostUrl, nonce, paymentUrl)

internal fun GatewayData.toPublic() = PublicGatewayData(
    merchantReference, orderId, nonce, paymentMethod, amount, currency, amountCny, productName,
    organisationName, qrCodeUrl, qrCode, qrCodePng,
)

internal fun BarcodeAccepted.toPublic() = PublicBarcodeAccepted(orderId)

internal fun SignedRequest.toPublic() = PublicSignedRequest(method, path, body, contentType)

internal fun CheckedAmount.toPublic() = PublicCheckedAmount(text, minorUnits)

internal fun Transition.toPublic() = when (this) {
    Transition.ADVANCE -> PublicTransition.ADVANCE
    Transition.DUPLICATE -> PublicTransition.DUPLICATE
    Transition.STALE -> PublicTransition.STALE
    Transition.CONFLICT -> PublicTransition.CONFLICT
}

internal fun Attempt.toPublic() = PublicAttempt(
    method, path, attempt.toInt(), status?.toInt(), durationMs, errorCode, retrying,
)

internal fun PublicCreateTransaction.toFfi() = CreateTransaction(
    merchantReference, amount, paymentMethod, productName, callbackUrl, ip, returnUrl, backPageUrl,
    presentQr, merchantHosted,
)

internal fun PublicRefund.toFfi() = Refund(orderId, refundAmount, reference)

internal fun PublicBarcodePayment.toFfi() = BarcodePayment(merchantReference, amount, payCode)

internal fun PublicOutcomeFields.toFfi() =
    OutcomeFields(merchantReference, paymentMethod, status, currency, amount)

/**
 * The generated listener interface, forwarding to a public [io.latipay.AttemptListener]. What the
 * listener throws never reaches the call (whose result, e.g. a created order, must not be lost):
 * it goes to the thread's uncaught-exception handler, which prints it by default.
 */
internal class AttemptForwarder(private val listener: PublicAttemptListener) : AttemptListener {
    override fun onAttempt(attempt: Attempt) {
        try {
            listener.onAttempt(attempt.toPublic())
        } catch (thrown: Throwable) {
            val thread = Thread.currentThread()
            thread.uncaughtExceptionHandler?.uncaughtException(thread, thrown)
        }
    }
}

/** A builder's required value, or [io.latipay.LatipayException.InvalidArgument] naming it as on the wire. */
internal fun <T : Any> required(value: T?, field: String): T =
    value ?: throw PublicException.InvalidArgument(field, "is required: set it on the builder")

/** The core's `matchesOrder` over the five signed fields received and the stored order's four. */
internal fun matchesStored(
    merchantReference: String, paymentMethod: String, status: String, currency: String, amount: String,
    storedReference: String, storedMethod: String, storedCurrency: String, storedAmount: String,
): Boolean = ffi {
    matchesOrder(
        OutcomeFields(merchantReference, paymentMethod, status, currency, amount),
        storedReference, storedMethod, storedCurrency, storedAmount,
    )
}

/** [url] for a `toString()`: its `user:password@` redacted by the core; never throws. */
internal fun displayUrl(url: String): String = orWhenNotUnicode({ "[not valid Unicode]" }) { io.latipay.internal.shownUrl(url) }
