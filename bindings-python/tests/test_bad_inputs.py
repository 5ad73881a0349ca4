"""Bad input gets a typed exception with a stable code, never a crash and never
a silent default. Each row: what is called, the exception class, its code and
(for validation errors) the field named."""

from __future__ import annotations

import decimal
from typing import Any, Callable, Optional, Type, get_args

import pytest

import latipay
from latipay import signature, wire
from latipay.errors import ErrorCode

KEY = "111222333"
CREDS = wire.Credentials("U000334333", "W00000001", KEY)
GOOD_NOTIFICATION = (
    "merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay&status=paid"
    "&pay_time=2017-07-07%2010%3A53%3A50&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1"
)
GOOD_REDIRECT = (
    "merchant_reference=dsi39ej430sks03&payment_method=alipay&status=paid&currency=NZD&amount=100.00"
    "&signature=af44a20896aa5c9e28f816eedc71043c1e17929444c988844830ae4ea8ecb622"
)


def create(**changes: Any) -> wire.SignedRequest:
    args: dict = dict(
        merchant_reference="order-1",
        amount="12.30",
        payment_method="alipay",
        product_name="Pinot Noir",
        callback_url="https://shop.example/notify",
        ip="122.122.122.1",
        return_url="https://shop.example/done",
    )
    args.update(changes)
    return wire.create_transaction_request(CREDS, **args)


def client(**changes: Any) -> latipay.Client:
    args: dict = dict(base_url="http://127.0.0.1:9")
    args.update(changes)
    return latipay.Client("U000334333", "W00000001", KEY, **args)


V, T, S, M = latipay.ValidationError, latipay.ArgumentTypeError, latipay.InvalidSignatureError, latipay.MalformedResponseError

