"""The Latipay sandbox for your test suite: a local, stateful Latipay v2 (API,
hosted pay page, notifications with retries) on a free loopback port.

    from latipay_sandbox import Sandbox

    with Sandbox.start() as sandbox:
        ...  # point your client at sandbox.url, sign with sandbox.merchant.api_key

With pytest, installing this package is enough: the `latipay_sandbox` fixture
(see `latipay_sandbox.pytest_plugin`) gives each test a sandbox, reset.
"""

from ._binary import BINARY_VARIABLE, binary_path
from ._merchant import DEMO_MERCHANT, Merchant
from ._sandbox import Sandbox, SandboxError

__all__ = ["BINARY_VARIABLE", "DEMO_MERCHANT", "Merchant", "Sandbox", "SandboxError", "binary_path"]
