"""The shop's payment flow against the sandbox: the `latipay_sandbox` fixture
plays Latipay (it notifies the shop's live server over HTTP), pytest-django
plays the rest. Every test sees a reset sandbox and an empty database."""

from __future__ import annotations

import time
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict

import pytest
from django.contrib.auth.models import User
from django.test import Client
from latipay_sandbox import Sandbox
from payments.models import Order
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

import latipay


@pytest.fixture()
def shop(live_server: LiveServer, latipay_sandbox: Sandbox, settings: Settings) -> LiveServer:
    """The shop on a live server, its Latipay account the sandbox's merchant."""
    merchant = latipay_sandbox.merchant
    settings.LATIPAY = {
        "BASE_URL": latipay_sandbox.url, "USER_ID": merchant.user_id, "WALLET_ID": merchant.wallet_id,
        "API_KEY": merchant.api_key, "CURRENCY": merchant.currency, "PUBLIC_URL": live_server.url,
    }
    return live_server


@pytest.fixture()
def customer(client: Client, django_user_model: type[User]) -> Client:
    """A logged-in customer (the shop requires a login everywhere but the notification)."""
    client.force_login(django_user_model.objects.create_user("kiri"))
    return client


def eventually(check: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Polls `check` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while not (result := check()):
        assert time.monotonic() < deadline, f"not true within {timeout} s"
        time.sleep(0.05)
    return result


def status_of(reference: str) -> str:
    return Order.objects.get(merchant_reference=reference).status


def test_a_paid_order_is_marked_paid_by_latipays_notification(shop: LiveServer, customer: Client, latipay_sandbox: Sandbox) -> None:
    answer = customer.post("/checkout/order-1")
    assert answer.status_code == 302 and answer["Location"].startswith(latipay_sandbox.url)
    assert status_of("order-1") == "pending"

    latipay_sandbox.pay("order-1")

    eventually(lambda: status_of("order-1") == "paid")
    (delivery,) = eventually(lambda: [n for n in latipay_sandbox.notifications("order-1") if n["delivered"]])
    assert delivery["attempts"][-1]["outcome"] == "sent"


def test_the_notification_passes_csrf_and_the_login_requirement(
    shop: LiveServer, customer: Client, latipay_sandbox: Sandbox, settings: Settings
) -> None:
    customer.post("/checkout/order-2")
    latipay_sandbox.pay("order-2")
    (delivery,) = eventually(lambda: [n for n in latipay_sandbox.notifications("order-2") if n["delivered"]])
    # Latipay has neither a CSRF token nor a session: the view is exempt from both.
    latipay_side = Client(enforce_csrf_checks=True)
    answer = latipay_side.post("/latipay/notify", delivery["body"], content_type="application/x-www-form-urlencoded")
    assert (answer.status_code, answer.content.decode()) == (200, latipay.NOTIFICATION_ACK)
    # Every other view keeps both.
    assert latipay_side.post("/checkout/order-3").status_code in (302, 403)
    assert Client().get("/orders/order-2").status_code == 302


def sign(fields: Dict[str, str], api_key: str) -> bytes:
    signature = latipay.signature.sign_outcome(api_key=api_key, **fields)
    return urllib.parse.urlencode({**fields, "signature": signature}).encode()


@pytest.mark.parametrize("other", [{"amount": "0.01"}, {"currency": "AUD"}, {"payment_method": "wechat"}])
def test_a_signed_notification_for_something_else_is_acknowledged_and_flagged(
    shop: LiveServer, customer: Client, latipay_sandbox: Sandbox, other: Dict[str, str]
) -> None:
    customer.post("/checkout/order-4")
    fields = {"merchant_reference": "order-4", "payment_method": "alipay", "status": "paid", "currency": "NZD",
              "amount": "12.30", **other}
    answer = Client().post("/latipay/notify", sign(fields, latipay_sandbox.merchant.api_key),
                           content_type="application/x-www-form-urlencoded")
    assert answer.content.decode() == latipay.NOTIFICATION_ACK
    order = Order.objects.get(merchant_reference="order-4")
    assert (order.status, order.needs_review) == ("pending", True)


def test_a_forged_notification_is_rejected(shop: LiveServer, customer: Client) -> None:
    customer.post("/checkout/order-5")
    fields = {"merchant_reference": "order-5", "payment_method": "alipay", "status": "paid", "currency": "NZD",
              "amount": "12.30"}
    answer = Client().post("/latipay/notify", sign(fields, "not-the-key"), content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 400
    assert status_of("order-5") == "pending"


def test_an_unsigned_order_id_added_to_a_paid_redirect_changes_nothing(
    shop: LiveServer, customer: Client, latipay_sandbox: Sandbox
) -> None:
    # The customer holds a signed "paid" (the redirect back to the shop) before Latipay notifies.
    customer.post("/checkout/order-9")
    fields = {"merchant_reference": "order-9", "payment_method": "alipay", "status": "paid", "currency": "NZD",
              "amount": "12.30"}
    body = sign(fields, latipay_sandbox.merchant.api_key) + b"&order_id=2026120100009999"
    answer = Client().post("/latipay/notify", body, content_type="application/x-www-form-urlencoded")
    assert answer.content.decode() == latipay.NOTIFICATION_ACK
    assert status_of("order-9") == "paid"  # what is signed holds
    assert "order_id" not in customer.get("/orders/order-9").json()  # what is not is never stored


def test_a_replayed_or_late_notification_changes_nothing(shop: LiveServer, customer: Client, latipay_sandbox: Sandbox) -> None:
    customer.post("/checkout/order-6")
    latipay_sandbox.pay("order-6")
    (delivery,) = eventually(lambda: [n for n in latipay_sandbox.notifications("order-6") if n["delivered"]])
    failed = {"merchant_reference": "order-6", "payment_method": "alipay", "status": "failed", "currency": "NZD",
              "amount": "12.30"}
    for body in (delivery["body"].encode(), sign(failed, latipay_sandbox.merchant.api_key)):
        answer = Client().post("/latipay/notify", body, content_type="application/x-www-form-urlencoded")
        assert answer.content.decode() == latipay.NOTIFICATION_ACK
    assert status_of("order-6") == "paid"


def test_the_return_page_shows_a_verified_redirect_and_refuses_a_tampered_one(
    shop: LiveServer, customer: Client, latipay_sandbox: Sandbox
) -> None:
    customer.post("/checkout/order-7")
    latipay_sandbox.pay("order-7")
    back = latipay.signature.sign_outcome(api_key=latipay_sandbox.merchant.api_key, merchant_reference="order-7",
                                          payment_method="alipay", status="paid", currency="NZD", amount="12.30")
    query = urllib.parse.urlencode({"merchant_reference": "order-7", "payment_method": "alipay", "status": "paid",
                                    "currency": "NZD", "amount": "12.30", "signature": back})
    shown = customer.get(f"/latipay/return?{query}")
    assert shown.content.decode() == "Payment paid for order order-7 (NZD 12.30)."
    assert customer.get(f"/latipay/return?{query.replace('12.30', '0.01')}").status_code == 400


def test_latipay_refusing_the_order_leaves_no_order_behind(shop: LiveServer, customer: Client, latipay_sandbox: Sandbox) -> None:
    latipay_sandbox.faults(path="/v2/transaction", method="POST", fault="status", status=503, times=10)
    assert customer.post("/checkout/order-8").status_code == 502
    assert not Order.objects.filter(merchant_reference="order-8").exists()