BAD: list = [
    # Amounts: floats, ints and other types are refused by type; bad text by value.
    ("float amount", lambda: create(amount=12.3), T, "amount"),
    ("float that looks exact", lambda: create(amount=10.0), T, "amount"),
    ("int amount", lambda: create(amount=12), T, "amount"),
    ("bool amount", lambda: create(amount=True), T, "amount"),
    ("None amount", lambda: create(amount=None), T, "amount"),
    ("bytes amount", lambda: create(amount=b"12.30"), T, "amount"),
    ("list amount", lambda: create(amount=["12.30"]), T, "amount"),
    ("three decimals", lambda: create(amount="12.305"), V, "amount"),
    ("negative", lambda: create(amount="-1.00"), V, "amount"),
    ("zero", lambda: create(amount="0.00"), V, "amount"),
    ("exponent text", lambda: create(amount="1e3"), V, "amount"),
    ("comma decimal", lambda: create(amount="12,30"), V, "amount"),
    ("spaces", lambda: create(amount=" 12.30"), V, "amount"),
    ("Decimal NaN", lambda: create(amount=decimal.Decimal("NaN")), V, "amount"),
    ("Decimal infinity", lambda: create(amount=decimal.Decimal("Infinity")), V, "amount"),
    ("Decimal three places", lambda: create(amount=decimal.Decimal("0.001")), V, "amount"),
    ("Decimal negative", lambda: create(amount=decimal.Decimal("-5")), V, "amount"),
    ("float refund", lambda: wire.refund_request(CREDS, "order-id", 1.5), T, "refund_amount"),
    ("float barcode", lambda: wire.barcode_request(CREDS, "pos-1", 0.05, "134588558514585062"), T, "amount"),
    ("float Amount()", lambda: latipay.Amount(0.1), T, "amount"),
    ("float expected amount", lambda: latipay.verify_notification(GOOD_NOTIFICATION, KEY).amount_matches(120.0), T, "expected"),
    # Create-transaction fields.
    ("empty reference", lambda: create(merchant_reference=""), V, "merchant_reference"),
    ("reference with a slash", lambda: create(merchant_reference="a/b"), V, "merchant_reference"),
    ("unknown method", lambda: create(payment_method="bitcoin!"), V, "payment_method"),
    ("mis-cased method", lambda: create(payment_method="Alipay"), V, "payment_method"),
    ("empty product", lambda: create(product_name=""), V, "product_name"),
    ("callback not http", lambda: create(callback_url="ftp://shop.example/n"), V, "callback_url"),
    ("callback relative", lambda: create(callback_url="/notify"), V, "callback_url"),
    ("return_url missing when hosted", lambda: create(return_url=None), V, "return_url"),
    ("ip not IPv4", lambda: create(ip="::1"), V, "ip"),
    ("ip garbage", lambda: create(ip="localhost"), V, "ip"),
    ("present_qr on alipay", lambda: create(present_qr=True), V, "present_qr"),
    ("merchant-hosted polipay", lambda: create(payment_method="polipay", merchant_hosted=True), V, "payment_method"),
    ("bad backPage_url", lambda: create(back_page_url="javascript:alert(1)"), V, "backPage_url"),
    # Other requests.
    ("refund without order id", lambda: wire.refund_request(CREDS, "", "1.00"), V, "order_id"),
    ("barcode code too short", lambda: wire.barcode_request(CREDS, "pos-1", "0.05", "12"), V, "pay_code"),
    ("barcode code not digits", lambda: wire.barcode_request(CREDS, "pos-1", "0.05", "13458855851458506x"), V, "pay_code"),
    ("cancel empty reference", lambda: wire.cancel_request(CREDS, ""), V, "merchant_reference"),
    ("query empty reference", lambda: wire.query_request(CREDS, ""), V, "merchant_reference"),
    # Credentials and the client.
    ("empty api_key", lambda: wire.Credentials("U1", "W1", ""), V, "api_key"),
    ("empty user_id", lambda: wire.Credentials("", "W1", KEY), V, "user_id"),
    ("wallet_id with a space", lambda: wire.Credentials("U1", "W 1", KEY), V, "wallet_id"),
    ("unknown environment", lambda: client(base_url=None, environment="prod"), V, "environment"),
    ("environment and base_url", lambda: client(environment="production"), V, "base_url"),
    ("base_url not a URL", lambda: client(base_url="latipay"), V, "base_url"),
    ("base_url ftp", lambda: client(base_url="ftp://127.0.0.1"), V, "base_url"),
    ("base_url with a query", lambda: client(base_url="http://127.0.0.1:9/?x=1"), V, "base_url"),
    ("negative timeout", lambda: client(timeout=-1), V, "timeout"),
    ("NaN timeout", lambda: client(timeout=float("nan")), V, "timeout"),
    ("zero connect timeout", lambda: client(connect_timeout=0), V, "connect_timeout"),
    ("block timeout under 180 s", lambda: client(block_timeout=60), V, "block_timeout"),
    ("client empty key", lambda: latipay.Client("U1", "W1", "", base_url="http://127.0.0.1:9"), V, "api_key"),
    # sign().
    ("sign with an int value", lambda: latipay.sign({"amount": 12}, KEY), T, "amount"),
    ("sign with a float value", lambda: latipay.sign({"amount": 12.5}, KEY), T, "amount"),
    ("sign with an int key", lambda: latipay.sign({1: "x"}, KEY), T, "params"),
    ("sign a list", lambda: latipay.sign([("a", "1")], KEY), T, "params"),
    ("sign with an empty key", lambda: latipay.sign({"a": "1"}, ""), V, "api_key"),
    ("sign with an empty name", lambda: latipay.sign({"": "1"}, KEY), V, ""),
    ("sorted_message of a str", lambda: signature.sorted_message("a=1"), T, "params"),
    # Arguments of the wrong Python type, everywhere: ArgumentTypeError naming the field.
    ("reference as an int", lambda: create(merchant_reference=123), T, "merchant_reference"),
    ("payment method as None", lambda: create(payment_method=None), T, "payment_method"),
    ("callback_url as bytes", lambda: create(callback_url=b"https://shop.example/n"), T, "callback_url"),
    ("present_qr as 1", lambda: create(present_qr=1), T, "present_qr"),
    ("merchant_hosted as 'yes'", lambda: create(merchant_hosted="yes"), T, "merchant_hosted"),
    ("return_url as a list", lambda: create(return_url=["https://shop.example/done"]), T, "return_url"),
    ("query block as 0", lambda: wire.query_request(CREDS, "order-1", block=0), T, "block"),
    ("credentials as a tuple", lambda: wire.cancel_request(("U1", "W1", KEY), "order-1"), T, "credentials"),
    ("api_key as None", lambda: wire.Credentials("U1", "W1", None), T, "api_key"),
    ("client api_key as bytes", lambda: latipay.Client("U1", "W1", b"key"), T, "api_key"),
    ("timeout as text", lambda: client(timeout="5"), T, "timeout"),
    ("timeout as True", lambda: client(timeout=True), T, "timeout"),
    ("max_retries negative", lambda: client(max_retries=-1), V, "max_retries"),
    ("max_retries as a float", lambda: client(max_retries=2.0), T, "max_retries"),
    ("max_retries too many", lambda: client(max_retries=11), V, "max_retries"),
    ("timeout of 1e19 s", lambda: client(timeout=1e19), V, "timeout"),
    ("timeout over a day", lambda: client(timeout=86401), V, "timeout"),
    ("sign_concat of a str", lambda: signature.sign_concat("abc", KEY), T, "parts"),
    ("sign_concat of ints", lambda: signature.sign_concat([1, 2], KEY), T, "parts"),
    ("sign_concat with an empty key", lambda: signature.sign_concat(["a"], ""), V, "api_key"),
    ("sign_concat with a blank key", lambda: signature.sign_concat(["a"], " \t"), V, "api_key"),
    ("sign with a blank key", lambda: latipay.sign({"a": "1"}, "  "), V, "api_key"),
    ("sign_outcome with a blank key", lambda: signature.sign_outcome(
        merchant_reference="r", payment_method="alipay", status="paid", currency="NZD", amount="1.00",
        api_key=" "), V, "api_key"),
    ("sign_outcome with an empty key", lambda: signature.sign_outcome(
        merchant_reference="r", payment_method="alipay", status="paid", currency="NZD", amount="1.00", api_key=""
    ), V, "api_key"),
    ("parse bytes as the answer", lambda: wire.parse_create_response(b"{}", KEY), T, "body"),
    ("redirect as bytes", lambda: latipay.verify_redirect(b"a=1", KEY), T, "url_or_query"),
    ("transition of None", lambda: latipay.transition(None, "paid"), T, "stored"),
    ("gateway_data of a dict", lambda: client().gateway_data({"nonce": "x"}), T, "created"),
    # Text that is not valid Unicode (a lone surrogate) and Decimals that are no amount.
    ("surrogate in a reference", lambda: create(merchant_reference="a\ud800"), V, "merchant_reference"),
    ("surrogate in a param value", lambda: latipay.sign({"a": "\ud800"}, KEY), V, "a"),
    ("surrogate in a param name", lambda: latipay.sign({"\udfff": "1"}, KEY), V, "params"),
    ("surrogate in a str body", lambda: latipay.verify_notification("a=\ud800", KEY), V, "body"),
    ("surrogate in an amount", lambda: create(amount="1\ud800"), V, "amount"),
    ("Decimal with a huge exponent", lambda: create(amount=decimal.Decimal("1E+999999999999999999")), V, "amount"),
    ("Decimal of 100 million digits", lambda: create(amount=decimal.Decimal("1E+100000000")), V, "amount"),
    ("Decimal with a tiny exponent", lambda: create(amount=decimal.Decimal("1E-100000000")), V, "amount"),
    ("Decimal sNaN", lambda: create(amount=decimal.Decimal("sNaN")), V, "amount"),
    # What Latipay sends: notifications and redirects.
    ("notification with a wrong key", lambda: latipay.verify_notification(GOOD_NOTIFICATION, "wrong"), S, None),
    ("notification amount changed", lambda: latipay.verify_notification(GOOD_NOTIFICATION.replace("120.00", "1.00"), KEY), S, None),
    ("notification status changed", lambda: latipay.verify_notification(GOOD_NOTIFICATION.replace("paid", "pending"), KEY), S, None),
    ("notification without signature", lambda: latipay.verify_notification(GOOD_NOTIFICATION.split("&signature")[0], KEY), S, None),
    ("notification field twice", lambda: latipay.verify_notification(GOOD_NOTIFICATION + "&amount=120.00", KEY), M, None),
    ("notification not UTF-8", lambda: latipay.verify_notification(b"merchant_reference=\xff\xfe", KEY), M, None),
    ("notification as a dict", lambda: latipay.verify_notification({"a": "1"}, KEY), T, "body"),
    ("notification as None", lambda: latipay.verify_notification(None, KEY), T, "body"),
    ("notification with an empty key", lambda: latipay.verify_notification(GOOD_NOTIFICATION, ""), V, "api_key"),
    ("redirect tampered", lambda: latipay.verify_redirect(GOOD_REDIRECT.replace("100.00", "1.00"), KEY), S, None),
    ("redirect URL without query", lambda: latipay.verify_redirect("https://shop.example/done", KEY), M, None),
    ("redirect with a wrong key", lambda: latipay.verify_redirect(GOOD_REDIRECT, "nope"), S, None),
    # Answers parsed with latipay.wire.
    ("create answer not JSON", lambda: wire.parse_create_response("<html>", KEY), M, None),
    ("query answer about another order", lambda: wire.parse_query_response('{"code":201,"message":"no"}', KEY, "x"), latipay.ApiError, None),
    ("barcode answer without order_id", lambda: wire.parse_barcode_response('{"code":0,"message":"ok"}'), M, None),
]


