// The README's Java notification handler (see Payments.java).
package com.example.shop;

import io.latipay.*;

/** Latipay's notifications, as a Java back end handles them. */
public final class Notifications {
    /** An order as stored before Latipay heard of it (your database's row). */
    public static final class Order {
        final String reference, paymentMethod, currency, amount;
        String status = "pending";

        public Order(String reference, String paymentMethod, String currency, String amount) {
            this.reference = reference;
            this.paymentMethod = paymentMethod;
            this.currency = currency;
            this.amount = amount;
        }

        public String status() {
            return status;
        }
    }

    /** rawBody: the request body exactly as received. Answer HTTP 200 with the text returned. */
    public static String onNotification(byte[] rawBody, Order order, String apiKey) throws LatipayException {
        Payment payment = Latipay.verifyNotification(rawBody, apiKey); // LatipayException.InvalidSignature if forged
        // Signed by Latipay, but is it this order, in full? Another order's or amount's payment must not move it.
        if (payment.matches(order.reference, order.paymentMethod, order.currency, order.amount)
                && Latipay.transition(order.status, payment.getStatus()) == Transition.ADVANCE) {
            order.status = payment.getStatus();
        }
        return Latipay.NOTIFICATION_ACK; // exactly "sent", or Latipay retries
    }

    private Notifications() {}
}
