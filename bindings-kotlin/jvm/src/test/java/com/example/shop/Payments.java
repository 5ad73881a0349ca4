// The Java examples of bindings-kotlin/README.md, written here exactly as there (JavaApiTest checks
// it), compiled, and run against the sandbox: a user's own package sees only the public API.
package com.example.shop;

import io.latipay.*;

/** A Java back end's link to Latipay: one per merchant account, for the app's lifetime. */
public final class Payments implements AutoCloseable {
    private final LatipayClient client;

    public Payments(String baseUrl) throws LatipayException {
        ClientConfig config = ClientConfig.builder()
                .userId("U000334333").walletId("W00000001").apiKey(new ApiKey("111222333"))
                .baseUrl(baseUrl) // the sandbox's URL; null for production
                .timeoutMs(20_000)
                .build();
        this.client = new LatipayClient(config);
    }

    /** Creates a hosted transaction: send the customer's browser to the URL returned. */
    public String checkout(String reference, String amount, String callbackUrl) throws LatipayException {
        CreateTransaction order = CreateTransaction.builder()
                .merchantReference(reference).amount(amount).paymentMethod("alipay")
                .productName("Pinot Noir, Otago").callbackUrl(callbackUrl).ip("122.122.122.1")
                .returnUrl("https://shop.example/return")
                .build();
        return client.createTransaction(order).getPaymentUrl();
    }

    /** The order's verified state; query(reference, true) waits while it is pending. */
    public Payment status(String reference) throws LatipayException {
        return client.query(reference);
    }

    /** Refunds go by Latipay's order id; more than is left is LatipayException.Api (550). */
    public void refund(Payment paid, String amount) throws LatipayException {
        client.refund(new Refund(paid.getOrderId(), amount));
    }

    @Override
    public void close() {
        client.close();
    }
}
