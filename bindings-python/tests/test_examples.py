"""The Flask and FastAPI examples, run as real servers on loopback: a customer
pays on the sandbox's hosted page (the `latipay_sandbox` fixture), the sandbox notifies the shop's handler over
HTTP, the handler verifies the raw body and answers `sent`."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Dict, Iterator, Tuple

import pytest
import uvicorn
from conftest import API_KEY, USER_ID, WALLET_ID, eventually
from latipay_sandbox import Sandbox
from werkzeug.serving import make_server

import latipay

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load_example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


BROWSER = urllib.request.build_opener(NoRedirects)


def fetch(url: str, form: Any = None) -> Tuple[int, str, str]:
    """One browser request, redirects not followed: (status, Location, body)."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with BROWSER.open(urllib.request.Request(url, data=data, method="POST" if data is not None else "GET"), timeout=10) as r:
            return r.status, r.headers.get("Location", ""), r.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers.get("Location", ""), answer.read().decode()


def listening_socket() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def serve_flask(app: Any, sock: socket.socket) -> Callable[[], None]:
    server = make_server("127.0.0.1", sock.getsockname()[1], app, threaded=True, fd=sock.fileno())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.shutdown


def serve_fastapi(app: Any, sock: socket.socket) -> Callable[[], None]:
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    eventually(lambda: server.started)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return stop


class Shop:
    """One example app, served on a free port, talking to the sandbox."""

    def __init__(self, example: str, latipay_sandbox: Sandbox) -> None:
        sock = listening_socket()
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        kind = latipay.Client if example == "flask_app" else latipay.AsyncClient
        client = kind(USER_ID, WALLET_ID, API_KEY, base_url=latipay_sandbox.url)
        app = load_example(example).create_app(client, API_KEY, self.url)
        serve = serve_flask if example == "flask_app" else serve_fastapi
        self.stop = serve(app, sock)

    def order(self, reference: str) -> Any:
        status, _, body = fetch(f"{self.url}/orders/{reference}")
        return json.loads(body) if status == 200 else None


@pytest.fixture(params=["flask_app", "fastapi_app"])
def shop(request: Any, latipay_sandbox: Sandbox) -> Iterator[Shop]:
    running = Shop(request.param, latipay_sandbox)
    yield running
    running.stop()


def customer_presses(payment_url: str, action: str) -> str:
    """Opens the hosted page, presses a button; returns where the browser is sent."""
    status, checkout, _ = fetch(payment_url)
    assert status == 303, "the payment URL leads to a checkout page"
    base = payment_url.split("/pay/")[0]
    status, back, page = fetch(base + checkout, {"action": action})
    assert status == 303, page
    return back


def test_a_customer_pays_and_the_shop_handler_verifies_the_notification(shop: Shop, latipay_sandbox: Sandbox, reference: str) -> None:
    status, payment_url, _ = fetch(f"{shop.url}/checkout/{reference}", form={})
    assert status == 303 and payment_url.startswith(latipay_sandbox.url)
    assert shop.order(reference) == {"payment_method": "alipay", "currency": "NZD", "amount": "12.30",
                                     "status": "pending"}

    back = customer_presses(payment_url, "pay")

    assert back.startswith(f"{shop.url}/latipay/return?")
    status, _, page = fetch(back)
    assert status == 200 and f"Payment paid for order {reference} (NZD 12.30)." in page
    eventually(lambda: shop.order(reference)["status"] == "paid")
    # The shop stores the order before it answers; the sandbox records the answer after.
    eventually(lambda: [d["delivered"] for d in latipay_sandbox.notifications(reference)] == [True])
    (delivery,) = latipay_sandbox.notifications(reference)
    assert [a["outcome"] for a in delivery["attempts"]] == ["sent"]


def test_the_handler_rejects_a_forged_notification(shop: Shop, latipay_sandbox: Sandbox, reference: str) -> None:
    fetch(f"{shop.url}/checkout/{reference}", form={})
    forged = {
        "merchant_reference": reference, "payment_method": "alipay", "status": "paid",
        "currency": "NZD", "amount": "12.30", "signature": "0" * 64,
    }
    status, _, _ = fetch(f"{shop.url}/latipay/notify", forged)
    assert status == 400
    assert shop.order(reference)["status"] == "pending"


