"""The pytest plugin of the latipay_sandbox wheel: its fixtures, run inside
suites of their own (`pytester`), against the real sandbox executable."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from latipay_sandbox import DEMO_MERCHANT, Merchant, Sandbox, SandboxError

CREATE_AND_PAY = """
import latipay
import pytest
from latipay_sandbox import SandboxError


def client_for(sandbox):
    m = sandbox.merchant
    return latipay.Client(m.user_id, m.wallet_id, m.api_key, base_url=sandbox.url)


def test_first_pays_an_order(latipay_sandbox):
    client_for(latipay_sandbox).create_transaction(
        "order-1", "12.30", "alipay", "Pinot Noir", callback_url="http://127.0.0.1:9/notify",
        return_url="https://shop.example/done", ip="122.122.122.1")
    assert latipay_sandbox.pay("order-1")["status"] == "paid"
    assert client_for(latipay_sandbox).query("order-1").status == "paid"


def test_second_sees_none_of_it(latipay_sandbox):
    with pytest.raises(SandboxError, match="404"):
        latipay_sandbox.order("order-1")
    assert latipay_sandbox.notifications() == []
"""


def test_each_test_gets_the_session_sandbox_reset(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(CREATE_AND_PAY)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_a_conftest_overrides_the_options_of_the_session_sandbox(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
import pytest

@pytest.fixture(scope="session")
def latipay_sandbox_options():
    return {"merchants": ["U000000042:W00000042:test-key-42:AUD"], "strict": True}
"""
    )
    pytester.makepyfile(
        """
import latipay

def test_the_merchant_is_ours(latipay_sandbox):
    m = latipay_sandbox.merchant
    assert (m.user_id, m.wallet_id, m.api_key, m.currency) == ("U000000042", "W00000042", "test-key-42", "AUD")
    client = latipay.Client(m.user_id, m.wallet_id, m.api_key, base_url=latipay_sandbox.url)
    client.create_transaction("order-1", "9.90", "wechat", "Flat white", callback_url="http://127.0.0.1:9/n",
                              return_url="https://shop.example/done", ip="122.122.122.1")
    assert latipay_sandbox.order("order-1")["currency"] == "AUD"
"""
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_the_factory_starts_sandboxes_of_a_tests_own_and_stops_them(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import urllib.request

STARTED = []

def test_two_more(latipay_sandbox_factory, latipay_sandbox):
    tls = latipay_sandbox_factory(tls=True, merchants=["U1:W1:k1"])
    other = latipay_sandbox_factory()
    assert tls.url.startswith("https://127.0.0.1:") and "BEGIN CERTIFICATE" in tls.certificate_pem
    assert len({tls.url, other.url, latipay_sandbox.url}) == 3
    assert tls.notifications() == [] and tls.merchant.user_id == "U1"
    STARTED.extend([tls.url, other.url])

def test_they_are_stopped():
    for url in STARTED:
        try:
            urllib.request.urlopen(url.replace("https:", "http:") + "/_sandbox/notifications", timeout=5)
        except OSError:
            continue
        raise AssertionError(f"{url} still answers")
"""
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_faults_and_warnings_through_the_control_api() -> None:
    with Sandbox.start() as sandbox:
        stored = sandbox.faults(path="/v2/transaction", method="POST", fault="status", status=503, times=2)
        assert (stored["fault"], stored["status"], stored["remaining"]) == ("status", 503, 2)
        request = urllib.request.Request(sandbox.url + "/v2/transaction", data=b"{}", method="POST")
        for _ in range(2):
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(request, timeout=10)
            assert answer.value.code == 503
        sandbox.faults(path="/refund", fault="reset")
        sandbox.clear_faults()
        assert sandbox.control("GET", "/_sandbox/faults")["faults"] == []
        assert sandbox.warnings() == []
        with pytest.raises(SandboxError, match="400"):
            sandbox.faults(path="/v2/transaction", fault="no-such-fault")


def test_a_closed_sandbox_no_longer_answers() -> None:
    with Sandbox.start() as sandbox:
        url = sandbox.url
        assert repr(sandbox) == f"<latipay_sandbox.Sandbox {url} merchants=['U000334333']>"
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/_sandbox/notifications", timeout=5)


def test_an_executable_that_never_listens_is_reported() -> None:
    with pytest.raises(SandboxError, match=r"exited \(1\) before it listened"):
        Sandbox.start(binary="/bin/false")
    with pytest.raises(SandboxError, match="where its URL belongs"):
        Sandbox.start(binary="/bin/echo")


def test_binary_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from latipay_sandbox import binary_path

    monkeypatch.setenv("LATIPAY_SANDBOX_BIN", "/no/such/latipay-sandbox")
    with pytest.raises(FileNotFoundError, match="not a file"):
        binary_path()
    monkeypatch.setenv("LATIPAY_SANDBOX_BIN", "/bin/true")
    assert str(binary_path()) == "/bin/true"


def test_a_merchant_never_shows_its_api_key() -> None:
    merchant = Merchant.parse("U1:W1:secret-key-1")
    assert merchant == Merchant("U1", "W1", "secret-key-1", "NZD")
    assert "secret-key-1" not in repr(merchant)
    assert merchant.spec == "U1:W1:secret-key-1:NZD"
    with pytest.raises(ValueError) as refused:
        Merchant.parse("U1:W1:secret-key-2:NZD:extra")
    assert "secret-key-2" not in str(refused.value)
    assert DEMO_MERCHANT.user_id == "U000334333"


def test_a_sandbox_never_outlives_the_process_that_started_it(tmp_path: Path) -> None:
    # The parent is killed outright: no close(), no atexit, no signal handler.
    parent = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom latipay_sandbox import Sandbox\n"
         "s = Sandbox.start(merchants=['U1:W1:secret-key-3'])\nprint(s.pid, flush=True)\ntime.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    assert parent.stdout is not None
    sandbox_pid = int(parent.stdout.readline())
    arguments = Path(f"/proc/{sandbox_pid}/cmdline").read_bytes().split(b"\0")
    assert not any(b"secret-key-3" in a for a in arguments)
    merchants_file = Path(arguments[arguments.index(b"--merchants-file") + 1].decode())
    assert not merchants_file.exists(), "the merchants file is removed once the sandbox listens"
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{sandbox_pid}").exists() and b"zombie" not in _state(sandbox_pid):
        assert time.monotonic() < deadline, "the sandbox outlived its parent"
        time.sleep(0.05)


def _state(pid: int) -> bytes:
    try:
        return b"zombie" if Path(f"/proc/{pid}/stat").read_bytes().split(b") ", 1)[1][:1] == b"Z" else b"alive"
    except OSError:
        return b"zombie"


def test_the_api_key_is_left_out_of_reprs_and_diffs() -> None:
    merchant = Merchant.parse("U1:W1:secret-key-4")
    assert merchant.api_key == "secret-key-4" and "secret-key-4" not in repr(merchant.api_key)
    assert "secret-key-4" not in repr(merchant)
