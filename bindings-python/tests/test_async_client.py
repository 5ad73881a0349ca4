"""AsyncClient over httpx against the real sandbox; the network options and
the attempt log of both clients."""

from __future__ import annotations

import asyncio
import logging
import select
import socket
import threading
from typing import Any, Iterator, List, Tuple

import pytest

import latipay
import latipay._async
from latipay_sandbox import Sandbox
from conftest import API_KEY, USER_ID, WALLET_ID, Merchant


def order_args(reference: str, merchant: Merchant) -> Tuple[Any, ...]:
    return (reference, "12.50", "alipay", "Pinot Noir, Otago")


def order_kwargs(merchant: Merchant) -> Any:
    return {"callback_url": merchant.callback_url, "ip": "122.122.122.1", "return_url": "http://127.0.0.1:9/return"}


def test_a_whole_payment_with_every_call_awaited(sandbox: Sandbox, merchant: Merchant, reference: str) -> None:
    async def shop() -> None:
        async with latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url) as client:
            created = await client.create_transaction(*order_args(reference, merchant), **order_kwargs(merchant))
            assert created.payment_url.startswith(sandbox.url)
            assert (await client.query(reference)).status == "pending"
            held = asyncio.create_task(client.query(reference, block=True))
            await asyncio.sleep(0.2)
            await asyncio.to_thread(sandbox.pay, reference)
            paid = await held
            assert paid.status == "paid" and paid.amount == "12.50"
            assert await client.refund(paid.order_id, "2.50") is None
            other = reference + "-c"
            await client.create_transaction(*order_args(other, merchant), **order_kwargs(merchant))
            assert await client.cancel(other) is None
            accepted = await client.barcode(reference + "-b", "3.00", "280000000000000001")
            assert accepted.order_id
            hosted = await client.create_transaction(
                reference + "-h", "4.00", "wechat", "Flat white",
                callback_url=merchant.callback_url, ip="122.122.122.1", merchant_hosted=True,
            )
            data = await client.gateway_data(hosted)
            assert data.qr_code_png().startswith(b"\x89PNG")

    asyncio.run(shop())


def test_errors_are_the_same_exceptions_as_the_blocking_client(sandbox: Sandbox) -> None:
    async def ask() -> None:
        async with latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url) as client:
            with pytest.raises(latipay.ApiError) as caught:
                await client.query("no-such-order")
            assert caught.value.code == "api_error" and caught.value.api_code == 201
            with pytest.raises(latipay.ValidationError):
                await client.refund("order", "-1")
            with pytest.raises(latipay.ArgumentTypeError) as wrong:
                await client.query("r", blok=True)
            assert "blok" in str(wrong.value)

    asyncio.run(ask())


def test_a_cancelled_task_ends_its_held_query_and_the_client_goes_on(sandbox: Sandbox, merchant: Merchant, reference: str) -> None:
    async def cancel_one() -> None:
        async with latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url) as client:
            await client.create_transaction(*order_args(reference, merchant), **order_kwargs(merchant))
            held = asyncio.create_task(client.query(reference, block=True))
            await asyncio.sleep(0.2)
            held.cancel()
            with pytest.raises(asyncio.CancelledError):
                await held
            assert held.cancelled()
            (http,) = client._http.values()
            pool = http._transport._pool  # type: ignore[attr-defined]
            assert all(not c.is_available() or c.is_idle() for c in pool.connections)
            assert (await client.query(reference)).status == "pending"

    asyncio.run(cancel_one())


def test_async_with_closes_every_connection_and_the_client(sandbox: Sandbox) -> None:
    async def use() -> latipay.AsyncClient:
        async with latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url) as client:
            with pytest.raises(latipay.ApiError):
                await client.query("no-such-order")
            (http,) = client._http.values()
        assert http.is_closed and client._http == {}
        with pytest.raises(RuntimeError, match="closed"):
            await client.query("no-such-order")
        return client

    asyncio.run(use())


def test_held_queries_add_no_thread(sandbox: Sandbox, merchant: Merchant, reference: str) -> None:
    async def hold() -> Tuple[int, int]:
        async with latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url) as client:
            await client.create_transaction(*order_args(reference, merchant), **order_kwargs(merchant))
            before = threading.active_count()
            held = [asyncio.create_task(client.query(reference, block=True)) for _ in range(50)]
            await asyncio.sleep(0.5)
            during = threading.active_count()
            for task in held:
                task.cancel()
            await asyncio.gather(*held, return_exceptions=True)
            return before, during

    before, during = asyncio.run(hold())
    assert during == before


def test_its_repr_redacts_the_key() -> None:
    client = latipay.AsyncClient(USER_ID, WALLET_ID, "k3y-s3cret-value", base_url="http://127.0.0.1:9")
    assert "s3cret" not in repr(client) and repr(client).startswith("AsyncClient(")


def test_without_httpx_it_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(latipay._async, "httpx", None)
    with pytest.raises(ImportError, match=r'pip install "latipay\[async\]"'):
        latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, base_url="http://127.0.0.1:9")


