"""The exceptions raised by latipay.

Every exception is a :class:`LatipayError` whose ``code`` is the stable string
of the Rust core's error (and of the other language bindings). Messages are for
people and never contain the api_key; match on the class or on ``code``.
"""

from __future__ import annotations

import builtins
from typing import Any, Literal, Optional, Tuple

#: The stable error codes, the same in Rust, Python, Node and Kotlin (``ERROR_CODES``
#: lists them at run time).
ErrorCode = Literal[
    "invalid_argument",
    "invalid_signature",
    "api_error",
    "http_status",
    "transport",
    "timeout",
    "malformed_response",
]


class LatipayError(Exception):
    """Base class of every error latipay raises; ``code`` names its kind."""

    #: The stable code of the error's kind; each subclass sets its own.
    code: ErrorCode

    def __init__(self, message: str, *, code: Optional[ErrorCode] = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        """The human-readable message (no secrets)."""
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> Tuple[Any, ...]:
        # Keyword-only details survive pickling (multiprocessing, task queues).
        return (_rebuild, (type(self), self.message, dict(self.__dict__)))


def _rebuild(cls: "type[LatipayError]", message: str, state: "dict[str, Any]") -> LatipayError:
    # `cls.__new__`, not `Exception.__new__`: the latter refuses OSError subclasses.
    error: LatipayError = cls.__new__(cls)
    LatipayError.__init__(error, message)
    error.__dict__.update(state)
    return error


class ValidationError(LatipayError, ValueError):
    """An argument was rejected before anything was signed or sent.

    ``field`` is the parameter at fault, named as on the wire (``amount``,
    ``callback_url`` …).
    """

    code = "invalid_argument"

    def __init__(self, message: str, *, field: str, code: Optional[ErrorCode] = None) -> None:
        super().__init__(message, code=code)
        self.field = field


class ArgumentTypeError(ValidationError, TypeError):
    """An argument had the wrong Python type, e.g. a ``float`` amount."""


class InvalidSignatureError(LatipayError):
    """A signature from Latipay (or someone pretending to be it) did not match:
    do not trust the data. ``what`` says what carried it (``notification`` …)."""

    code = "invalid_signature"

    def __init__(self, message: str, *, what: str, code: Optional[ErrorCode] = None) -> None:
        super().__init__(message, code=code)
        self.what = what


class ApiError(LatipayError):
    """Latipay answered with a non-zero code: ``api_code`` (e.g. 206 wrong
    signature, 201 no such order) and its ``api_message``."""

    code = "api_error"

    def __init__(
        self, message: str, *, api_code: int, api_message: str, code: Optional[ErrorCode] = None
    ) -> None:
        super().__init__(message, code=code)
        self.api_code = api_code
        self.api_message = api_message


class HttpStatusError(LatipayError):
    """The server answered an HTTP ``status`` other than 200 for ``url``
    (Latipay answers 200 even for failures: a wrong base URL or an outage)."""

    code = "http_status"

    def __init__(self, message: str, *, status: int, url: str, code: Optional[ErrorCode] = None) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.url = url


class TransportError(LatipayError, ConnectionError):
    """The request could not be delivered or its answer not read. A POST may
    still have reached Latipay: query the order before sending it again."""

    code = "transport"


class TimeoutError(LatipayError, builtins.TimeoutError):
    """The request timed out. A POST may still have reached Latipay: query the
    order before sending it again."""

    code = "timeout"


class MalformedResponseError(LatipayError):
    """Something Latipay sent could not be understood (not JSON, a field
    missing or given twice, a signed field outside its grammar such as
    ``payment_method=2alipay`` …). ``what`` says what; ``field`` names the field
    at fault, or is ``None`` when the whole of it is."""

    code = "malformed_response"

    def __init__(
        self, message: str, *, what: str, field: Optional[str] = None, code: Optional[ErrorCode] = None
    ) -> None:
        super().__init__(message, code=code)
        self.what = what
        self.field = field


__all__ = [
    "ErrorCode",
    "LatipayError",
    "ValidationError",
    "ArgumentTypeError",
    "InvalidSignatureError",
    "ApiError",
    "HttpStatusError",
    "TransportError",
    "MalformedResponseError",
]
# `TimeoutError` is left out of `__all__` so that `from latipay.errors import *`
# does not shadow the builtin; use `latipay.TimeoutError` (a subclass of it).
