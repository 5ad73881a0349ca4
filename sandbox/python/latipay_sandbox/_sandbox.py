"""A running sandbox: started on a free loopback port, driven through its
control API, stopped by `close()` (or the end of a `with` block)."""

from __future__ import annotations

import json
import os
import re
import selectors
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Dict, Iterable, List, Optional, Tuple, Type, Union

from ._binary import binary_path
from ._merchant import DEMO_MERCHANT, Merchant, MerchantLike

#: The first line the sandbox prints: its base URL.
_URL = re.compile(r"https?://[^/\s]+:[0-9]+")

#: How long the sandbox may take to print its URL.
_START_TIMEOUT_S = 30.0


class SandboxError(RuntimeError):
    """The sandbox did not start, or its control API refused a request."""


class Sandbox:
    """A `latipay-sandbox --port 0` of this process: `url` is its base URL,
    `merchant` the merchant it serves (`merchants` when several). Use it as a
    context manager, or call `close()`."""

    #: The base URL to give your client, e.g. `http://127.0.0.1:41234`.
    url: str
    #: The first merchant (the demo merchant unless `merchants` was given).
    merchant: Merchant
    #: Every merchant it serves.
    merchants: Tuple[Merchant, ...]
    #: With `tls=True`: its self-signed certificate (PEM), for your client to trust.
    certificate_pem: Optional[str]
    #: With `tls=True`: an `ssl.SSLContext` trusting that certificate.
    ssl_context: Optional[ssl.SSLContext]

    def __init__(self, process: "subprocess.Popen[bytes]", url: str, certificate_pem: Optional[str], merchants: Tuple[Merchant, ...]) -> None:
        """Use `Sandbox.start()`."""
        self._process = process
        self.url = url
        self.certificate_pem = certificate_pem
        self.ssl_context = ssl.create_default_context(cadata=certificate_pem) if certificate_pem else None
        self.merchants = merchants
        self.merchant = merchants[0]

    @classmethod
    def start(
        cls,
        *,
        merchants: Iterable[MerchantLike] = (),
        strict: bool = False,
        tls: bool = False,
        notify_interval_ms: int = 100,
        block_timeout_secs: Optional[int] = None,
        args: Iterable[str] = (),
        binary: Union[str, Path, None] = None,
    ) -> "Sandbox":
        """Starts the sandbox on a free loopback port and returns once it listens.

        `merchants`: the merchants it serves (`Merchant`s or `USER_ID:WALLET_ID:API_KEY[:CURRENCY]`),
        the demo merchant when empty. `strict`: refuse request fields that are not JSON strings.
        `tls`: serve HTTPS with a self-signed certificate. `notify_interval_ms`: the pause before a
        notification is sent again (100 ms, so tests see retries quickly). `block_timeout_secs`: the
        longest a `?is_block=1` query is held. `args`: more command-line flags (`latipay-sandbox --help`).
        `binary`: the executable (default: `binary_path()`).
        """
        chosen = tuple(m if isinstance(m, Merchant) else Merchant.parse(m) for m in merchants)
        # --exit-on-stdin-close with a pipe this process holds: the sandbox
        # never outlives it, however it ends (a SIGTERM, a kill, a crash).
        command = [str(binary or binary_path()), "--port", "0", "--exit-on-stdin-close",
                   "--notify-interval-ms", str(notify_interval_ms)]
        # Merchants (their api keys) go in a private file, never on the command line.
        merchants_file = _merchants_file(chosen) if chosen else None
        if merchants_file:
            command += ["--merchants-file", merchants_file]
        if block_timeout_secs is not None:
            command += ["--block-timeout-secs", str(block_timeout_secs)]
        if strict:
            command.append("--strict")
        if tls:
            command.append("--tls")
        command += list(args)
        try:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            try:
                assert process.stdout is not None
                lines = _Lines(process, process.stdout, time.monotonic() + _START_TIMEOUT_S)
                url = lines.next()
                if not _URL.fullmatch(url):
                    raise SandboxError(f"latipay-sandbox printed {url!r} where its URL belongs")
                certificate = Path(lines.next()).read_text() if tls else None
            except BaseException:
                process.kill()
                process.wait()
                raise
        finally:
            if merchants_file:  # read by the sandbox before it listens
                os.unlink(merchants_file)
        # Keep reading its log, so that a full pipe never blocks it.
        threading.Thread(target=process.stdout.read, daemon=True).start()
        return cls(process, url, certificate, chosen or (DEMO_MERCHANT,))

    @property
    def pid(self) -> int:
        """The sandbox process's id."""
        return self._process.pid

    def control(self, method: str, path: str, body: Any = None) -> Any:
        """Calls the control API (`/_sandbox/...`) with `body` as JSON; returns
        its JSON. Raises `SandboxError` on a status of 300 or more."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30, context=self.ssl_context) as answer:
                text = answer.read().decode()
        except urllib.error.HTTPError as refused:
            raise SandboxError(f"{method} {path}: {refused.code} {refused.read().decode(errors='replace')}") from None
        return json.loads(text) if text else None

    def pay(self, merchant_reference: str) -> Dict[str, Any]:
        """The customer pays the pending order; returns the order as the sandbox holds it."""
        return self._act("pay", merchant_reference)

    def fail(self, merchant_reference: str) -> Dict[str, Any]:
        """The customer's payment fails."""
        return self._act("fail", merchant_reference)

    def cancel(self, merchant_reference: str) -> Dict[str, Any]:
        """The customer cancels."""
        return self._act("cancel", merchant_reference)

    def order(self, merchant_reference: str) -> Dict[str, Any]:
        """The order as the sandbox holds it (status, amounts, refunds, notifications)."""
        answer: Dict[str, Any] = self.control("GET", f"/_sandbox/orders/{_quoted(merchant_reference)}")
        return answer

    def notifications(self, merchant_reference: Optional[str] = None) -> List[Dict[str, Any]]:
        """Every notification sent (for one order, when given), each with its attempts."""
        every: List[Dict[str, Any]] = self.control("GET", "/_sandbox/notifications")["notifications"]
        if merchant_reference is None:
            return every
        return [n for n in every if n.get("merchant_reference") == merchant_reference]

    def faults(self, **rule: Any) -> Dict[str, Any]:
        """Makes the next matching requests misbehave, e.g.
        `faults(path="/v2/transaction", method="POST", fault="status", status=503, times=2)`
        (see the sandbox README's Faults); returns the stored fault."""
        stored: Dict[str, Any] = self.control("POST", "/_sandbox/faults", rule)
        return stored

    def clear_faults(self) -> None:
        """Forgets every fault not yet used up."""
        self.control("DELETE", "/_sandbox/faults")

    def warnings(self) -> List[Dict[str, Any]]:
        """Requests it accepted although a field was not a JSON string (`present_qr: 1`)."""
        every: List[Dict[str, Any]] = self.control("GET", "/_sandbox/warnings")["warnings"]
        return every

    def reset(self) -> None:
        """Forgets every order, notification, fault and warning."""
        self.control("POST", "/_sandbox/reset")

    def close(self) -> None:
        """Stops the sandbox and waits for it to exit."""
        if self._process.stdin is not None:
            self._process.stdin.close()
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, kind: Optional[Type[BaseException]], error: Optional[BaseException], trace: Optional[TracebackType]) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<latipay_sandbox.Sandbox {self.url} merchants={[m.user_id for m in self.merchants]}>"

    def _act(self, action: str, merchant_reference: str) -> Dict[str, Any]:
        answer: Dict[str, Any] = self.control("POST", f"/_sandbox/orders/{_quoted(merchant_reference)}/{action}")
        return answer


