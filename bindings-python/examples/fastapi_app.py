"""A FastAPI shop taking Latipay payments with the `latipay` package.

Run it against the local sandbox (`cargo run --locked -p latipay-sandbox` prints its
URL), from ``bindings-python/``, after ``pip install fastapi uvicorn httpx``::

    LATIPAY_BASE_URL=http://127.0.0.1:8450 python examples/fastapi_app.py   # port 8000

The same three routes as the Flask example. It uses ``latipay.AsyncClient``
(``pip install "latipay[async]"``): the route that calls Latipay awaits it on
the event loop, holding no thread while Latipay answers; the notification
handler reads the raw body as it arrives.
"""

from __future__ import annotations

import logging
import os
import threading
from contextlib import asynccontextmanager
from typing import AsyncIterator, Dict, Optional

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

import latipay

log = logging.getLogger("shop")

#: The currency of the Latipay wallet payments go to (the sandbox's demo wallet: NZD).
CURRENCY = os.environ.get("LATIPAY_CURRENCY", "NZD")


async def read_at_most(request: Request, limit: int) -> Optional[bytes]:
    """The raw request body, or None once it is longer than `limit` (read no further)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def create_app(client: latipay.AsyncClient, api_key: str, public_url: str) -> FastAPI:
    """The shop; `public_url` is where Latipay and browsers reach it. The app
    closes the client's connections when it shuts down."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with client:
            yield

    app = FastAPI(lifespan=lifespan)
    orders: Dict[str, Dict[str, str]] = {}  # your database
    lock = threading.Lock()

    @app.post("/checkout/{reference}")
    async def checkout(reference: str, request: Request) -> Response:
        # What is ordered is stored before Latipay hears of it: the notification
        # is held against it. Money is text (or decimal.Decimal), never a float.
        order = {"payment_method": "alipay", "currency": CURRENCY, "amount": "12.30", "status": "pending"}
        with lock:
            if reference in orders:
                return PlainTextResponse("this order was already started", status_code=409)
            orders[reference] = order
        try:
            created = await client.create_transaction(
                reference,
                order["amount"],
                order["payment_method"],
                "Pinot Noir, Otago",
                callback_url=f"{public_url}/latipay/notify",
                return_url=f"{public_url}/latipay/return",
                ip=request.client.host if request.client else "127.0.0.1",  # the customer's IPv4
            )
        except latipay.LatipayError as error:
            log.error("could not start the payment of %s: %s (%s)", reference, error, error.code)
            with lock:
                del orders[reference]
            return PlainTextResponse("the payment could not be started", status_code=502)
        return RedirectResponse(created.payment_url, status_code=303)

    @app.post("/latipay/notify")
    async def notify(request: Request) -> PlainTextResponse:
        body = await read_at_most(request, 64 * 1024)  # the raw bytes, exactly as Latipay sent them
        if body is None:  # a notification is a few hundred bytes, and the callback URL is public
            return PlainTextResponse("too large", status_code=413)
        try:
            notification = latipay.verify_notification(body, api_key)
        except latipay.LatipayError:  # forged, tampered or malformed
            return PlainTextResponse("rejected", status_code=400)
        reference = notification.merchant_reference
        with lock:
            order = orders.get(reference)
            if order is None:
                return PlainTextResponse("unknown order", status_code=400)  # Latipay will try again later
            # A valid signature proves Latipay sent it, not that it pays this order
            # in full: hold it to what was stored before anything changes.
            if not notification.matches(reference, order["payment_method"], order["currency"], order["amount"]):
                log.error("order %s: paid %s %s by %s, not what was ordered: needs review", reference,
                          notification.currency, notification.amount, notification.payment_method)
                return PlainTextResponse(latipay.NOTIFICATION_ACK)
            # Retries, replays and late arrivals are normal: only a forward move changes the order.
            move = latipay.transition(order["status"], notification.status)
            if move == "advance":
                order["status"] = notification.status
            elif move == "conflict":  # e.g. failed -> paid: a person should look
                log.warning("order %s: %s -> %s needs review", reference, order["status"], notification.status)
        return PlainTextResponse(latipay.NOTIFICATION_ACK)

    @app.get("/latipay/return")
    def returned(request: Request) -> PlainTextResponse:
        raw_query = request.scope["query_string"].decode("utf-8", "replace")  # as the browser sent it
        try:
            shown = latipay.verify_redirect(raw_query, api_key)
        except latipay.LatipayError:
            raise HTTPException(status_code=400)
        # For display only: the order is fulfilled by the notification (or a query).
        return PlainTextResponse(
            f"Payment {shown.status} for order {shown.merchant_reference} ({shown.currency} {shown.amount})."
        )

    @app.get("/orders/{reference}")
    def order_status(reference: str) -> Dict[str, str]:
        with lock:
            order = orders.get(reference)
        if order is None:
            raise HTTPException(status_code=404)
        return dict(order)

    return app


if __name__ == "__main__":
    import uvicorn

    logging.basicConfig(level=logging.INFO)
    # Without LATIPAY_API_KEY the sandbox's demo merchant is used, and only on loopback:
    # a public demo key must never guard a real shop.
    base_url = os.environ.get("LATIPAY_BASE_URL", "http://127.0.0.1:8450")
    api_key = os.environ.get("LATIPAY_API_KEY", "")
    if not api_key:
        if not base_url.startswith("http://127.0.0.1:"):
            raise SystemExit("set LATIPAY_API_KEY (and LATIPAY_USER_ID, LATIPAY_WALLET_ID)")
        api_key = "111222333"
    client = latipay.AsyncClient(
        os.environ.get("LATIPAY_USER_ID", "U000334333"),
        os.environ.get("LATIPAY_WALLET_ID", "W00000001"),
        api_key,
        base_url=base_url,
    )
    port = int(os.environ.get("PORT", "8000"))
    uvicorn.run(create_app(client, api_key, f"http://127.0.0.1:{port}"), port=port)