class Proxy:
    """A forward proxy on loopback (CONNECT tunnels and absolute-form requests),
    keeping the request line of each request it carried."""

    def __init__(self) -> None:
        self.seen: List[str] = []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self.carry, args=(conn,), daemon=True).start()

    def carry(self, conn: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(65536)
            if not chunk:
                return conn.close()
            head += chunk
        line = head.split(b"\r\n", 1)[0].decode()
        self.seen.append(line)
        method, target, _ = line.split(" ", 2)
        if method == "CONNECT":
            host, port = target.rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)))
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            rest = head.split(b"\r\n\r\n", 1)[1]
        else:
            hostport = target.split("://", 1)[1].split("/", 1)[0]
            host, port = hostport.rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)))
            path = "/" + target.split("://", 1)[1].split("/", 1)[1]
            rest = head.replace(target.encode(), path.encode(), 1)
        if rest:
            upstream.sendall(rest)
        pipes = [conn, upstream]
        while True:
            readable, _, _ = select.select(pipes, [], [], 30)
            if not readable:
                break
            for source in readable:
                data = source.recv(65536)
                if not data:
                    conn.close()
                    upstream.close()
                    return
                (upstream if source is conn else conn).sendall(data)

    def close(self) -> None:
        self.server.close()


@pytest.fixture()
def proxy() -> Iterator[Proxy]:
    running = Proxy()
    yield running
    running.close()


def test_both_clients_go_through_an_explicit_proxy(sandbox: Sandbox, proxy: Proxy) -> None:
    client = latipay.Client(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url, proxy=proxy.url, max_retries=0)
    with pytest.raises(latipay.ApiError):
        client.query("through-the-proxy-1")

    async def ask() -> None:
        async with latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url, proxy=proxy.url) as c:
            with pytest.raises(latipay.ApiError):
                await c.query("through-the-proxy-2")

    asyncio.run(ask())
    host = sandbox.url.split("://", 1)[1]
    assert any(line.startswith(f"CONNECT {host}") for line in proxy.seen), proxy.seen
    assert any("through-the-proxy-2" in line or line.startswith("CONNECT") for line in proxy.seen[1:]), proxy.seen
    assert len(proxy.seen) == 2


@pytest.mark.parametrize("kind", [latipay.Client, latipay.AsyncClient])
def test_a_socks_proxy_is_refused_by_name(kind: Any) -> None:
    with pytest.raises(latipay.ValidationError) as caught:
        kind(USER_ID, WALLET_ID, API_KEY, base_url="http://127.0.0.1:9", proxy="socks5://user:pw@proxy:1080")
    assert caught.value.field == "proxy" and "socks5" in str(caught.value)
    assert "pw" not in str(caught.value)


@pytest.mark.parametrize("kind", [latipay.Client, latipay.AsyncClient])
def test_trust_store_and_certificates_are_checked(kind: Any) -> None:
    kind(USER_ID, WALLET_ID, API_KEY, base_url="http://127.0.0.1:9", trust_store="system")
    with pytest.raises(latipay.ValidationError) as caught:
        kind(USER_ID, WALLET_ID, API_KEY, base_url="http://127.0.0.1:9", trust_store="keychain")
    assert caught.value.field == "trust_store"
    with pytest.raises(latipay.ValidationError) as caught:
        kind(USER_ID, WALLET_ID, API_KEY, base_url="http://127.0.0.1:9", ca_certificates="not a certificate")
    assert caught.value.field == "ca_certificates"


def test_every_attempt_is_logged_without_key_signature_or_query(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="latipay")
    client = latipay.Client(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url)
    with pytest.raises(latipay.ApiError):
        client.query("logged-1")

    async def ask() -> None:
        async with latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url) as c:
            with pytest.raises(latipay.ApiError):
                await c.query("logged-2")

    asyncio.run(ask())
    records = [r for r in caplog.records if r.name == "latipay"]
    assert [r.path for r in records] == ["/v2/transaction/logged-1", "/v2/transaction/logged-2"]  # type: ignore[attr-defined]
    for record in records:
        assert record.levelno == logging.WARNING
        assert (record.method, record.status, record.attempt, record.error_code, record.retrying) == (  # type: ignore[attr-defined]
            "GET", 200, 1, "api_error", False
        )
        assert record.duration_ms >= 0  # type: ignore[attr-defined]
        text = record.getMessage()
        assert text.startswith("GET /v2/transaction/logged-") and "api_error" in text
        fields = str([getattr(record, name) for name in ("method", "path", "status", "error_code")])
        for secret in (API_KEY, "signature", "?", "user_id="):
            assert secret not in text and secret not in fields


def test_an_http_client_of_your_own_carries_the_calls_and_stays_open(sandbox: Sandbox) -> None:
    import httpx

    async def use() -> None:
        seen: List[str] = []

        async def hook(request: httpx.Request) -> None:
            seen.append(request.url.path)

        own = httpx.AsyncClient(event_hooks={"request": [hook]}, follow_redirects=True)
        async with latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url, http_client=own) as c:
            with pytest.raises(latipay.ApiError):
                await c.query("own-client")
            sandbox.control("POST", "/_sandbox/faults", {"path": "/v2/transaction", "fault": "redirect", "location": "/x"})
            with pytest.raises(latipay.HttpStatusError):  # its follow_redirects does not apply
                await c.query("own-client")
            sandbox.control("DELETE", "/_sandbox/faults")
        assert seen == ["/v2/transaction/own-client"] * 2 and not own.is_closed
        await own.aclose()

    asyncio.run(use())
    with pytest.raises(latipay.ArgumentTypeError) as caught:
        latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, http_client=object())
    assert caught.value.field == "http_client"


def test_httpx_own_request_log_shows_no_signature(sandbox: Sandbox, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="httpx")

    async def ask() -> None:
        async with latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url) as c:
            with pytest.raises(latipay.ApiError):
                await c.query("httpx-log")

    asyncio.run(ask())
    lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert any("/v2/transaction/httpx-log?[REDACTED]" in line for line in lines), lines
    assert not any("signature" in line or "user_id=" in line for line in lines), lines