def _merchants_file(merchants: Tuple[Merchant, ...]) -> str:
    """A new file only this user can read, one `--merchant` spec per line."""
    fd, path = tempfile.mkstemp(prefix="latipay-sandbox-", suffix=".merchants")
    with os.fdopen(fd, "w") as file:
        file.write("".join(f"{m.spec}\n" for m in merchants))
    return path


def _quoted(merchant_reference: str) -> str:
    return urllib.parse.quote(merchant_reference, safe="")


class _Lines:
    """The lines the sandbox prints as it starts, each awaited until `deadline`."""

    def __init__(self, process: "subprocess.Popen[bytes]", stdout: IO[bytes], deadline: float) -> None:
        self._process = process
        self._fd = stdout.fileno()
        self._deadline = deadline
        self._pending = b""

    def next(self) -> str:
        """The next line, or `SandboxError` if the sandbox exits or stays silent."""
        with selectors.DefaultSelector() as selector:
            selector.register(self._fd, selectors.EVENT_READ)
            while b"\n" not in self._pending:
                if not selector.select(max(0.0, self._deadline - time.monotonic())):
                    raise SandboxError(f"latipay-sandbox printed nothing within {_START_TIMEOUT_S:.0f} s")
                chunk = os.read(self._fd, 4096)
                if not chunk:
                    code = self._process.wait()
                    raise SandboxError(f"latipay-sandbox exited ({code}) before it listened; its stderr says why")
                self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode(errors="replace").strip()
