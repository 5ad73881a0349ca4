"""``latipay.AsyncClient``: the client for asyncio (and trio), over httpx.

The core decides everything (what to send, retries and their pauses, the
call's deadline, the limits, verification and the result); this module only
moves bytes between it and ``httpx.AsyncClient``. No thread is held while a
call waits: a thousand blocking queries can be held on one event loop.
"""

from __future__ import annotations

import logging
import ssl
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple, Type

from . import _latipay
from . import errors as latipay_errors

try:
    import anyio
    import httpx
except ImportError:  # pragma: no cover - exercised by the install without the extra
    httpx = None  # type: ignore[assignment]

#: The message when httpx is not installed.
_MISSING = 'latipay.AsyncClient needs httpx: pip install "latipay[async]"'


class AsyncClient:
    """A Latipay client for one merchant account, every call ``async``.

    Takes the same arguments as :class:`latipay.Client` and has the same
    methods; each is awaited. Share one per account; close it with
    ``await client.aclose()`` or use ``async with``. A cancelled task closes
    its request at once. Its ``repr`` redacts the api_key.

    ``http_client``: an ``httpx.AsyncClient`` of your own (connection limits,
    mounts, event hooks), used instead of the ones made from ``proxy``,
    ``ca_certificates`` and ``trust_store``, and never closed by
    :meth:`aclose`. Redirects are still not followed and answers still not
    decompressed.
    """

    def __init__(
        self, user_id: str, wallet_id: str, api_key: str, *, http_client: Any = None, **options: Any
    ) -> None:
        if httpx is None:
            raise ImportError(_MISSING)
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise latipay_errors.ArgumentTypeError(
                f"`http_client` must be an httpx.AsyncClient, not {type(http_client).__name__}",
                field="http_client",
                code="invalid_argument",
            )
        self._native = _latipay.Client(user_id, wallet_id, api_key, _exchanges=True, **options)
        self._given = http_client
        _hide_signed_queries_from_httpx()
        pem = self._native._trusted_pem()
        self._verify: Any = True
        if pem is not None:
            self._verify = ssl.create_default_context(cadata=pem)
        # Keyed by the proxy URL, whose repr is hidden (it may hold a password).
        self._http: Dict[Optional[_Secret], "httpx.AsyncClient"] = {}
        self._closed = False

    @property
    def user_id(self) -> str:
        """The Latipay user account."""
        return str(self._native.user_id)

    @property
    def wallet_id(self) -> str:
        """The wallet payments go to."""
        return str(self._native.wallet_id)

    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
        return str(self._native.base_url)

    async def create_transaction(self, *args: Any, **kwargs: Any) -> Any:
        """Creates a transaction and verifies the answer."""
        return await self._drive(self._native.create_transaction(*args, **kwargs))

    async def gateway_data(self, *args: Any, **kwargs: Any) -> Any:
        """Fetches and verifies the QR code of a merchant-hosted transaction."""
        exchange = self._native.gateway_data(*args, **kwargs)
        created = args[0] if args else kwargs.get("created")
        # Its URL ends with the payment nonce: kept out of httpx's log line too.
        with _hidden_from_httpx(getattr(created, "nonce", "")):
            return await self._drive(exchange)

    async def query(self, *args: Any, **kwargs: Any) -> Any:
        """Asks for an order's status; with ``block=True``, waits until it changes."""
        return await self._drive(self._native.query(*args, **kwargs))

    async def refund(self, *args: Any, **kwargs: Any) -> None:
        """Refunds all or part of a paid order. Not retried."""
        await self._drive(self._native.refund(*args, **kwargs))

    async def cancel(self, *args: Any, **kwargs: Any) -> None:
        """Cancels an unpaid order. Not retried."""
        await self._drive(self._native.cancel(*args, **kwargs))

    async def barcode(self, *args: Any, **kwargs: Any) -> Any:
        """Submits a barcode payment scanned from the customer's phone."""
        return await self._drive(self._native.barcode(*args, **kwargs))

    async def aclose(self) -> None:
        """Closes every connection it opened (not those of an ``http_client``
        you gave). The client cannot be used afterwards."""
        self._closed = True
        clients, self._http = list(self._http.values()), {}
        for client in clients:
            await client.aclose()

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(
        self,
        kind: Optional[Type[BaseException]],
        error: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return repr(self._native).replace("Client(", "AsyncClient(", 1)

    def _client_for(self, proxy: Optional["_Secret"]) -> "httpx.AsyncClient":
        """The httpx client for requests through ``proxy`` (``None``: direct)."""
        if self._closed:
            raise RuntimeError("this AsyncClient is closed")
        if self._given is not None:
            return self._given  # type: ignore[no-any-return]
        client = self._http.get(proxy)
        if client is None:
            client = httpx.AsyncClient(
                proxy=None if proxy is None else str(proxy),
                verify=self._verify,
                # The core already chose the proxy (its option, else the
                # environment's, read with curl's rules).
                trust_env=False,
                follow_redirects=False,
                timeout=None,
            )
            self._http[proxy] = client
        return client

    async def _drive(self, exchange: Any) -> Any:
        """Carries one call through to its result."""
        while True:
            kind, *details = exchange.step()
            if kind == "send":
                # The URL (its query holds a signature) and the proxy (maybe a
                # password) travel as `_Secret`s: hidden from reprs of this frame's
                # locals, which error trackers record.
                details[1] = _Secret(details[1])
                details[6] = None if details[6] is None else _Secret(details[6])
                await self._attempt(exchange, *details)
                del details
            elif kind == "wait":
                await anyio.sleep(details[0])
            else:
                return exchange.result()

    async def _attempt(
        self,
        exchange: Any,
        method: str,
        url: "_Secret",
        headers: List[Tuple[str, str]],
        body: Optional[bytes],
        timeout: float,
        connect_timeout: float,
        proxy: Optional["_Secret"],
        max_body_bytes: int,
    ) -> None:
        """Sends one request and reports what happened."""
        client = self._client_for(proxy)
        limits = httpx.Timeout(None, connect=connect_timeout)
        try:
            with anyio.fail_after(timeout):
                async with client.stream(
                    method, str(url), headers=headers, content=body, timeout=limits, follow_redirects=False
                ) as response:
                    raw = [(name.decode("latin-1"), value) for name, value in response.headers.raw]
                    if not exchange.head(response.status_code, raw):
                        return
                    chunks = []
                    size = 0
                    # Raw: nothing is decompressed (a compressed answer was refused above).
                    async for chunk in response.aiter_raw():
                        size += len(chunk)
                        if size > max_body_bytes:
                            exchange.failed("body_too_large", "")
                            return
                        chunks.append(chunk)
                    exchange.body(b"".join(chunks))
        except TimeoutError:
            exchange.failed("timed_out", f"no complete answer within {timeout:.3f} s")
        except httpx.HTTPError as error:
            exchange.failed(*_failure(error))


class _Secret(str):
    """Text whose ``repr`` hides it: a signed URL, a proxy with its password."""

    def __repr__(self) -> str:
        return "'[REDACTED]'"


#: Texts hidden from httpx's log lines while a call uses them (payment nonces).
_HIDDEN: Set[str] = set()


@contextmanager
def _hidden_from_httpx(text: str) -> Iterator[None]:
    """Hides ``text`` from httpx's log lines while the block runs."""
    if len(text) < 16:  # a real nonce is 64 hex digits; a short one could hide other text
        yield
        return
    _HIDDEN.add(text)
    try:
        yield
    finally:
        _HIDDEN.discard(text)


class _HideSignedQueries(logging.Filter):
    """httpx logs each request's whole URL at INFO; a query's signature (and
    the rest of its query string) and a payment nonce are hidden from that line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_hide(arg) for arg in record.args)
        return True


def _hide(value: object) -> object:
    """``value`` with a signed query and any hidden text replaced."""
    if not isinstance(value, (str, httpx.URL)):
        return value
    text = str(value)
    changed = _without_query(text) if _signed(text) else text
    for hidden in list(_HIDDEN):
        changed = changed.replace(hidden, "[REDACTED]")
    return changed if changed != text else value


def _signed(value: object) -> bool:
    """Whether ``value`` is a URL whose query carries a signature."""
    text = str(value) if isinstance(value, (str, httpx.URL)) else ""
    query = text.partition("?")[2]
    return "signature=" in query


def _without_query(value: object) -> str:
    return str(value).partition("?")[0] + "?[REDACTED]"


def _hide_signed_queries_from_httpx() -> None:
    """Puts the filter on httpx's logger, once."""
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, _HideSignedQueries) for f in logger.filters):
        logger.addFilter(_HideSignedQueries())


def _failure(error: "httpx.HTTPError") -> Tuple[str, str]:
    """The failure kind the core knows for an httpx error, and its text."""
    text = str(error) or type(error).__name__
    if isinstance(error, httpx.ConnectTimeout):
        return "connect_timeout", text
    if isinstance(error, httpx.TimeoutException):
        return "timed_out", text
    if _caused_by_ssl(error):
        return "permanent", text
    if isinstance(error, (httpx.ProxyError, httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return "permanent", text
    if isinstance(error, httpx.RemoteProtocolError):
        lowered = text.lower()
        if "too long" in lowered or "too large" in lowered:
            return "headers_too_large", text
        # The server went away: another attempt may succeed.
        if "disconnected" in lowered or "peer closed" in lowered or "connection closed" in lowered:
            return "connection", text
        # h11 could not read it as HTTP/1.1.
        return "not_http", text
    return "connection", text


def _caused_by_ssl(error: BaseException) -> bool:
    """Whether a TLS failure (a refused certificate, a broken handshake) is behind ``error``."""
    seen = 0
    current: Optional[BaseException] = error
    while current is not None and seen < 10:
        if isinstance(current, ssl.SSLError):
            return True
        current = current.__cause__ or current.__context__
        seen += 1
    return False