def test_there_are_at_least_fifty() -> None:
    assert len(BAD) >= 50


@pytest.mark.parametrize("name,call,cls,field", BAD, ids=[row[0] for row in BAD])
def test_bad_input_raises_the_right_class(
    name: str, call: Callable[[], Any], cls: Type[latipay.LatipayError], field: Optional[str]
) -> None:
    with pytest.raises(latipay.LatipayError) as caught:
        call()
    error = caught.value
    assert type(error) is cls, f"{name}: {type(error).__name__}: {error}"
    assert error.code == cls.code
    assert error.code in latipay.ERROR_CODES
    assert str(error), "every error says why"
    if field is not None:
        assert isinstance(error, latipay.ValidationError)
        assert error.field == field


def test_a_float_is_a_type_error_that_says_why() -> None:
    with pytest.raises(TypeError, match="float cannot hold money exactly"):
        create(amount=0.1)


def test_validation_errors_are_value_errors() -> None:
    with pytest.raises(ValueError):
        create(ip="nope")


def test_decimal_amounts_are_written_without_exponent() -> None:
    request = create(amount=decimal.Decimal("1.2E+1"))
    assert request.body is not None and '"amount":"12"' in request.body


def test_api_error_carries_latipays_code_and_message() -> None:
    with pytest.raises(latipay.ApiError) as caught:
        wire.parse_cancel_response('{"code":900,"message":"The order has been paid."}')
    assert (caught.value.api_code, caught.value.api_message) == (900, "The order has been paid.")


