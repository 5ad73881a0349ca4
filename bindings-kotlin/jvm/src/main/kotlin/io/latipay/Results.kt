// What the library returns: verified answers as data classes. Amounts are the exact text received,
// statuses and payment methods their wire strings, times epoch milliseconds.
package io.latipay

import io.latipay.internal.matchesStored

/**
 * The verified state of a payment, from a notification or a query. Only [merchantReference],
 * [paymentMethod], [status], [currency] and [amount] are signed; apply it only when [transition]
 * says [Transition.ADVANCE], and check it with [matches]. Only the library makes one (a test
 * makes its own with [signOutcome] and [verifyNotification]), so a request's own fields cannot
 * pass for a verified payment.
 */
@ConsistentCopyVisibility
data class Payment private constructor(
    /** The merchant's order reference (signed). */
    val merchantReference: String,
    /** Latipay's transaction id, when sent (unsigned). */
    val orderId: String?,
    /** The payment method's wire value, e.g. `alipay` (signed). */
    val paymentMethod: String,
    /** The status's wire value, e.g. `paid` (signed). */
    val status: String,
    /** The wallet's currency, e.g. `NZD` (signed). */
    val currency: String,
    /** The amount exactly as received, e.g. `120.00` (signed). */
    val amount: String,
    /** [payTimeRaw] read as UTC+08:00, in milliseconds since the epoch (`Instant.ofEpochMilli`), when present and in the documented form. */
    val payTimeMillis: Long?,
    /** `pay_time` exactly as received. */
    val payTimeRaw: String?,
    /** Every other field received (unsigned), in no particular order. */
    val extra: Map<String, String>,
) {
    /**
     * Whether this payment is for the order you stored: the same reference and currency, an
     * amount worth the same (`"12.3"` is `"12.30"`), the same payment method (or `onlineBank` for
     * a `polipay` order). Check it before acting on a notification or a query: a valid signature
     * for another order or another amount must not move this one.
     *
     * @throws LatipayException.InvalidArgument when an order field is not one the library could have sent.
     */
    @Throws(LatipayException::class)
    fun matches(merchantReference: String, paymentMethod: String, currency: String, amount: String): Boolean =
        matchesStored(this.merchantReference, this.paymentMethod, status, this.currency, this.amount,
            merchantReference, paymentMethod, currency, amount)

    internal companion object {
        /** A payment the library verified (the constructor is private, hidden from Java too). */
        @JvmSynthetic
        internal fun verified(
            merchantReference: String, orderId: String?, paymentMethod: String, status: String, currency: String,
            amount: String, payTimeMillis: Long?, payTimeRaw: String?, extra: Map<String, String>,
        ) = Payment(merchantReference, orderId, paymentMethod, status, currency, amount, payTimeMillis, payTimeRaw, extra)
    }
}

/** A verified browser redirect: for display only, never to fulfil an order. Only the library makes one. */
@ConsistentCopyVisibility
data class Redirect private constructor(
    /** The merchant's order reference. */
    val merchantReference: String,
    /** The payment method's wire value. */
    val paymentMethod: String,
    /** `paid`, or `cancel_or_fail` (WeChat), `failed`, `canceled`. */
    val status: String,
    /** The wallet's currency. */
    val currency: String,
    /** The amount exactly as received. */
    val amount: String,
    /** Every other query parameter (unsigned). */
    val extra: Map<String, String>,
) {
    /** Whether this redirect is about the order you stored (see [Payment.matches]); still for display only. */
    @Throws(LatipayException::class)
    fun matches(merchantReference: String, paymentMethod: String, currency: String, amount: String): Boolean =
        matchesStored(this.merchantReference, this.paymentMethod, status, this.currency, this.amount,
            merchantReference, paymentMethod, currency, amount)

    internal companion object {
        /** A redirect the library verified (the constructor is private, hidden from Java too). */
        @JvmSynthetic
        internal fun verified(
            merchantReference: String, paymentMethod: String, status: String, currency: String, amount: String,
            extra: Map<String, String>,
        ) = Redirect(merchantReference, paymentMethod, status, currency, amount, extra)
    }
}

/** A created transaction: send the customer to [paymentUrl], or pass it to `gatewayData` when merchant-hosted. */
data class CreatedTransaction(
    /** Latipay's pay page (or gateway) base URL (signed). */
    val hostUrl: String,
    /** The single-use nonce (signed). */
    val nonce: String,
    /** The host URL and the nonce joined: where the customer pays. */
    val paymentUrl: String,
)

/**
 * A merchant-hosted QR code, verified: show [qrCodePng] (or encode [qrCodeUrl]) on the POS
 * screen, then wait with `query(reference, true)`. Its `toString()` includes the whole PNG and
 * data URL: log its fields instead.
 */
data class GatewayData(
    /** The merchant's order reference. */
    val merchantReference: String,
    /** Latipay's transaction id, when sent. */
    val orderId: String?,
    /** The nonce the data was fetched with. */
    val nonce: String,
    /** `alipay` or `wechat`. */
    val paymentMethod: String,
    /** The amount exactly as received. */
    val amount: String,
    /** The wallet's currency. */
    val currency: String,
    /** The amount in CNY, when sent. */
    val amountCny: String?,
    /** The product name, when sent. */
    val productName: String?,
    /** The merchant organisation's name, when sent. */
    val organisationName: String?,
    /** The QR code's text (`weixin://…`), to render yourself. */
    val qrCodeUrl: String,
    /** The QR code as a `data:image/png;base64,…` URL. */
    val qrCode: String,
    /** The QR code as PNG bytes, decoded and checked (compared by identity: use `contentEquals`). */
    val qrCodePng: ByteArray,
)

/** Latipay accepted a barcode payment; `query(reference, true)` tells the outcome. */
data class BarcodeAccepted(
    /** Latipay's transaction id. */
    val orderId: String,
)

/** A signed request, to send with any HTTP client. */
data class SignedRequest(
    /** `GET` or `POST`. */
    val method: String,
    /** The path and query, to append to the API base URL. */
    val path: String,
    /** The JSON body of a `POST`; null for a `GET`. */
    val body: String?,
    /** The `Content-Type` to send with a body. */
    val contentType: String,
)

/** An amount checked by the core's rules: `parseAmount("12.30")` is `CheckedAmount("12.30", 1230)`. */
data class CheckedAmount(
    /** The text that is signed and sent. */
    val text: String,
    /** The amount in cents. */
    val minorUnits: Long,
)

/** What moving an order from its stored status to an incoming one means. */
enum class Transition {
    /** A step forward: apply it. */
    ADVANCE,
    /** The status it already has: answer `sent`, change nothing. */
    DUPLICATE,
    /** An older status arriving late: ignore it. */
    STALE,
    /** A contradiction (e.g. paid, then failed): keep the order, alert a person. */
    CONFLICT,
}
