"""The api_key never shows: not in a repr, not in an error's text, not even
when a server or a sender echoes it back."""

from __future__ import annotations

import http.server
import json
import pickle
import threading
import traceback
from typing import Any, Iterator

import pytest

import latipay
from latipay import wire

SECRET = "s3cr3t-api-key-0042"
LONG_SECRET = "k+/=" * 20 + "s3cr3t"  # longer than the 40 characters an error quotes
QUOTED_SECRET = 'k"ey\\with-quotes-s3cr3t'  # written escaped when quoted


def texts(error: BaseException) -> str:
    """Everything a log or a crash report could show of an exception."""
    shown = [str(error), repr(error), "".join(traceback.format_exception(type(error), error, error.__traceback__))]
    shown += [repr(v) for v in vars(error).values()]
    shown.append(repr(pickle.loads(pickle.dumps(error))))
    return "\n".join(shown)


class Echo(http.server.BaseHTTPRequestHandler):
    """A server that puts the api_key it should never know into its answers."""

    def do_GET(self) -> None:  # noqa: N802
        self.answer(json.dumps({"code": 206, "message": f"bad signature for key {SECRET}"}))

    def do_POST(self) -> None:  # noqa: N802
        self.answer(f"<html>{SECRET} is not JSON</html>")

    def answer(self, body: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def echo_client() -> Iterator[latipay.Client]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield latipay.Client("U1", "W1", SECRET, base_url=f"http://127.0.0.1:{server.server_address[1]}")
    server.shutdown()


def test_client_and_credentials_reprs() -> None:
    client = latipay.Client("U1", "W1", SECRET)
    credentials = wire.Credentials("U1", "W1", SECRET)
    for shown in (repr(client), str(client), repr(credentials), str(credentials)):
        assert SECRET not in shown
        assert latipay.REDACTED in shown


def test_reprs_hide_the_key_passed_as_an_id_by_mistake() -> None:
    shown = [
        repr(latipay.Client(SECRET, "W1", SECRET)),
        repr(latipay.Client("U1", SECRET, SECRET)),
        repr(latipay.AsyncClient(SECRET, SECRET, SECRET)),
        repr(wire.Credentials(SECRET, SECRET, SECRET)),
    ]
    for text in shown:
        assert SECRET not in text, text
        assert text.count(latipay.REDACTED) >= 2, text


def test_an_echoed_key_in_an_api_error_is_redacted(echo_client: latipay.Client) -> None:
    with pytest.raises(latipay.ApiError) as caught:
        echo_client.query("order-1")
    assert SECRET not in texts(caught.value)
    assert latipay.REDACTED in caught.value.api_message


def test_an_echoed_key_in_a_malformed_answer_is_redacted(echo_client: latipay.Client) -> None:
    with pytest.raises(latipay.MalformedResponseError) as caught:
        echo_client.cancel("order-1")
    assert SECRET not in texts(caught.value)


@pytest.mark.parametrize(
    "call",
    [
        lambda: latipay.verify_notification(f"merchant_reference={SECRET}&merchant_reference=x", SECRET),
        lambda: latipay.verify_notification(f"merchant_reference={SECRET}&amount=1&signature=00", SECRET),
        lambda: latipay.verify_redirect(f"https://shop.example/{SECRET}", SECRET),
        lambda: wire.parse_query_response(json.dumps({"code": 1, "message": SECRET}), SECRET, "x"),
        lambda: wire.parse_create_response(f"not json {SECRET}", SECRET),
        lambda: wire.Credentials(SECRET + " ", "W1", SECRET),
        lambda: wire.Credentials(LONG_SECRET, "W1", LONG_SECRET),
        lambda: wire.Credentials(QUOTED_SECRET, "W1", QUOTED_SECRET),
        lambda: latipay.Client("U1", "W1", SECRET, environment=SECRET),
        lambda: latipay.Client("U1", "W1", LONG_SECRET, environment=LONG_SECRET),
        lambda: latipay.Client("U1", "W1", SECRET, base_url=f"ftp://{SECRET}"),
        lambda: latipay.Client(SECRET + " ", "W1", SECRET),
        lambda: latipay.Client("U1", "W1", SECRET).create_transaction(
            "o-1", SECRET, "alipay", "p", callback_url="https://a.example/n", ip="1.2.3.4", return_url="https://a.example/r"
        ),
        lambda: latipay.Client("U1", "W1", SECRET).refund("o-1", SECRET),
        lambda: wire.barcode_request(wire.Credentials("U1", "W1", SECRET), "p-1", SECRET, "134588558514585062"),
        lambda: wire.create_transaction_request(
            wire.Credentials("U1", "W1", SECRET), "o-1", "1.00", SECRET, "p",
            callback_url="https://a.example/n", ip="1.2.3.4", return_url="https://a.example/r",
        ),
    ],
    ids=[
        "duplicate field", "bad signature", "URL without query", "api message", "not JSON", "bad user_id",
        "long key as user_id", "quoted key as user_id", "key as environment", "long key as environment",
        "key in base_url", "key as client user_id", "key as amount", "key as refund amount",
        "key as barcode amount", "key as payment method",
    ],
)
def test_errors_from_functions_given_the_key_never_show_it(call: Any) -> None:
    with pytest.raises(latipay.LatipayError) as caught:
        call()
    shown = texts(caught.value)
    for secret in (SECRET, LONG_SECRET, QUOTED_SECRET):
        assert secret[:12] not in shown and "s3cr3t" not in shown


def test_the_key_is_not_an_attribute() -> None:
    client = latipay.Client("U1", "W1", SECRET)
    assert not any(SECRET in repr(getattr(client, name, None)) for name in dir(client) if not name.startswith("__"))


@pytest.mark.parametrize(
    "call",
    [
        lambda: latipay.sign({SECRET: 1}, SECRET),
        lambda: latipay.sign({"x" + SECRET: "\ud800"}, SECRET),
        lambda: latipay.sign(_Pairs([(SECRET, "1"), (SECRET, "2")]), SECRET),
        lambda: latipay.signature.verify_sorted({SECRET: 1}, SECRET, "0" * 64),
        lambda: latipay.Client("U1", "W1", SECRET, **{SECRET: 1}),
        lambda: latipay.Client("U1", "W1", SECRET, **{"base_" + SECRET: "https://a.example"}),
        lambda: latipay.Client("U1", "W1", SECRET).query("o-1", **{SECRET: True}),
        lambda: latipay.Client("U1", "W1", SECRET).create_transaction(
            "o-1", "1.00", "alipay", "p", callback_url="https://a.example/n", ip="1.2.3.4", **{SECRET: "x"}
        ),
        lambda: latipay.Client("U1", "W1", SECRET).refund("o-1", "1.00", **{SECRET: "x"}),
        lambda: latipay.Client("U1", "W1", SECRET).cancel("o-1", **{SECRET: "x"}),
        lambda: latipay.Client("U1", "W1", SECRET).barcode("o-1", "1.00", "134588558514585062", **{SECRET: "x"}),
        lambda: latipay.sign({"a": "1"}, SECRET, **{SECRET: 1}),
        lambda: latipay.verify_notification(b"a=1", SECRET, **{SECRET: 1}),
        lambda: latipay.verify_redirect("?a=1", SECRET, **{SECRET: 1}),
        lambda: latipay.signature.sign_outcome(
            merchant_reference="o", payment_method="alipay", status="paid", currency="NZD", amount="1.00",
            api_key=SECRET, **{SECRET: 1},
        ),
        lambda: wire.Credentials("U1", "W1", SECRET, **{SECRET: 1}),
        lambda: wire.query_request(wire.Credentials("U1", "W1", SECRET), "o-1", **{SECRET: True}),
        lambda: wire.parse_query_response("{}", SECRET, "o-1", **{SECRET: 1}),
    ],
    ids=["sign value type", "sign lone surrogate", "sign repeated name", "verify_sorted", "Client option",
         "Client option containing the key", "query keyword", "create keyword", "refund keyword",
         "cancel keyword", "barcode keyword", "sign keyword", "verify_notification keyword",
         "verify_redirect keyword", "sign_outcome keyword", "Credentials keyword", "query_request keyword",
         "parse_query_response keyword"],
)
def test_the_key_used_as_a_name_never_shows(call: Any) -> None:
    with pytest.raises(latipay.LatipayError) as caught:
        call()
    assert SECRET not in texts(caught.value)


class _Pairs(dict):  # type: ignore[type-arg]
    """A mapping whose items() may repeat a name, as werkzeug's MultiDict can."""

    def __init__(self, pairs: "list[tuple[str, str]]") -> None:
        super().__init__(pairs)
        self.pairs = pairs

    def items(self) -> Any:
        return self.pairs


def test_an_unknown_keyword_is_a_type_error_naming_it() -> None:
    with pytest.raises(TypeError) as caught:
        latipay.Client("U1", "W1", SECRET, timeot=5)
    assert "Client() got an unexpected keyword argument 'timeot'" in str(caught.value)
    with pytest.raises(TypeError) as caught:
        latipay.Client("U1", "W1", SECRET).query("o-1", blok=True)
    assert "Client.query() got an unexpected keyword argument 'blok'" in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://merchant:pa55word@api.example",
        "http://pa55word@127.0.0.1:8450",
        "ftp://merchant:pa55word@x",
        "https://merchant:2024/pa55word@api.example",
        "https://merchant:pa55?word#x@api.example",
    ],
)
def test_a_base_url_with_credentials_is_refused_and_never_shown(url: str) -> None:
    with pytest.raises(latipay.ValidationError) as caught:
        latipay.Client("U1", "W1", SECRET, base_url=url)
    assert caught.value.field == "base_url"
    assert "pa55word" not in texts(caught.value)
