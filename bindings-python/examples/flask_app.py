"""A Flask shop taking Latipay payments with the `latipay` package.

Run it against the local sandbox (`cargo run --locked -p latipay-sandbox` prints its
URL), from ``bindings-python/``, after ``pip install flask``::

    LATIPAY_BASE_URL=http://127.0.0.1:8450 python examples/flask_app.py

then ``curl -i -X POST http://127.0.0.1:5000/checkout/order-1001`` and open the
``Location`` it answers (or ``curl -X POST http://127.0.0.1:8450/_sandbox/orders/order-1001/pay``). The three routes a merchant needs:

* ``POST /checkout/<reference>``: create the transaction, send the customer to pay;
* ``POST /latipay/notify``: the notification, verified on the **raw body**, held to
  the stored order (reference, method, currency, amount), applied forward-only,
  answered with exactly ``sent``;
* ``GET /latipay/return``: the browser coming back; verified, shown, never acted on.
"""

from __future__ import annotations

import os
import threading
from typing import Dict

from flask import Flask, abort, jsonify, redirect, request
from flask.typing import ResponseReturnValue

import latipay

#: The currency of the Latipay wallet payments go to (the sandbox's demo wallet: NZD).
CURRENCY = os.environ.get("LATIPAY_CURRENCY", "NZD")


def create_app(client: latipay.Client, api_key: str, public_url: str) -> Flask:
    """The shop; `public_url` is where Latipay and browsers reach it."""
    app = Flask(__name__)
    # A notification is a few hundred bytes and the callback URL is public:
    # refuse big bodies before they are read (the library refuses over 64 KiB too).
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    orders: Dict[str, Dict[str, str]] = {}  # your database
    lock = threading.Lock()

    @app.post("/checkout/<reference>")
    def checkout(reference: str) -> ResponseReturnValue:
        # What is ordered is stored before Latipay hears of it: the notification
        # is held against it. Money is text (or decimal.Decimal), never a float.
        order = {"payment_method": "alipay", "currency": CURRENCY, "amount": "12.30", "status": "pending"}
        with lock:
            if reference in orders:
                return "this order was already started", 409
            orders[reference] = order
        try:
            created = client.create_transaction(
                reference,
                order["amount"],
                order["payment_method"],
                "Pinot Noir, Otago",
                callback_url=f"{public_url}/latipay/notify",
                return_url=f"{public_url}/latipay/return",
                ip=request.remote_addr or "127.0.0.1",  # Latipay wants the customer's IPv4
            )
        except latipay.LatipayError as error:
            app.logger.error("could not start the payment of %s: %s (%s)", reference, error, error.code)
            with lock:
                del orders[reference]
            return "the payment could not be started", 502
        return redirect(created.payment_url, code=303)

    @app.post("/latipay/notify")
    def notify() -> ResponseReturnValue:
        body = request.get_data()  # the raw bytes, exactly as Latipay sent them
        try:
            notification = latipay.verify_notification(body, api_key)
        except latipay.LatipayError as error:  # forged, tampered or malformed
            app.logger.warning("rejected a notification: %s (%s)", error, error.code)
            return "rejected", 400
        reference = notification.merchant_reference
        with lock:
            order = orders.get(reference)
            if order is None:
                return "unknown order", 400  # Latipay will try again later
            # A valid signature proves Latipay sent it, not that it pays this order
            # in full: hold it to what was stored before anything changes.
            if not notification.matches(reference, order["payment_method"], order["currency"], order["amount"]):
                app.logger.error("order %s: paid %s %s by %s, not what was ordered: needs review", reference,
                                 notification.currency, notification.amount, notification.payment_method)
                return latipay.NOTIFICATION_ACK, 200, {"Content-Type": "text/plain"}
            # Retries, replays and late arrivals are normal: only a forward move changes the order.
            move = latipay.transition(order["status"], notification.status)
            if move == "advance":
                order["status"] = notification.status
            elif move == "conflict":  # e.g. failed -> paid: a person should look
                app.logger.warning("order %s: %s -> %s needs review", reference, order["status"],
                                   notification.status)
        return latipay.NOTIFICATION_ACK, 200, {"Content-Type": "text/plain"}

    @app.get("/latipay/return")
    def returned() -> ResponseReturnValue:
        try:
            shown = latipay.verify_redirect(request.query_string.decode("utf-8", "replace"), api_key)
        except latipay.LatipayError:
            abort(400)
        # For display only: the order is fulfilled by the notification (or a query).
        page = f"Payment {shown.status} for order {shown.merchant_reference} ({shown.currency} {shown.amount})."
        return page, 200, {"Content-Type": "text/plain; charset=utf-8"}

    @app.get("/orders/<reference>")
    def order_status(reference: str) -> ResponseReturnValue:
        with lock:
            order = orders.get(reference)
        return jsonify(order) if order else ("no such order", 404)

    return app


if __name__ == "__main__":
    # Without LATIPAY_API_KEY the sandbox's demo merchant is used, and only on loopback:
    # a public demo key must never guard a real shop.
    base_url = os.environ.get("LATIPAY_BASE_URL", "http://127.0.0.1:8450")
    api_key = os.environ.get("LATIPAY_API_KEY", "")
    if not api_key:
        if not base_url.startswith("http://127.0.0.1:"):
            raise SystemExit("set LATIPAY_API_KEY (and LATIPAY_USER_ID, LATIPAY_WALLET_ID)")
        api_key = "111222333"
    client = latipay.Client(
        os.environ.get("LATIPAY_USER_ID", "U000334333"),
        os.environ.get("LATIPAY_WALLET_ID", "W00000001"),
        api_key,
        base_url=base_url,
    )
    port = int(os.environ.get("PORT", "5000"))
    create_app(client, api_key, f"http://127.0.0.1:{port}").run(port=port)
