"""The client against servers that misbehave on purpose: a gzip bomb costs no
memory, the timeout bounds a whole call (retries and pauses included), and
nothing is retried that cannot succeed."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
import zlib
from typing import Callable, Iterator

import pytest

import latipay

MIB = 1024 * 1024


def gzip_bomb() -> bytes:
    """A gzip file of 1 GiB of zeros, about 1 MB long: one raw deflate segment
    for 1 MiB of zeros (ending on a full flush, so it stands alone) repeated
    1024 times, a final empty block, and the right CRC and length."""
    zeros = bytes(MIB)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(1024):
        crc = zlib.crc32(zeros, crc)
    trailer = crc.to_bytes(4, "little") + (1 << 30).to_bytes(4, "little")
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + segment * 1024 + b"\x03\x00" + trailer


def inflated_size(gzip: bytes) -> int:
    """How much `gzip` inflates to, counted 1 MiB at a time."""
    inflate = zlib.decompressobj(31)
    total, data = 0, gzip
    while data:
        total += len(inflate.decompress(data, MIB))
        data = inflate.unconsumed_tail
    return total + len(inflate.flush())


def peak_memory() -> int:
    """The process's peak resident memory since the last reset, in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(l for l in status if l.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


def reset_peak_memory() -> None:
    """Makes the peak the current resident memory (Linux's clear_refs 5)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
        clear.write("5")


class Raw(socketserver.ThreadingTCPServer):
    """Answers every request with `answer(index)`: raw bytes, head included,
    after `delay` seconds; counts connections."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, answer: Callable[[int], bytes], delay: float = 0.0) -> None:
        self.answer, self.delay, self.requests = answer, delay, []  # type: ignore[var-annotated]
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), RawHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class RawHandler(socketserver.BaseRequestHandler):
    server: Raw

    def handle(self) -> None:
        # Up to the end of a request head, or whatever a TLS hello sent in 0.2 s.
        self.request.settimeout(0.2)
        received = b""
        while b"\r\n\r\n" not in received and len(received) < 64 * 1024:
            try:
                chunk = self.request.recv(64 * 1024)
            except socket.timeout:
                break
            if not chunk:
                break
            received += chunk
        self.request.settimeout(None)
        with self.server.lock:
            index = len(self.server.requests)
            self.server.requests.append(received.decode("latin-1"))
        time.sleep(self.server.delay)
        try:
            self.request.sendall(self.server.answer(index))
        except OSError:
            pass


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = gzip_bomb()
    assert len(data) < 1_200_000
    assert inflated_size(data) == 1 << 30
    return data


def response(body: bytes, *, status: str = "200 OK", headers: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{headers}"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body


@pytest.mark.parametrize("encoding", ["Content-Encoding: gzip\r\n", ""], ids=["declared", "undeclared"])
def test_a_gzip_bomb_is_refused_without_inflating_it(bomb: bytes, encoding: str) -> None:
    server = Raw(lambda _: response(bomb, headers=encoding))
    client = latipay.Client("U000334333", "W00000001", "111222333", base_url=server.base_url, timeout=10)
    reset_peak_memory()
    before = peak_memory()
    with pytest.raises(latipay.MalformedResponseError):
        client.query("order-1")
    grown = peak_memory() - before
    assert grown < 20 * MIB, f"peak memory grew by {grown} bytes"
    assert len(server.requests) == 1
    assert "accept-encoding: identity" in server.requests[0].lower()
    server.shutdown()


def test_the_timeout_bounds_the_whole_call_retries_included() -> None:
    # 503 after 0.7 s: the second attempt (after a 0.2 s pause) has 0.1 s left.
    server = Raw(lambda _: response(b"", status="503 Service Unavailable"), delay=0.7)
    client = latipay.Client("U000334333", "W00000001", "111222333", base_url=server.base_url,
                            timeout=1, max_retries=10)
    started = time.monotonic()
    with pytest.raises(latipay.TimeoutError) as caught:
        client.query("order-1")
    took = time.monotonic() - started
    assert "timeout (1s), the limit on the whole call" in str(caught.value)
    assert took < 1.6, took
    assert len(server.requests) == 2
    server.shutdown()


def test_a_server_that_does_not_speak_tls_is_tried_once() -> None:
    server = Raw(lambda _: b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
    port = server.server_address[1]
    client = latipay.Client("U000334333", "W00000001", "111222333", base_url=f"https://127.0.0.1:{port}")
    with pytest.raises(latipay.TransportError) as caught:
        client.query("order-1")
    assert "not retried" in str(caught.value)
    assert len(server.requests) == 1
    server.shutdown()


@pytest.fixture
def no_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                 "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    yield monkeypatch


def test_a_socks_proxy_is_refused_naming_the_variable_not_its_password(
    no_proxy_variables: pytest.MonkeyPatch,
) -> None:
    no_proxy_variables.setenv("ALL_PROXY", "socks5://merchant:pr0xy-pw@127.0.0.1:1080")
    with pytest.raises(latipay.ValidationError) as caught:
        latipay.Client("U000334333", "W00000001", "111222333")
    assert caught.value.field == "ALL_PROXY"
    assert "socks5" in str(caught.value) and "pr0xy-pw" not in repr(caught.value)


def test_an_http_proxy_from_the_environment_is_used(no_proxy_variables: pytest.MonkeyPatch) -> None:
    proxy = Raw(lambda _: b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
    no_proxy_variables.setenv("http_proxy", f"http://merchant:pr0xy-pw@127.0.0.1:{proxy.server_address[1]}")
    client = latipay.Client("U000334333", "W00000001", "111222333", base_url="http://127.0.0.1:9")
    with pytest.raises(latipay.TransportError) as caught:
        client.query("order-1")
    assert "pr0xy-pw" not in repr(caught.value)
    assert proxy.requests[0].startswith("CONNECT 127.0.0.1:9 ")
    assert "proxy-authorization: basic" in proxy.requests[0].lower()
    proxy.shutdown()

