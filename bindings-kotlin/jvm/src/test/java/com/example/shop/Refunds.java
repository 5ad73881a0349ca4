// The README's Java error handling (see Payments.java).
package com.example.shop;

import io.latipay.*;

/** Refunds, with each failure told apart. */
public final class Refunds {
    /** Every failure is a LatipayException: the subclass carries the details, getCode() the stable code. */
    public static String refundOrExplain(Payments payments, Payment paid, String amount) {
        try {
            payments.refund(paid, amount);
            return "refunded";
        } catch (LatipayException.Api e) {
            return e.getApiCode() == 550L ? "more than is left to refund" : "Latipay said " + e.getApiMessage();
        } catch (LatipayException e) {
            return e.getCode(); // "timeout", "transport" …: query before trying again
        }
    }

    private Refunds() {}
}
