"""Shared fixtures: the known-answer vectors, and the real sandbox binary on a
free loopback port (the same `latipay-sandbox` every suite uses)."""

from __future__ import annotations

import http.server
import json
import os
import ssl
import subprocess
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest

import latipay

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"
SANDBOX_BIN = Path(os.environ.get("LATIPAY_SANDBOX_BIN", REPO / "target" / "debug" / "latipay-sandbox"))

# The sandbox's demo merchant.
USER_ID = "U000334333"
WALLET_ID = "W00000001"
API_KEY = "111222333"

# Short timings so the end-to-end tests run in seconds: notifications retried
# every 100 ms, blocking queries held at most 2 s, barcode "pending" for 300 ms.
SANDBOX_FLAGS = ["--notify-interval-ms", "100", "--block-timeout-secs", "2", "--barcode-pending-ms", "300"]


def load_vectors(name: str) -> Dict[str, Any]:
    """One file of tests/vectors, the known answers every language shares."""
    with open(VECTORS / name, encoding="utf-8") as f:
        data: Dict[str, Any] = json.load(f)
    return data


def cases(name: str, key: str = "cases") -> List[Any]:
    """The cases of one vector file as pytest params, each named after its case."""
    items = load_vectors(name)[key]
    assert items, f"{name}: `{key}` is empty"
    return [pytest.param(c, id=c.get("name") or c.get("text") or f"{c.get('from')}->{c.get('to')}") for c in items]


class Sandbox:
    """A running `latipay-sandbox --port 0` (with `--tls`, over HTTPS), with
    helpers for its control API."""

    def __init__(self, *extra: str) -> None:
        if not SANDBOX_BIN.exists():
            raise RuntimeError(
                f"{SANDBOX_BIN} is missing: run `cargo build -p latipay-sandbox` (make test does) "
                "or set LATIPAY_SANDBOX_BIN"
            )
        self.process = subprocess.Popen(
            [str(SANDBOX_BIN), "--port", "0", *SANDBOX_FLAGS, *extra],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.base_url = self.process.stdout.readline().strip()
        #: With --tls: the sandbox's certificate (PEM), and a context trusting it.
        self.certificate_pem: Optional[str] = None
        self.ssl_context: Optional[ssl.SSLContext] = None
        if "--tls" in extra:
            self.certificate_pem = Path(self.process.stdout.readline().strip()).read_text()
            self.ssl_context = ssl.create_default_context(cadata=self.certificate_pem)
        if not self.base_url.startswith(("http://127.0.0.1:", "https://127.0.0.1:")):
            self.stop()
            raise RuntimeError(f"the sandbox did not print its base URL (got {self.base_url!r})")
        # Keep reading its log so that a full pipe never blocks it.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def control(self, method: str, path: str, body: Any = None) -> Any:
        """Calls the control API (`/_sandbox/...`), with `body` as JSON, and returns its JSON."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=10, context=self.ssl_context) as answer:
            return json.loads(answer.read())

    def customer(self, action: str, merchant_reference: str) -> Any:
        """Acts as the customer on a pending order: `pay`, `fail` or `cancel`."""
        return self.control("POST", f"/_sandbox/orders/{merchant_reference}/{action}")

    def deliveries(self, merchant_reference: str) -> List[Any]:
        """Every notification the sandbox sent for one order, with its attempts."""
        every = self.control("GET", "/_sandbox/notifications")["notifications"]
        return [n for n in every if n.get("merchant_reference") == merchant_reference]


class Merchant:
    """A merchant web site on loopback that keeps every notification's raw body
    and answers `sent`, as a correct handler does."""

    def __init__(self) -> None:
        self.bodies: List[bytes] = []
        received = self.bodies

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
                length = int(self.headers.get("Content-Length", "0"))
                received.append(self.rfile.read(length))
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(latipay.NOTIFICATION_ACK.encode())

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.callback_url = f"http://127.0.0.1:{self.server.server_address[1]}/latipay/notify"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def notifications_for(self, merchant_reference: str) -> List[latipay.Payment]:
        """The notifications received so far for one order, verified."""
        verified = [latipay.verify_notification(body, API_KEY) for body in list(self.bodies)]
        return [n for n in verified if n.merchant_reference == merchant_reference]


@pytest.fixture(scope="session")
def merchant() -> Iterator[Merchant]:
    site = Merchant()
    yield site
    site.server.shutdown()


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    running = Sandbox()
    yield running
    running.stop()


@pytest.fixture()
def client(sandbox: Sandbox) -> latipay.Client:
    return latipay.Client(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.base_url)


@pytest.fixture()
def reference() -> str:
    """A fresh merchant_reference, so tests never share an order."""
    return "py-" + uuid.uuid4().hex[:16]


def eventually(check: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Polls `check` until it returns something truthy, or fails after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout} s: {check}")
        time.sleep(0.05)
