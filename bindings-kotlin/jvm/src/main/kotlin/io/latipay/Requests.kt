// What a merchant sends, as data classes; from Java, through a builder or the overloaded
// constructors. Amounts are Strings (decimal text): a Double cannot hold money exactly.
package io.latipay

import io.latipay.internal.required

/**
 * A transaction to create: hosted (send the customer to `paymentUrl`) or, with
 * [merchantHosted], a QR code the POS shows itself. From Java: [CreateTransaction.builder].
 */
data class CreateTransaction @JvmOverloads constructor(
    /** The merchant's unique order reference. */
    val merchantReference: String,
    /** Decimal text with at most two decimals, e.g. `12.30`. */
    val amount: String,
    /** `alipay`, `wechat`, `unionpay`, `polipay`, `payid` … */
    val paymentMethod: String,
    /** What the customer sees. */
    val productName: String,
    /** Where Latipay sends the notification (http or https). */
    val callbackUrl: String,
    /** The customer's IPv4 address (the POS's for in-store payments). */
    val ip: String,
    /** Where the browser returns after paying; needed unless merchant-hosted. */
    val returnUrl: String? = null,
    /** Where the hosted page's back button leads. */
    val backPageUrl: String? = null,
    /** WeChat only: show the QR code on the hosted page. */
    val presentQr: Boolean = false,
    /** Fetch the QR code with gateway data and show it yourself. */
    val merchantHosted: Boolean = false,
) {
    /** Java's way to a [CreateTransaction]: set each field by name, then [build]. */
    class Builder internal constructor() {
        private var merchantReference: String? = null
        private var amount: String? = null
        private var paymentMethod: String? = null
        private var productName: String? = null
        private var callbackUrl: String? = null
        private var ip: String? = null
        private var returnUrl: String? = null
        private var backPageUrl: String? = null
        private var presentQr = false
        private var merchantHosted = false

        /** Sets [CreateTransaction.merchantReference] (required). */
        fun merchantReference(value: String) = apply { merchantReference = value }
        /** Sets [CreateTransaction.amount] (required). */
        fun amount(value: String) = apply { amount = value }
        /** Sets [CreateTransaction.paymentMethod] (required). */
        fun paymentMethod(value: String) = apply { paymentMethod = value }
        /** Sets [CreateTransaction.productName] (required). */
        fun productName(value: String) = apply { productName = value }
        /** Sets [CreateTransaction.callbackUrl] (required). */
        fun callbackUrl(value: String) = apply { callbackUrl = value }
        /** Sets [CreateTransaction.ip] (required). */
        fun ip(value: String) = apply { ip = value }
        /** Sets [CreateTransaction.returnUrl]. */
        fun returnUrl(value: String?) = apply { returnUrl = value }
        /** Sets [CreateTransaction.backPageUrl]. */
        fun backPageUrl(value: String?) = apply { backPageUrl = value }
        /** Sets [CreateTransaction.presentQr]. */
        fun presentQr(value: Boolean) = apply { presentQr = value }
        /** Sets [CreateTransaction.merchantHosted]. */
        fun merchantHosted(value: Boolean) = apply { merchantHosted = value }

        /**
         * The transaction; the values are checked when it is sent.
         *
         * @throws LatipayException.InvalidArgument naming a required field that was not set.
         */
        @Throws(LatipayException::class)
        fun build() = CreateTransaction(
            required(merchantReference, "merchant_reference"), required(amount, "amount"),
            required(paymentMethod, "payment_method"), required(productName, "product_name"),
            required(callbackUrl, "callback_url"), required(ip, "ip"),
            returnUrl, backPageUrl, presentQr, merchantHosted,
        )
    }

    /** The [Builder]. */
    companion object {
        /** A [Builder] with nothing set. */
        @JvmStatic fun builder() = Builder()
    }
}

/** A refund of a paid order, by Latipay's `orderId` (`payment.orderId`). */
data class Refund @JvmOverloads constructor(
    /** Latipay's transaction id of the paid order. */
    val orderId: String,
    /** Decimal text, at most what is left to refund. */
    val refundAmount: String,
    /** The merchant's note for the refund. */
    val reference: String? = null,
)

/** An in-store payment from the code a customer shows (scanned by the POS). */
data class BarcodePayment(
    /** The merchant's unique order reference. */
    val merchantReference: String,
    /** Decimal text, e.g. `8.50`. */
    val amount: String,
    /** The code scanned from the customer's WeChat or Alipay app. */
    val payCode: String,
)

/** The five fields Latipay signs in a notification (rule B), for [signOutcome]. */
data class OutcomeFields(
    /** The merchant's order reference. */
    val merchantReference: String,
    /** The payment method's wire value (`alipay`, `onlineBank` …). */
    val paymentMethod: String,
    /** The status's wire value (`paid`, `cancel_or_fail` …). */
    val status: String,
    /** The currency (`NZD`). */
    val currency: String,
    /** The amount as text (`120.00`). */
    val amount: String,
)
