package io.latipay

import io.latipay.internal.ffi
import io.latipay.internal.toFfi
import io.latipay.internal.toPublic

/**
 * A Latipay client for one merchant account. Every call blocks its thread: on Android call it from
 * `Dispatchers.IO` or a worker, never the main thread ([AsyncLatipayClient] has the same calls as
 * `suspend` functions). One client is safe to share between threads; keep it for the app's lifetime,
 * or [close] it (`use { }`, try-with-resources) to free its native half at once. Its `toString()`
 * shows no key.
 */
class LatipayClient @Throws(LatipayException::class) constructor(config: ClientConfig) : AutoCloseable {
    private val client = ffi { io.latipay.internal.LatipayClient(config.toFfi()) }

    /** The Latipay user account. */
    fun userId(): String = client.userId()

    /** The wallet payments go to. */
    fun walletId(): String = client.walletId()

    /** The base URL requests go to. */
    fun baseUrl(): String = client.baseUrl()

    /** Creates a transaction and verifies Latipay's answer. */
    @Throws(LatipayException::class)
    fun createTransaction(order: CreateTransaction): CreatedTransaction =
        ffi { client.createTransaction(order.toFfi()).toPublic() }

    /** Fetches and verifies the QR code of a merchant-hosted transaction. */
    @Throws(LatipayException::class)
    fun gatewayData(created: CreatedTransaction): GatewayData = ffi { client.gatewayData(created.toFfi()).toPublic() }

    /**
     * The verified state of an order. With [block], Latipay holds the answer until the order
     * leaves `pending` (or about 180 s pass).
     */
    @JvmOverloads
    @Throws(LatipayException::class)
    fun query(merchantReference: String, block: Boolean = false): Payment =
        ffi { client.query(merchantReference, block).toPublic() }

    /** Refunds (part of) a paid order. Not retried: query before trying again. */
    @Throws(LatipayException::class)
    fun refund(refund: Refund): Unit = ffi { client.refund(refund.toFfi()) }

    /** Cancels an unpaid order. Not retried. */
    @Throws(LatipayException::class)
    fun cancel(merchantReference: String): Unit = ffi { client.cancel(merchantReference) }

    /**
     * Takes an in-store payment from the code the customer shows. Not retried;
     * `query(reference, true)` tells whether it was paid.
     */
    @Throws(LatipayException::class)
    fun barcode(payment: BarcodePayment): BarcodeAccepted = ffi { client.barcode(payment.toFfi()).toPublic() }

    /** Frees the native client; later calls throw [IllegalStateException]. */
    override fun close() = client.close()

    /** The account and the base URL; never the key. */
    override fun toString(): String =
        try {
            "LatipayClient(userId=${client.shown(userId())}, walletId=${client.shown(walletId())}, baseUrl=${baseUrl()})"
        } catch (closed: IllegalStateException) {
            "LatipayClient(closed)"
        }
}