def test_every_core_code_has_one_exception_class() -> None:
    classes = [
        latipay.ValidationError,
        latipay.InvalidSignatureError,
        latipay.ApiError,
        latipay.HttpStatusError,
        latipay.TransportError,
        latipay.TimeoutError,
        latipay.MalformedResponseError,
    ]
    assert tuple(c.code for c in classes) == latipay.ERROR_CODES
    assert get_args(ErrorCode) == latipay.ERROR_CODES, "the Literal type lists the codes"
    with pytest.raises(TypeError):
        latipay.ERROR_CODES[0] = "changed"  # type: ignore[index]
    assert all(issubclass(c, latipay.LatipayError) for c in classes)
    assert issubclass(latipay.TimeoutError, TimeoutError)
    assert issubclass(latipay.TransportError, ConnectionError)


EVERY_CLASS = [
    latipay.ValidationError("bad", field="amount", code="invalid_argument"),
    latipay.ArgumentTypeError("bad", field="amount", code="invalid_argument"),
    latipay.InvalidSignatureError("bad", what="notification", code="invalid_signature"),
    latipay.ApiError("bad", api_code=550, api_message="Refund amount exceeds", code="api_error"),
    latipay.HttpStatusError("bad", status=502, url="https://api.latipay.net/refund", code="http_status"),
    latipay.TransportError("bad", code="transport"),
    latipay.TimeoutError("bad", code="timeout"),
    latipay.MalformedResponseError("bad", what="query response", code="malformed_response"),
]


@pytest.mark.parametrize("error", EVERY_CLASS, ids=[type(e).__name__ for e in EVERY_CLASS])
def test_exceptions_pickle_with_their_details(error: latipay.LatipayError) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (str(copy), vars(copy)) == (str(error), vars(error))


def test_a_raised_exception_pickles_too() -> None:
    import pickle

    with pytest.raises(latipay.ApiError) as caught:
        wire.parse_refund_response('{"code":550,"message":"Refund amount exceeds"}')
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.code, copy.api_code, copy.api_message) == ("api_error", 550, "Refund amount exceeds")


def test_a_dict_subclass_is_read_through_its_own_items() -> None:
    class FirstValues(dict):  # type: ignore[type-arg]  # like werkzeug's MultiDict
        def items(self):  # type: ignore[no-untyped-def]
            return [(k, v[0]) for k, v in super().items()]

    form = FirstValues(merchant_reference=["6000324"], user_id=["U000000013"])
    assert latipay.sign(form, KEY) == latipay.sign({"merchant_reference": "6000324", "user_id": "U000000013"}, KEY)


def test_nothing_verifies_under_an_empty_key() -> None:
    parts = ["dsi39ej430sks03", "alipay", "paid", "NZD", "120.00"]
    import hashlib
    import hmac

    empty_key_mac = hmac.new(b"", "".join(parts).encode(), hashlib.sha256).hexdigest()
    assert not signature.verify_concat(parts, "", empty_key_mac)
    for blank in [" ", "\t", "\u3000", "\u200b"]:
        forged = hmac.new(blank.encode(), "".join(parts).encode(), hashlib.sha256).hexdigest()
        assert not signature.verify_concat(parts, blank, forged)
        forged = hmac.new(blank.encode(), f"a=1{blank}".encode(), hashlib.sha256).hexdigest()
        assert not signature.verify_sorted({"a": "1"}, blank, forged)
    assert signature.verify_concat(parts, KEY, signature.sign_concat(parts, KEY))


def test_a_decimal_subclass_cannot_hide_a_huge_exponent() -> None:
    class Disguised(decimal.Decimal):
        def is_finite(self) -> bool:
            return True

        def adjusted(self) -> int:
            return 0

        def as_tuple(self) -> decimal.DecimalTuple:
            return decimal.DecimalTuple(0, (1,), 0)

    with pytest.raises(latipay.ValidationError, match="out of range"):
        latipay.Amount(Disguised("1E+300000000"))
