// Hand-written: a verified payment or redirect held to the order the merchant
// stored, as a method of each (the rule is the core's `matchesOrder`).
package io.latipay

/**
 * Whether this payment is for the order you stored: the same reference and
 * currency, an amount worth the same (`"12.3"` is `"12.30"`), the same payment
 * method (or `onlineBank` for a `polipay` order). Check it before acting on a
 * notification or a query: a valid signature for another order or another
 * amount must not move this one.
 *
 * @throws LatipayException.InvalidArgument when `paymentMethod` or `amount` is not one the library accepts.
 */
@Throws(LatipayException::class)
fun Payment.matches(merchantReference: String, paymentMethod: String, currency: String, amount: String): Boolean =
    matchesOrder(
        OutcomeFields(this.merchantReference, this.paymentMethod, status, this.currency, this.amount),
        merchantReference, paymentMethod, currency, amount,
    )

/** Whether this redirect is about the order you stored (see [Payment.matches]); still for display only. */
@Throws(LatipayException::class)
fun Redirect.matches(merchantReference: String, paymentMethod: String, currency: String, amount: String): Boolean =
    matchesOrder(
        OutcomeFields(this.merchantReference, this.paymentMethod, status, this.currency, this.amount),
        merchantReference, paymentMethod, currency, amount,
    )
