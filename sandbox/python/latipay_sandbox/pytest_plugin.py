"""pytest fixtures, loaded by the `pytest11` entry point when the package is installed.

- `latipay_sandbox`: a sandbox shared by the session and reset before each
  test (no order, notification, fault or warning of another test is seen).
- `latipay_sandbox_options`: override it (session scope) in your `conftest.py`
  to start that sandbox differently: the keyword arguments of `Sandbox.start`.
- `latipay_sandbox_factory`: starts sandboxes of a test's own (other merchants,
  `strict=True`, `tls=True`); each is stopped after the test.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List

import pytest

from ._sandbox import Sandbox


@pytest.fixture(scope="session")
def latipay_sandbox_options() -> Dict[str, Any]:
    """The keyword arguments the session's sandbox is started with (none: the
    demo merchant over HTTP). Override this fixture to change them."""
    return {}


@pytest.fixture(scope="session")
def latipay_sandbox_session(latipay_sandbox_options: Dict[str, Any]) -> Iterator[Sandbox]:
    """The session's sandbox as it is, not reset (prefer `latipay_sandbox`)."""
    with Sandbox.start(**latipay_sandbox_options) as sandbox:
        yield sandbox


@pytest.fixture()
def latipay_sandbox(latipay_sandbox_session: Sandbox) -> Sandbox:
    """The session's sandbox, reset for this test."""
    latipay_sandbox_session.reset()
    return latipay_sandbox_session


@pytest.fixture()
def latipay_sandbox_factory() -> Iterator[Callable[..., Sandbox]]:
    """`start(**options)` starts another sandbox (the arguments of
    `Sandbox.start`), stopped when the test ends."""
    started: List[Sandbox] = []

    def start(**options: Any) -> Sandbox:
        sandbox = Sandbox.start(**options)
        started.append(sandbox)
        return sandbox

    yield start
    for sandbox in started:
        sandbox.close()
