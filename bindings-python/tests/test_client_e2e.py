"""Every Client operation over real HTTP against the sandbox binary, and every
kind of failure a merchant meets in production."""

from __future__ import annotations

import datetime
import decimal
import socket
import threading
import time
from typing import List

import pytest
from conftest import API_KEY, USER_ID, WALLET_ID, Merchant, eventually

import latipay
from latipay_sandbox import Sandbox

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
RETURN_URL = "https://shop.example/checkout/done"


def create(client: latipay.Client, merchant: Merchant, reference: str, **extra: object) -> latipay.CreatedTransaction:
    args: dict = dict(callback_url=merchant.callback_url, ip="122.122.122.1", return_url=RETURN_URL)
    args.update(extra)
    return client.create_transaction(reference, "12.30", "alipay", "Pinot Noir, Otago", **args)


def test_hosted_payment_from_create_to_verified_notification(
    client: latipay.Client, sandbox: Sandbox, merchant: Merchant, reference: str
) -> None:
    created = create(client, merchant, reference)
    assert created.payment_url == f"{created.host_url}/{created.nonce}"
    assert created.payment_url.startswith(sandbox.url)
    assert client.query(reference).status == "pending"

    sandbox.pay(reference)

    (notification,) = eventually(lambda: merchant.notifications_for(reference))
    assert (notification.status, notification.amount, notification.currency) == ("paid", "12.30", "NZD")
    assert notification.amount_matches("12.30") and notification.amount_matches(decimal.Decimal("12.3"))
    assert not notification.amount_matches("12.31")
    paid = client.query(reference)
    assert paid.status == "paid" and paid.order_id == notification.order_id
    assert paid.pay_time is not None and paid.pay_time.utcoffset() == datetime.timedelta(hours=8)
    assert latipay.transition("pending", paid.status) == "advance"
    # The handler records the notification before it answers; the sandbox records the answer after.
    eventually(lambda: [d["delivered"] for d in sandbox.notifications(reference)] == [True])


def test_merchant_hosted_qr_code_then_blocking_query(
    client: latipay.Client, sandbox: Sandbox, merchant: Merchant, reference: str
) -> None:
    created = client.create_transaction(
        reference, decimal.Decimal("8.00"), "wechat", "Flat white",
        callback_url=merchant.callback_url, ip="122.122.122.1", merchant_hosted=True,
    )
    gateway = client.gateway_data(created)
    assert (gateway.merchant_reference, gateway.amount, gateway.payment_method) == (reference, "8.00", "wechat")
    assert gateway.nonce == created.nonce
    assert gateway.qr_code_png().startswith(PNG_MAGIC)
    assert gateway.qr_code_url

    threading.Timer(0.3, sandbox.pay, (reference,)).start()
    paid = client.query(reference, block=True)
    assert paid.status == "paid"
    assert eventually(lambda: merchant.notifications_for(reference))[0].status == "paid"


def test_the_gil_is_released_while_a_blocking_query_waits(
    client: latipay.Client, sandbox: Sandbox, merchant: Merchant, reference: str
) -> None:
    create(client, merchant, reference)
    ticks: List[float] = []
    stop = threading.Event()

    def count() -> None:
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    counter = threading.Thread(target=count)
    counter.start()
    threading.Timer(1.0, sandbox.pay, (reference,)).start()
    started = time.monotonic()
    paid = client.query(reference, block=True)
    waited = time.monotonic() - started
    stop.set()
    counter.join()
    assert paid.status == "paid"
    assert waited >= 0.9, "the query blocked until the customer paid"
    during = [t for t in ticks if started < t < started + waited]
    assert len(during) >= 20, f"another Python thread ran only {len(during)} times while the query waited"


def test_refund_partly_then_too_much(client: latipay.Client, sandbox: Sandbox, merchant: Merchant, reference: str) -> None:
    create(client, merchant, reference)
    sandbox.pay(reference)
    order_id = client.query(reference).order_id
    assert order_id is not None
    assert client.refund(order_id, "2.30", reference="broken cork") is None
    assert client.refund(order_id, decimal.Decimal("5")) is None
    with pytest.raises(latipay.ApiError) as caught:
        client.refund(order_id, "5.01")
    assert caught.value.api_code == 550
    assert sandbox.control("GET", f"/_sandbox/orders/{reference}")["refunded"] == "7.30"


def test_cancel_a_pending_order(client: latipay.Client, merchant: Merchant, reference: str) -> None:
    create(client, merchant, reference)
    assert client.cancel(reference) is None
    assert client.query(reference).status == "canceled"


def test_cancel_a_paid_order_is_refused(client: latipay.Client, sandbox: Sandbox, merchant: Merchant, reference: str) -> None:
    create(client, merchant, reference)
    sandbox.pay(reference)
    with pytest.raises(latipay.ApiError) as caught:
        client.cancel(reference)
    assert caught.value.api_code == 900


def test_barcode_then_blocking_query(client: latipay.Client, reference: str) -> None:
    # The sandbox's convention: 13… is WeChat; a last digit 9 stays pending for a while.
    accepted = client.barcode(reference, "0.05", "134588558514585069")
    assert accepted.order_id
    payment = client.query(reference)
    if payment.status == "pending":
        payment = client.query(reference, block=True)
    assert (payment.status, payment.payment_method, payment.order_id) == ("paid", "wechat", accepted.order_id)


def test_declined_barcode(client: latipay.Client, reference: str) -> None:
    client.barcode(reference, "0.05", "134588558514585060")
    assert client.query(reference).status == "failed"


def test_unknown_order(client: latipay.Client) -> None:
    with pytest.raises(latipay.ApiError) as caught:
        client.query("never-created")
    assert caught.value.api_code == 201


def test_wrong_api_key_is_refused_by_latipay(sandbox: Sandbox) -> None:
    wrong = latipay.Client(USER_ID, WALLET_ID, "not-the-key", base_url=sandbox.url)
    with pytest.raises(latipay.ApiError) as caught:
        wrong.query("anything")
    assert caught.value.api_code == 206


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_nothing_listening_is_a_transport_error() -> None:
    client = latipay.Client(USER_ID, WALLET_ID, API_KEY, base_url=f"http://127.0.0.1:{free_port()}", max_retries=0)
    with pytest.raises(latipay.TransportError) as caught:
        client.cancel("order-1")
    assert caught.value.code == "transport"


def test_a_silent_server_is_a_timeout() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        client = latipay.Client(USER_ID, WALLET_ID, API_KEY, base_url=f"http://127.0.0.1:{port}", timeout=0.5)
        started = time.monotonic()
        with pytest.raises(latipay.TimeoutError):
            client.cancel("order-1")
        assert time.monotonic() - started < 5


def test_a_non_200_answer_is_an_http_status_error(merchant: Merchant) -> None:
    # The merchant's site answers GET with 501: not a Latipay.
    base = merchant.callback_url.rsplit("/latipay", 1)[0]
    client = latipay.Client(USER_ID, WALLET_ID, API_KEY, base_url=base, max_retries=0)
    with pytest.raises(latipay.HttpStatusError) as caught:
        client.query("order-1")
    assert caught.value.status == 501
    assert "?" not in caught.value.url, "the signed query string is not repeated"


def test_one_client_shared_by_many_threads(client: latipay.Client, merchant: Merchant) -> None:
    references = [f"py-threads-{time.monotonic_ns()}-{i}" for i in range(8)]
    errors: List[BaseException] = []

    def work(reference: str) -> None:
        try:
            create(client, merchant, reference)
            for _ in range(5):
                assert client.query(reference).merchant_reference == reference
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(r,)) for r in references]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
