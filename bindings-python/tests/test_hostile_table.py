"""The shared table of hostile-server cases (tests/hostile/cases.json), run
against AsyncClient (httpx) and Client (the core's transport)."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Dict, Iterator

import pytest

import latipay
from conftest import API_KEY, REPO, SANDBOX_OPTIONS, USER_ID, WALLET_ID
from latipay_sandbox import Sandbox

TABLE = json.loads((REPO / "tests" / "hostile" / "cases.json").read_text())["cases"]


@pytest.fixture(scope="module")
def plain() -> Iterator[Sandbox]:
    with Sandbox.start(**SANDBOX_OPTIONS) as running:
        yield running


@pytest.fixture(scope="module")
def tls() -> Iterator[Sandbox]:
    with Sandbox.start(**SANDBOX_OPTIONS, tls=True) as running:
        yield running


def options(case: Dict[str, Any], sandbox: Sandbox) -> Dict[str, Any]:
    """The client options a case asks for."""
    given = case.get("client") or {}
    chosen: Dict[str, Any] = {"base_url": sandbox.url}
    if "timeout_ms" in given:
        chosen["timeout"] = given["timeout_ms"] / 1000
    if "max_retries" in given:
        chosen["max_retries"] = given["max_retries"]
    if case.get("trust_sandbox_certificate"):
        chosen["ca_certificates"] = sandbox.certificate_pem
    return chosen


def arrange(case: Dict[str, Any], sandbox: Sandbox, reference: str) -> None:
    """Makes the order of a query case (before any fault), then sets the fault."""
    sandbox.control("DELETE", "/_sandbox/faults")
    if case["call"] == "query":
        setup = latipay.Client(
            USER_ID, WALLET_ID, API_KEY, base_url=sandbox.url, ca_certificates=sandbox.certificate_pem
        )
        create(setup, reference)
    if case.get("fault"):
        sandbox.control("POST", "/_sandbox/faults", case["fault"])


def create(client: Any, reference: str) -> Any:
    return client.create_transaction(
        reference, "12.50", "alipay", "hostile table",
        callback_url="http://127.0.0.1:9/notify", ip="122.122.122.1", return_url="http://127.0.0.1:9/return",
    )


def check(case: Dict[str, Any], sandbox: Sandbox, outcome: Any) -> None:
    """Compares the outcome (a result or the LatipayError) and the attempts made with `expect`."""
    expect = case["expect"]
    if expect.get("ok"):
        assert not isinstance(outcome, BaseException), outcome
        if case["call"] == "query":
            assert outcome.status == "pending"
    else:
        assert isinstance(outcome, latipay.LatipayError), outcome
        assert outcome.code == expect["error_code"], outcome
        if "status" in expect:
            assert outcome.status == expect["status"], outcome
    if case.get("fault"):
        listed = sandbox.control("GET", "/_sandbox/faults")["faults"]
        used = case["fault"].get("times", 1) - (listed[0]["remaining"] if listed else 0)
        if "faults_used" in expect:
            assert used == expect["faults_used"]
        if "faults_used_at_most" in expect:
            assert 2 <= used <= expect["faults_used_at_most"]


def sandbox_for(case: Dict[str, Any], plain: Sandbox, tls: Sandbox) -> Sandbox:
    return tls if case.get("tls") else plain


@pytest.mark.parametrize("case", TABLE, ids=[c["name"] for c in TABLE])
def test_async_client_over_httpx(case: Dict[str, Any], plain: Sandbox, tls: Sandbox, reference: str) -> None:
    sandbox = sandbox_for(case, plain, tls)
    arrange(case, sandbox, reference)

    async def call() -> Any:
        async with latipay.AsyncClient(USER_ID, WALLET_ID, API_KEY, **options(case, sandbox)) as client:
            try:
                if case["call"] == "create":
                    return await client.create_transaction(
                        reference, "12.50", "alipay", "hostile table",
                        callback_url="http://127.0.0.1:9/notify", ip="122.122.122.1",
                        return_url="http://127.0.0.1:9/return",
                    )
                return await client.query(reference)
            except latipay.LatipayError as error:
                return error

    check(case, sandbox, asyncio.run(call()))


@pytest.mark.parametrize("case", TABLE, ids=[c["name"] for c in TABLE])
def test_client_over_the_core_transport(case: Dict[str, Any], plain: Sandbox, tls: Sandbox, reference: str) -> None:
    sandbox = sandbox_for(case, plain, tls)
    arrange(case, sandbox, reference)
    client = latipay.Client(USER_ID, WALLET_ID, API_KEY, **options(case, sandbox))
    outcome: Any
    try:
        outcome = create(client, reference) if case["call"] == "create" else client.query(reference)
    except latipay.LatipayError as error:
        outcome = error
    check(case, sandbox, outcome)
