"""Shared fixtures: the known-answer vectors, and the real sandbox through the
`latipay_sandbox` pytest plugin (the fixture merchants use in their own suites)."""

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
from latipay_sandbox import Sandbox

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"

# The sandbox's demo merchant.
USER_ID = "U000334333"
WALLET_ID = "W00000001"
API_KEY = "111222333"

# Short timings so the end-to-end tests run in seconds: notifications retried
# every 100 ms, blocking queries held at most 2 s, barcode "pending" for 300 ms.
SANDBOX_OPTIONS: Dict[str, Any] = {"notify_interval_ms": 100, "block_timeout_secs": 2, "args": ["--barcode-pending-ms", "300"]}


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
def latipay_sandbox_options() -> Dict[str, Any]:
    """The plugin's session sandbox, with the suite's short timings."""
    return SANDBOX_OPTIONS


@pytest.fixture()
def sandbox(latipay_sandbox: Sandbox) -> Sandbox:
    """The plugin's `latipay_sandbox` under a shorter name."""
    return latipay_sandbox


@pytest.fixture()
def client(sandbox: Sandbox) -> latipay.Client:
    return latipay.Client(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url)


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