@pytest.mark.parametrize(
    "paid",
    [
        {"amount": "0.01"},
        {"currency": "AUD"},
        {"payment_method": "wechat"},
    ],
    ids=["another amount", "another currency", "another method"],
)
def test_a_signed_notification_for_something_else_is_acknowledged_and_changes_nothing(
    shop: Shop, latipay_sandbox: Sandbox, reference: str, paid: Dict[str, str]
) -> None:
    fetch(f"{shop.url}/checkout/{reference}", form={})
    fields = {"merchant_reference": reference, "payment_method": "alipay", "status": "paid", "currency": "NZD",
              "amount": "12.30", **paid}
    signature = latipay.signature.sign_outcome(api_key=API_KEY, **fields)
    body = urllib.parse.urlencode({**fields, "signature": signature}).encode()
    notify = urllib.request.Request(f"{shop.url}/latipay/notify", data=body, method="POST")
    notify.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(notify, timeout=10) as answer:
        assert answer.read().decode() == latipay.NOTIFICATION_ACK
    assert shop.order(reference)["status"] == "pending"


def test_a_huge_notification_is_refused_before_it_is_read(shop: Shop) -> None:
    notify = urllib.request.Request(f"{shop.url}/latipay/notify", data=b"a=1&" * 50_000, method="POST")
    notify.add_header("Content-Type", "application/x-www-form-urlencoded")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(notify, timeout=10)
    assert caught.value.code == 413


def test_the_return_page_rejects_a_tampered_redirect(shop: Shop, latipay_sandbox: Sandbox, reference: str) -> None:
    status, payment_url, _ = fetch(f"{shop.url}/checkout/{reference}", form={})
    back = customer_presses(payment_url, "pay")
    status, _, _ = fetch(back.replace("amount=12.30", "amount=0.01"))
    assert status == 400


def test_a_second_checkout_of_the_same_order_is_refused(shop: Shop, latipay_sandbox: Sandbox, reference: str) -> None:
    status, payment_url, _ = fetch(f"{shop.url}/checkout/{reference}", form={})
    customer_presses(payment_url, "pay")
    eventually(lambda: shop.order(reference)["status"] == "paid")
    status, _, _ = fetch(f"{shop.url}/checkout/{reference}", form={})
    assert status == 409
    assert shop.order(reference)["status"] == "paid"


def test_a_replayed_notification_is_acknowledged_and_changes_nothing(shop: Shop, latipay_sandbox: Sandbox, reference: str) -> None:
    status, payment_url, _ = fetch(f"{shop.url}/checkout/{reference}", form={})
    customer_presses(payment_url, "pay")
    eventually(lambda: shop.order(reference)["status"] == "paid")
    (delivery,) = latipay_sandbox.notifications(reference)
    replay = urllib.request.Request(f"{shop.url}/latipay/notify", data=delivery["body"].encode(), method="POST")
    replay.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(replay, timeout=10) as answer:
        assert answer.read().decode() == latipay.NOTIFICATION_ACK
    assert shop.order(reference)["status"] == "paid"


def answers(url: str) -> bool:
    try:
        fetch(url)
        return True
    except OSError:
        return False


@pytest.mark.parametrize("example", ["flask_app", "fastapi_app"])
def test_the_example_runs_as_its_docstring_says(example: str, latipay_sandbox: Sandbox, reference: str) -> None:
    """`LATIPAY_BASE_URL=… python examples/<example>.py`, with no api_key set: the
    the sandbox's demo merchant, end to end."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LATIPAY_")}
    env.update(LATIPAY_BASE_URL=latipay_sandbox.url, PORT=str(port))
    process = subprocess.Popen(
        [sys.executable, str(EXAMPLES / f"{example}.py")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    shop = f"http://127.0.0.1:{port}"
    try:
        eventually(lambda: answers(f"{shop}/orders/none"), timeout=30)
        status, payment_url, _ = fetch(f"{shop}/checkout/{reference}", form={})
        assert status == 303
        status, _, page = fetch(customer_presses(payment_url, "pay"))
        assert status == 200 and "Payment paid" in page
        eventually(lambda: json.loads(fetch(f"{shop}/orders/{reference}")[2])["status"] == "paid")
    finally:
        process.terminate()
        process.wait(timeout=10)
