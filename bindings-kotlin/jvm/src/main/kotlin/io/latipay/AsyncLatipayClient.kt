package io.latipay

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.cancel
import kotlinx.coroutines.completeWith
import kotlinx.coroutines.launch
import java.util.concurrent.ConcurrentHashMap

/**
 * Every call of [LatipayClient] as a `suspend` function, run on [dispatcher]
 * ([Dispatchers.IO] unless you pass another), never on the caller's thread:
 * call it from Android's `lifecycleScope` or `viewModelScope` (the main thread
 * is never blocked) or from any coroutine on the JVM.
 *
 * Cancelling the calling coroutine (leaving the screen, `withTimeout`) returns
 * at once with [CancellationException]. A request already on the wire is then
 * abandoned: it finishes on its IO thread within the call's own timeout, and
 * its result is dropped. Share one per merchant account; [close] it when done. (From Java, use
 * [LatipayClient] on an executor of your own: `suspend` functions are Kotlin's.)
 */
class AsyncLatipayClient @JvmOverloads @Throws(LatipayException::class) constructor(
    config: ClientConfig,
    private val dispatcher: CoroutineDispatcher = Dispatchers.IO,
) : AutoCloseable {
    private val client = LatipayClient(config)
    private val scope = CoroutineScope(SupervisorJob() + dispatcher)
    @Volatile private var closed = false
    /** The results callers are waiting for, so that [close] can end them at once. */
    private val waiting = ConcurrentHashMap.newKeySet<CompletableDeferred<*>>()

    /** The Latipay user account. */
    val userId: String get() = client.userId()

    /** The wallet payments go to. */
    val walletId: String get() = client.walletId()

    /** The base URL requests go to. */
    val baseUrl: String get() = client.baseUrl()

    /** Creates a transaction and verifies Latipay's answer. */
    suspend fun createTransaction(order: CreateTransaction): CreatedTransaction = call { client.createTransaction(order) }

    /** Fetches and verifies the QR code of a merchant-hosted transaction. */
    suspend fun gatewayData(created: CreatedTransaction): GatewayData = call { client.gatewayData(created) }

    /** The verified state of an order; with [block], held until it leaves `pending` (about 180 s at most). */
    suspend fun query(merchantReference: String, block: Boolean = false): Payment =
        call { client.query(merchantReference, block) }

    /** Refunds (part of) a paid order. Not retried: query before trying again. */
    suspend fun refund(refund: Refund): Unit = call { client.refund(refund) }

    /** Cancels an unpaid order. Not retried. */
    suspend fun cancel(merchantReference: String): Unit = call { client.cancel(merchantReference) }

    /** Takes an in-store payment from the code the customer shows; `query(ref, block = true)` tells the outcome. */
    suspend fun barcode(payment: BarcodePayment): BarcodeAccepted = call { client.barcode(payment) }

    /**
     * Ends every call still waiting with [IllegalStateException] (their requests are
     * abandoned as on cancellation) and frees the native client; later calls throw
     * [IllegalStateException] too.
     */
    override fun close() {
        closed = true
        for (result in waiting) result.completeExceptionally(IllegalStateException("this AsyncLatipayClient was closed"))
        scope.cancel()
        client.close()
    }

    override fun toString(): String = client.toString().replaceFirst("LatipayClient", "AsyncLatipayClient")

    /** Runs [block] on the dispatcher; the caller's cancellation, or [close], ends the wait at once. */
    private suspend fun <T> call(block: () -> T): T {
        check(!closed) { "this AsyncLatipayClient is closed" }
        val result = CompletableDeferred<T>()
        waiting += result
        // close() may have passed over `waiting` before the line above: it set `closed` first.
        if (closed) result.completeExceptionally(IllegalStateException("this AsyncLatipayClient was closed"))
        val running = scope.launch { result.completeWith(runCatching(block)) }
        // A launch on the cancelled scope of a closed client never runs its block.
        running.invokeOnCompletion { cause ->
            if (cause != null) result.completeExceptionally(IllegalStateException("this AsyncLatipayClient was closed"))
        }
        try {
            return result.await()
        } catch (cancelled: CancellationException) {
            running.cancel(cancelled)
            throw cancelled
        } finally {
            waiting -= result
        }
    }
}
