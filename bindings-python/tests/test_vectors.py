"""Every case in tests/vectors, the known answers shared with the Rust, Node and
Kotlin suites, run through the Python API."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any, Callable, Dict, Optional

import pytest
from conftest import VECTORS, cases, load_vectors

import latipay
from latipay import signature, wire

TESTED_FILES = {
    "amounts.json",
    "notifications.json",
    "orders.json",
    "redirects.json",
    "requests.json",
    "responses.json",
    "signatures.json",
    "statuses.json",
}


def test_every_vector_file_is_exercised() -> None:
    assert {p.name for p in Path(VECTORS).glob("*.json")} == TESTED_FILES


def payment_dict(p: latipay.Payment) -> Dict[str, Any]:
    return {
        "merchant_reference": p.merchant_reference,
        "order_id": p.order_id,
        "payment_method": p.payment_method,
        "status": p.status,
        "currency": p.currency,
        "amount": p.amount,
        "pay_time_raw": p.pay_time_raw,
        "pay_time": p.pay_time.isoformat() if p.pay_time else None,
        "extra": p.extra,
    }


def redirect_dict(r: latipay.Redirect) -> Dict[str, Any]:
    return {
        "merchant_reference": r.merchant_reference,
        "payment_method": r.payment_method,
        "status": r.status,
        "currency": r.currency,
        "amount": r.amount,
        "extra": r.extra,
    }


def check(case: Dict[str, Any], run: Callable[[], Any]) -> None:
    """Compares with `expect`, or checks the error against `expect_error` (a
    code, or an object with `code` and `api_code` or `field`)."""
    want: Optional[Any] = case.get("expect_error")
    if want is None:
        assert run() == case["expect"]
        return
    want = {"code": want} if isinstance(want, str) else want
    with pytest.raises(latipay.LatipayError) as caught:
        run()
    error = caught.value
    assert error.code == want["code"], str(error)
    if "api_code" in want:
        assert isinstance(error, latipay.ApiError)
        assert error.api_code == want["api_code"]
    if "field" in want:
        assert isinstance(error, (latipay.ValidationError, latipay.MalformedResponseError))
        assert error.field == want["field"], str(error)


@pytest.mark.parametrize("case", cases("signatures.json"))
def test_signatures(case: Dict[str, Any]) -> None:
    key = load_vectors("signatures.json")["api_key"]
    expected, valid = case["signature"], case["valid"]
    if case["rule"] == "sorted":
        params = case["params"]
        assert signature.sorted_message(params) + key == case["message"]
        assert (latipay.sign(params, key) == expected) is valid
        assert signature.verify_sorted(params, key, expected) is valid
    else:
        parts = case["parts"]
        assert "".join(parts) == case["message"]
        assert (signature.sign_concat(parts, key) == expected) is valid
        assert signature.verify_concat(parts, key, expected) is valid


@pytest.mark.parametrize("case", cases("notifications.json"))
def test_notifications(case: Dict[str, Any]) -> None:
    check(case, lambda: payment_dict(latipay.verify_notification(case["body"].encode(), case["api_key"])))


@pytest.mark.parametrize("case", cases("notifications.json"))
def test_notifications_given_as_text(case: Dict[str, Any]) -> None:
    check(case, lambda: payment_dict(latipay.verify_notification(case["body"], case["api_key"])))


@pytest.mark.parametrize("case", cases("redirects.json"))
def test_redirects(case: Dict[str, Any]) -> None:
    check(case, lambda: redirect_dict(latipay.verify_redirect(case["input"], case["api_key"])))


def parse_response(case: Dict[str, Any]) -> Any:
    body, key = case["body"], case["api_key"]
    op = case["op"]
    if op == "create_transaction":
        c = wire.parse_create_response(body, key)
        return {"host_url": c.host_url, "nonce": c.nonce, "payment_url": c.payment_url}
    if op == "query":
        return payment_dict(wire.parse_query_response(body, key, case["merchant_reference"]))
    if op == "gateway_data":
        g = wire.parse_gateway_data(body, key)
        return {
            "merchant_reference": g.merchant_reference,
            "order_id": g.order_id,
            "nonce": g.nonce,
            "payment_method": g.payment_method,
            "amount": g.amount,
            "currency": g.currency,
            "amount_cny": g.amount_cny,
            "product_name": g.product_name,
            "organisation_name": g.organisation_name,
            "qr_code_url": g.qr_code_url,
            "qr_code_png_base64": base64.b64encode(g.qr_code_png()).decode(),
        }
    if op == "refund":
        assert wire.parse_refund_response(body) is None
        return {}
    if op == "cancel":
        assert wire.parse_cancel_response(body) is None
        return {}
    if op == "barcode":
        return {"order_id": wire.parse_barcode_response(body).order_id}
    raise AssertionError(f"unknown op {op}")


@pytest.mark.parametrize("case", cases("responses.json"))
def test_responses(case: Dict[str, Any]) -> None:
    check(case, lambda: parse_response(case))


def build_request(case: Dict[str, Any]) -> latipay.wire.SignedRequest:
    """The request a vector describes, its JSON input passed as keyword arguments."""
    c = case["credentials"]
    credentials = wire.Credentials(c["user_id"], c["wallet_id"], c["api_key"])
    builders = {
        "create_transaction": wire.create_transaction_request,
        "query": wire.query_request,
        "refund": wire.refund_request,
        "cancel": wire.cancel_request,
        "barcode": wire.barcode_request,
    }
    builder: Callable[..., latipay.wire.SignedRequest] = builders[case["op"]]
    return builder(credentials, **case["input"])


@pytest.mark.parametrize("case", cases("requests.json", "valid"))
def test_requests(case: Dict[str, Any]) -> None:
    import json

    request = build_request(case)
    expect = case["expect"]
    assert request.method == expect["method"]
    assert request.path == expect["path"]
    body = json.loads(request.body) if request.body is not None else None
    assert body == expect.get("body")
    if body is not None:
        assert request.content_type == "application/json;charset=UTF-8"


def test_at_least_fifty_invalid_requests() -> None:
    assert len(load_vectors("requests.json")["invalid"]) >= 50


@pytest.mark.parametrize("case", cases("requests.json", "invalid"))
def test_invalid_requests(case: Dict[str, Any]) -> None:
    check(case, lambda: build_request(case))


@pytest.mark.parametrize("case", cases("amounts.json", "valid"))
def test_valid_amounts(case: Dict[str, Any]) -> None:
    amount = latipay.Amount(case["text"])
    assert str(amount) == case["text"]
    assert amount.minor_units == case["minor_units"]


@pytest.mark.parametrize("case", cases("amounts.json", "invalid"))
def test_invalid_amounts(case: Dict[str, Any]) -> None:
    with pytest.raises(latipay.LatipayError) as caught:
        latipay.Amount(case["text"])
    assert caught.value.code == case["code"]


@pytest.mark.parametrize("case", cases("orders.json"))
def test_orders(case: Dict[str, Any]) -> None:
    payment = latipay.verify_notification(case["body"], case["api_key"])
    order = case["order"]
    check(case, lambda: payment.matches(order["merchant_reference"], order["payment_method"], order["currency"],
                                        order["amount"]))
    if "expect" in case:
        keywords = payment.matches(merchant_reference=order["merchant_reference"],
                                   payment_method=order["payment_method"], currency=order["currency"],
                                   amount=order["amount"])
        assert keywords is case["expect"]


@pytest.mark.parametrize("case", cases("statuses.json", "transitions"))
def test_status_transitions(case: Dict[str, Any]) -> None:
    assert latipay.transition(case["from"], case["to"]) == case["expect"]
