"""latipay: the Latipay v2 merchant API for Python, on one vetted Rust core.

* :func:`sign`, :func:`verify_notification`, :func:`verify_redirect` and
  :data:`NOTIFICATION_ACK` for your web handlers;
* :class:`Client` for every merchant operation (the GIL is released while it
  waits, and one client may be shared between threads), and
  :class:`AsyncClient`, the same with every call ``async``, over httpx
  (``pip install "latipay[async]"``);
* every attempt of every call is logged to ``logging.getLogger("latipay")``
  (``DEBUG`` for answers, ``WARNING`` for failures; never a key, signature or
  query string);
* :func:`transition` to apply statuses forward only;
* :mod:`latipay.wire` to use your own HTTP client, :mod:`latipay.signature` for
  the two signature rules, :mod:`latipay.errors` for the exceptions.

Amounts are ``str`` or ``decimal.Decimal``, never ``float``.
"""

import logging

from . import errors, signature, wire
from ._async import AsyncClient
from ._latipay import __version__
from ._latipay import (
    ERROR_CODES,
    NOTIFICATION_ACK,
    PRODUCTION_URL,
    REDACTED,
    STAGING_URL,
    Amount,
    BarcodeAccepted,
    Client,
    CreatedTransaction,
    Credentials,
    GatewayData,
    Payment,
    Redirect,
    sign,
    transition,
    verify_notification,
    verify_redirect,
)
from .errors import (
    ApiError,
    ArgumentTypeError,
    ErrorCode,
    HttpStatusError,
    InvalidSignatureError,
    LatipayError,
    MalformedResponseError,
    TimeoutError,
    TransportError,
    ValidationError,
)

# `TimeoutError` is importable as `latipay.TimeoutError` but left out of
# `__all__`, so that `from latipay import *` does not shadow the builtin.

# A library's logger: records go where the application sends them, and
# nowhere (not to stderr) when it configured no logging.
logging.getLogger("latipay").addHandler(logging.NullHandler())

#: What :func:`verify_notification` returns: the same type as a query's answer.
Notification = Payment

__all__ = [
    "__version__",
    "ERROR_CODES",
    "NOTIFICATION_ACK",
    "PRODUCTION_URL",
    "REDACTED",
    "STAGING_URL",
    "Amount",
    "AsyncClient",
    "ApiError",
    "ArgumentTypeError",
    "BarcodeAccepted",
    "Client",
    "CreatedTransaction",
    "Credentials",
    "ErrorCode",
    "GatewayData",
    "HttpStatusError",
    "InvalidSignatureError",
    "LatipayError",
    "MalformedResponseError",
    "Notification",
    "Payment",
    "Redirect",
    "TransportError",
    "ValidationError",
    "errors",
    "sign",
    "signature",
    "transition",
    "verify_notification",
    "verify_redirect",
    "wire",
]
