#!/usr/bin/env python3
"""Writes tests/vectors/*.json, the known answers every suite (Rust, Python,
Node, Kotlin) reads.

Signatures here come from this file's own stdlib implementation of Latipay's
two rules (hmac + hashlib), never from the library under test, and every known
answer printed in ../shared/spec/API.md is asserted before anything is written.

    python3 tests/vectors/generate.py          # rewrite the files
    python3 tests/vectors/generate.py --check  # fail if they are out of date
"""

import base64
import hashlib
import hmac
import json
import struct
import sys
import zlib
from pathlib import Path
from urllib.parse import quote

KEY = "111222333"
HERE = Path(__file__).resolve().parent
PLACEHOLDER = "14d5b06a2a5a2ec509a148277ed4cbeb3c43301b239f080a3467ff0aba4070e3"


def mac(message: str, key: str = KEY) -> str:
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()


def sorted_message(params: dict) -> str:
    kept = sorted((k, v) for k, v in params.items() if k != "signature" and v not in (None, ""))
    return "&".join(f"{k}={v}" for k, v in kept)


def rule_a(params: dict, key: str = KEY) -> str:
    return mac(sorted_message(params) + key, key)


def rule_b(*parts: str, key: str = KEY) -> str:
    return mac("".join(parts), key)


def form(pairs) -> str:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


# ------------------------------------------------------------------ grammar
# What rule B's five fields must be before a signature over them counts. Rule B
# concatenates without separators, so every other cut of a signed message must
# fail; these are written here from the spec, independently of the library.
METHODS = ["alipay", "wechat", "onlineBank", "moneymore", "polipay", "payid", "upi_upop", "coin_payments"]
STATUSES = ["pending", "paid", "failed", "canceled", "rejected"]
SIGNED = ["merchant_reference", "payment_method", "status", "currency", "amount"]
REF_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


def is_amount(text: str) -> bool:
    whole, dot, frac = text.partition(".")
    return (whole.isascii() and whole.isdigit() and len(whole) <= 12 and (whole == "0" or not whole.startswith("0"))
            and (not dot or (frac.isascii() and frac.isdigit() and len(frac) <= 2))
            and int(whole) * 100 + int((frac or "0").ljust(2, "0")) > 0)


def first_outside(fields, redirect=False):
    """The first of rule B's fields (in its order) outside its grammar, or None."""
    ref, method, status, currency, amount = fields
    checks = [
        0 < len(ref) <= 64 and set(ref) <= REF_CHARS and ref not in (".", ".."),
        method in METHODS,
        status in STATUSES + (["cancel_or_fail"] if redirect else []),
        len(currency) == 3 and currency.isascii() and currency.isalpha() and currency.isupper(),
        is_amount(amount),
    ]
    return next((SIGNED[i] for i, ok in enumerate(checks) if not ok), None)


def recuts(fields, redirect=False):
    """Every cut of the fields' concatenation with one boundary moved by 1-3
    characters either way (a field may become empty): (name, parts, the field
    named), all must fail."""
    out = []
    for b in range(4):
        for by in (-3, -2, -1, 1, 2, 3):
            left, right = fields[b], fields[b + 1]
            joined, at = left + right, len(left) + by
            parts = list(fields)
            parts[b], parts[b + 1] = joined[:at], joined[at:]
            field = first_outside(parts, redirect)
            assert field is not None, parts  # rule B's split is unique
            out.append((f"boundary {SIGNED[b]}|{SIGNED[b + 1]} moved {by:+d}: {' '.join(parts)}", parts, field))
    return out


# ---------------------------------------------------------------- signatures
CREATE = {
    "user_id": "U000334333",
    "wallet_id": "W00000001",
    "amount": "120.00",
    "payment_method": "alipay",
    "return_url": "https://merchantsite.com/checkout",
    "callback_url": "https://merchantsite.com/confirm",
    "merchant_reference": "dsi39ej430sks03",
    "ip": "122.122.122.1",
    "version": "2.0",
    "product_name": "Pinot Noir, Otago",
}
CREATE_OFFLINE = dict(CREATE, host_type="1", return_url="")
NONCE = "7d5a88119354301ad3fc250404493bd27abf4467283a061d1ed11860a46e1bf3"
HOST = "https://pay.latipay.net/pay"

SPEC = {  # API.md's "Known answers" table, copied by hand.
    "create": "8d1bea078eaacdae8388852851ec39e2e8561cdce64f359421d85ed4844496ec",
    "create_offline": "14b8268bd86e1815c192debb1d13a16ab1fe008f49e57eea5d64aaf111a8ed67",
    "notification": "840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1",
    "redirect": "af44a20896aa5c9e28f816eedc71043c1e17929444c988844830ae4ea8ecb622",
    "create_response": "486c14127626fd5ba49a8a331409ce970c8a20142df463a3427c26ea57409e7a",
    "query_request": "58f93f458880120d650611f2452917a25a39edc2f5e3a03baac73a7a49bc81f4",
    "refund": "3052b51072570b743bf9a12a20a45b0adf280aee84907ef0e54d1079fb3f961c",
    "barcode": "e66d54f711bc6a1dde59838c8b0de73ccc8b025a2ae65ae878216f010a05f599",
    "cancel": "20d55646730202fcbe9e763a900f2fa4d601ba58414ef18ef446dd2cb82a4b9b",
}


def sorted_case(name, params, expected, valid=True):
    message = sorted_message(params) + KEY
    case = {"name": name, "rule": "sorted", "params": params, "message": message, "signature": expected,
            "valid": valid}
    assert (mac(message) == expected) == valid, name
    return case


def concat_case(name, parts, expected, valid=True):
    case = {"name": name, "rule": "concat", "parts": parts, "message": "".join(parts), "signature": expected,
            "valid": valid}
    assert (rule_b(*parts) == expected) == valid, name
    return case


def signatures():
    q = {"merchant_reference": "6000324", "user_id": "U000000013"}
    refund = {"user_id": "U000334333", "order_id": "23479798sdf7987234", "refund_amount": "120.00",
              "reference": "notes about this refund"}
    barcode = {"user_id": "U00001534", "wallet_id": "W00000001", "amount": "0.05",
               "pay_code": "134588558514585062"}
    cancel = {"user_id": "U000000013", "merchant_reference": "9872428736782682"}
    return {
        "description": "Both signature rules, api_key 111222333. `message` is exactly what is HMACed "
                       "(for rule A: the sorted string with the api_key appended). valid=false cases are "
                       "signatures printed in Latipay's public examples that match nothing: they must fail.",
        "api_key": KEY,
        "cases": [
            sorted_case("create transaction", CREATE, SPEC["create"]),
            sorted_case("merchant hosted offline create (empty return_url dropped)", CREATE_OFFLINE,
                        SPEC["create_offline"]),
            sorted_case("query request", q, SPEC["query_request"]),
            sorted_case("refund", refund, SPEC["refund"]),
            sorted_case("barcode (as documented: without merchant_reference, which the library always sends)",
                        barcode, SPEC["barcode"]),
            sorted_case("cancel", cancel, SPEC["cancel"]),
            sorted_case("null and empty values and the signature key are ignored",
                        dict(q, is_block=None, note="", signature="ffff"), SPEC["query_request"]),
            sorted_case("byte order: upper case sorts before lower case",
                        {"b": "1", "backPage_url": "https://a.example/back", "Z": "2"},
                        rule_a({"b": "1", "backPage_url": "https://a.example/back", "Z": "2"})),
            sorted_case("values are not URL-encoded (spaces, commas, ampersands, UTF-8)",
                        {"product_name": "红酒 & Pinot, 2019", "amount": "0.10"},
                        rule_a({"product_name": "红酒 & Pinot, 2019", "amount": "0.10"})),
            concat_case("notification / query response", ["dsi39ej430sks03", "alipay", "paid", "NZD", "120.00"],
                        SPEC["notification"]),
            concat_case("redirect example, amount 100.00", ["dsi39ej430sks03", "alipay", "paid", "NZD", "100.00"],
                        SPEC["redirect"]),
            concat_case("create response", [NONCE, HOST], SPEC["create_response"]),
            concat_case("amount text matters: 120.0 is not 120.00",
                        ["dsi39ej430sks03", "alipay", "paid", "NZD", "120.0"], SPEC["notification"], valid=False),
            concat_case("public placeholder on the create response", [NONCE, HOST], PLACEHOLDER, valid=False),
            concat_case("public placeholder on the redirect example",
                        ["dsi39ej430sks03", "alipay", "paid", "NZD", "100.00"], PLACEHOLDER, valid=False),
            concat_case("public placeholder on the query response example",
                        ["dsi39ej430sks03", "wechat", "paid", "AUD", "120.00"], PLACEHOLDER, valid=False),
            sorted_case("public placeholder on the query request example",
                        {"merchant_reference": "1289323A122DB", "user_id": "U000334333"}, PLACEHOLDER,
                        valid=False),
        ],
    }


# ------------------------------------------------------------- notifications
DOC_BODY = ("merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay&status=paid"
            "&pay_time=2017-07-07%2010%3A53%3A50&signature=" + SPEC["notification"])
PAID = {"merchant_reference": "dsi39ej430sks03", "order_id": None, "payment_method": "alipay", "status": "paid",
        "currency": "NZD", "amount": "120.00", "pay_time_raw": "2017-07-07 10:53:50",
        "pay_time": "2017-07-07T10:53:50+08:00", "extra": {}}


def signed_fields(ref, method, status, currency, amount, key=KEY):
    return [("merchant_reference", ref), ("payment_method", method), ("status", status), ("currency", currency),
            ("amount", amount), ("signature", rule_b(ref, method, status, currency, amount, key=key))]


def notifications():
    payid = signed_fields("PID-77", "payid", "paid", "AUD", "15.50") + [
        ("order_id", "20181213000012345"), ("pay_time", "2018-12-13 09:01:02"), ("message", "OK"),
        ("payId", "merchant@example.com"), ("blockData", "a=b&c=d")]
    pending = signed_fields("ord-9", "wechat", "pending", "NZD", "0.10") + [("pay_time", "")]
    odd_time = signed_fields("ord-10", "alipay", "paid", "NZD", "1.00") + [("pay_time", "2018-12-13T09:01:02Z")]
    ok = lambda name, body, expect: {"name": name, "body": body, "api_key": KEY, "expect": expect}
    bad = lambda name, body, code, key=KEY: {"name": name, "body": body, "api_key": key, "expect_error": code}

    def outside(name, fields, field):
        assert first_outside(fields) == field, (name, fields)
        return bad(name, form(signed_fields(*fields)), {"code": "malformed_response", "field": field})

    doc = ["dsi39ej430sks03", "alipay", "paid", "NZD", "120.00"]
    recut = [bad(name, form(list(zip(SIGNED, parts)) + [("signature", SPEC["notification"])]),
                 {"code": "malformed_response", "field": field}) for name, parts, field in recuts(doc)]
    return {
        "description": "Raw application/x-www-form-urlencoded bodies as Latipay POSTs them to callback_url. "
                       "`pay_time` is the parsed time in RFC 3339 (UTC+08:00) or null; `extra` holds every "
                       "field that is neither signed nor order_id/pay_time. Rule B has no separators: the "
                       "'boundary' cases cut the documented message elsewhere (each one boundary moved by 1-3 "
                       "characters, under the documented signature) and must fail as malformed_response "
                       "naming the first field, in rule B's order, outside its grammar.",
        "cases": [
            ok("documented example", DOC_BODY, PAID),
            ok("'+' encodes a space", DOC_BODY.replace("%20", "+"), PAID),

            ok("extra fields are kept, not signed", DOC_BODY + "&amount_cny=560.00&rate=4.6667",
               dict(PAID, extra={"amount_cny": "560.00", "rate": "4.6667"})),
            ok("PayID with order_id and its extra fields", form(payid),
               {"merchant_reference": "PID-77", "order_id": "20181213000012345", "payment_method": "payid",
                "status": "paid", "currency": "AUD", "amount": "15.50", "pay_time_raw": "2018-12-13 09:01:02",
                "pay_time": "2018-12-13T09:01:02+08:00",
                "extra": {"message": "OK", "payId": "merchant@example.com", "blockData": "a=b&c=d"}}),
            ok("pending with an empty pay_time", form(pending),
               {"merchant_reference": "ord-9", "order_id": None, "payment_method": "wechat", "status": "pending",
                "currency": "NZD", "amount": "0.10", "pay_time_raw": None, "pay_time": None, "extra": {}}),
            ok("pay_time in another form is kept raw, not guessed", form(odd_time),
               {"merchant_reference": "ord-10", "order_id": None, "payment_method": "alipay", "status": "paid",
                "currency": "NZD", "amount": "1.00", "pay_time_raw": "2018-12-13T09:01:02Z", "pay_time": None,
                "extra": {}}),

            bad("public placeholder signature", DOC_BODY.replace(SPEC["notification"], PLACEHOLDER),
                "invalid_signature"),
            bad("amount reformatted (120.0)", DOC_BODY.replace("amount=120.00", "amount=120.0"), "invalid_signature"),
            bad("status tampered", DOC_BODY.replace("status=paid", "status=failed"), "invalid_signature"),
            bad("wrong api_key", DOC_BODY, "invalid_signature", key="999999999"),
            bad("signature missing", DOC_BODY.split("&signature=")[0], "invalid_signature"),
            bad("signature with a leading space", DOC_BODY.replace("signature=", "signature=%20"),
                "invalid_signature"),
            bad("signature truncated", DOC_BODY[:-2], "invalid_signature"),
            bad("upper-case hex signature (not the canonical form)",
                DOC_BODY.replace(SPEC["notification"], SPEC["notification"].upper()), "invalid_signature"),
            bad("percent-encoded signature (not as Latipay writes it)",
                DOC_BODY.replace(SPEC["notification"], "".join(f"%{ord(c):02X}" for c in SPEC["notification"])),
                "invalid_signature"),
            outside("an undocumented status", ["ord-11", "alipay", "refunded", "NZD", "1.00"], "status"),
            outside("a status in the wrong case", ["ord-11", "alipay", "Paid", "NZD", "1.00"], "status"),
            outside("cancel_or_fail, which only a redirect carries", ["ord-11", "wechat", "cancel_or_fail", "NZD",
                                                                       "1.00"], "status"),
            outside("a payment method this library does not know", ["ord-11", "latipay_card", "paid", "NZD", "1.00"],
                    "payment_method"),
            outside("a payment method in the wrong case", ["ord-11", "Alipay", "paid", "NZD", "1.00"],
                    "payment_method"),
            outside("a lower-case currency", ["ord-11", "alipay", "paid", "nzd", "1.00"], "currency"),
            outside("an amount with three decimals", ["ord-11", "alipay", "paid", "NZD", "1.000"], "amount"),
            outside("an amount with a leading zero", ["ord-11", "alipay", "paid", "NZD", "01.00"], "amount"),
            outside("a zero amount", ["ord-11", "alipay", "paid", "NZD", "0.00"], "amount"),
            outside("a merchant_reference the request builder refuses", ["ord 11", "alipay", "paid", "NZD", "1.00"],
                    "merchant_reference"),
            bad("empty body", "", "invalid_signature"),
            bad("status missing", DOC_BODY.replace("&status=paid", ""), "malformed_response"),
            bad("amount empty", DOC_BODY.replace("amount=120.00", "amount="), "malformed_response"),
            bad("duplicate status", DOC_BODY + "&status=paid", "malformed_response"),
            bad("duplicate signature", DOC_BODY + "&signature=" + SPEC["notification"], "malformed_response"),
            bad("invalid UTF-8 after decoding", DOC_BODY + "&note=%FF", "malformed_response"),
            bad("empty api_key", DOC_BODY, "invalid_argument", key=""),
        ] + recut,
    }


# ----------------------------------------------------------------- redirects
def redirects():
    query = form(signed_fields("dsi39ej430sks03", "alipay", "paid", "NZD", "100.00"))
    assert SPEC["redirect"] in query
    wechat = form(signed_fields("wx-1", "wechat", "cancel_or_fail", "CNY", "8.88"))
    expect = {"merchant_reference": "dsi39ej430sks03", "payment_method": "alipay", "status": "paid",
              "currency": "NZD", "amount": "100.00", "extra": {}}
    ok = lambda name, i, e: {"name": name, "input": i, "api_key": KEY, "expect": e}
    bad = lambda name, i, code: {"name": name, "input": i, "api_key": KEY, "expect_error": code}
    fields = ["dsi39ej430sks03", "alipay", "paid", "NZD", "100.00"]
    recut = [bad(name, form(list(zip(SIGNED, parts)) + [("signature", SPEC["redirect"])]),
                 {"code": "malformed_response", "field": field})
             for name, parts, field in recuts(fields, redirect=True)]
    public = ("https://www.merchant.com/latipay?merchant_reference=dsi39ej430sks03&payment_method=alipay"
              "&status=paid&currency=NZD&amount=100.00&signature= " + PLACEHOLDER)
    return {
        "description": "return_url redirects: a full URL, a request target ('/path?query') or a query string, "
                       "with or without '?'; the 'boundary' cases re-cut the example's signed message and must "
                       "fail as malformed_response naming the field outside its grammar. "
                       "For display only: never fulfil an order from a redirect.",
        "cases": [
            ok("full URL", "https://www.merchant.com/latipay?" + query, expect),
            ok("request target, as a web framework gives it", "/latipay/return?" + query, expect),
            ok("query string", query, expect),
            ok("query string with '?'", "?" + query, expect),
            ok("fragment ignored", "https://shop.example/done?" + query + "#top", expect),
            ok("merchant's own parameters are kept as extra", "https://shop.example/done?cart=42&" + query,
               dict(expect, extra={"cart": "42"})),
            ok("a query string whose value holds '?' and '://'", query + "&next=%2Fpay%3Fa%3D1&x=a?b://c",
               dict(expect, extra={"next": "/pay?a=1", "x": "a?b://c"})),
            ok("wechat cancel_or_fail", wechat,
               {"merchant_reference": "wx-1", "payment_method": "wechat", "status": "cancel_or_fail",
                "currency": "CNY", "amount": "8.88", "extra": {}}),
            bad("the public example (placeholder signature)", public, "invalid_signature"),
            bad("amount tampered", query.replace("100.00", "1.00"), "invalid_signature"),
            bad("URL without a query", "https://shop.example/done", "malformed_response"),
            bad("request target without a query", "/latipay/return", "malformed_response"),
            bad("currency missing", query.replace("&currency=NZD", ""), "malformed_response"),
            bad("duplicate amount", query + "&amount=100.00", "malformed_response"),
            bad("upper-case hex signature", query.replace(SPEC["redirect"], SPEC["redirect"].upper()),
                "invalid_signature"),
            bad("an undocumented status", form(signed_fields("wx-1", "wechat", "closed", "CNY", "8.88")),
                {"code": "malformed_response", "field": "status"}),
        ] + recut,
    }


# ---------------------------------------------------------------- responses
def gateway_data():
    data = {"order_id": "2019012300001", "nonce": NONCE, "payment_method": "wechat", "amount": "@0.10",
            "amount_cny": "@0.47", "currency": "NZD", "product_name": "Flat white", "organisation_id": "@42",
            "organisation_name": "Otago Coffee", "user_id": "U000334333", "user_name": "otago",
            "wallet_id": "W00000001", "wallet_name": "Shop NZD", "qr_code": "data:image/png;base64," + TINY_PNG,
            "qr_code_url": "weixin://wxpay/bizpayurl?pr=abc123", "currency_rate": "@4.7",
            "merchant_reference": "pos-1001"}
    # "@" marks a JSON number: signed by its JSON text.
    signed = {k: v.lstrip("@") for k, v in data.items()}
    data_json = ", ".join(
        f'"{k}": {v[1:]}' if v.startswith("@") else f'"{k}": {json.dumps(v, ensure_ascii=False)}'
        for k, v in data.items())
    sig = rule_a(signed)
    body = '{"code": 0, "message": "SUCCESS", "data": {' + data_json + f', "signature": "{sig}"' + "}}"
    tampered = body.replace('"amount": 0.10', '"amount": 0.1')
    # Rule A re-cut: user_id's "&user_id=…" moved into qr_code_url, the message unchanged.
    moved = '"qr_code_url": "weixin://wxpay/bizpayurl?pr=abc123"'
    recut = body.replace(moved, moved[:-1] + '&user_id=U000334333"').replace('"user_id": "U000334333", ', "")
    recut_signed = {k: v for k, v in signed.items() if k != "user_id"}
    recut_signed["qr_code_url"] += "&user_id=U000334333"
    assert rule_a(recut_signed) == sig and recut != body
    expect = {"merchant_reference": "pos-1001", "order_id": "2019012300001", "nonce": NONCE,
              "payment_method": "wechat", "amount": "0.10", "currency": "NZD", "amount_cny": "0.47",
              "product_name": "Flat white", "organisation_name": "Otago Coffee",
              "qr_code_url": "weixin://wxpay/bizpayurl?pr=abc123", "qr_code_png_base64": TINY_PNG}
    return body, tampered, recut, expect


def tiny_png() -> str:
    """A valid 1x1 grey PNG, base64: lets a test check that the QR picture decodes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))
    return base64.b64encode(png).decode()


TINY_PNG = tiny_png()


def responses():
    create_ok = json.dumps({"code": 0, "message": "SUCCESS", "messageCN": "操作成功", "host_url": HOST,
                            "nonce": NONCE, "signature": SPEC["create_response"]}, ensure_ascii=False)
    created = {"host_url": HOST, "nonce": NONCE, "payment_url": f"{HOST}/{NONCE}"}
    q_sig = SPEC["notification"]
    query_num = ('{"code": 0, "message": "SUCCESS", "merchant_reference": "dsi39ej430sks03", '
                 '"order_id": "201834687346343", "currency": "NZD", "amount": 120.00, "amount_cny": 560.12, '
                 '"payment_method": "alipay", "status": "paid", "pay_time": "2017-07-07 10:53:50", '
                 f'"signature": "{q_sig}"' + "}")
    query_expect = {"merchant_reference": "dsi39ej430sks03", "order_id": "201834687346343",
                    "payment_method": "alipay", "status": "paid", "currency": "NZD", "amount": "120.00",
                    "pay_time_raw": "2017-07-07 10:53:50", "pay_time": "2017-07-07T10:53:50+08:00",
                    "extra": {"amount_cny": "560.12"}}
    query_doc = json.dumps({"merchant_reference": "dsi39ej430sks03", "currency": "AUD", "amount": "120.00",
                            "payment_method": "wechat", "status": "paid", "pay_time": "2017-07-07 10:53:50",
                            "order_id": "201834687346343", "signature": PLACEHOLDER})
    gw_body, gw_tampered, gw_recut, gw_expect = gateway_data()
    doc = ["dsi39ej430sks03", "alipay", "paid", "NZD", "120.00"]

    def query_of(parts, signature=q_sig):
        body = {"code": 0, "message": "SUCCESS", **dict(zip(SIGNED, parts)), "signature": signature}
        return json.dumps(body)

    ok = lambda name, op, body, expect, **kw: dict({"name": name, "op": op, "body": body, "api_key": KEY,
                                                    "expect": expect}, **kw)
    bad = lambda name, op, body, code, api_code=None, field=None, **kw: dict(
        {"name": name, "op": op, "body": body, "api_key": KEY,
         "expect_error": {"code": code, **({"api_code": api_code} if api_code is not None else {}),
                          **({"field": field} if field is not None else {})}}, **kw)
    ref = {"merchant_reference": "dsi39ej430sks03"}
    query_recut = [bad(f"query: {name}", "query", query_of(parts), "malformed_response", field=field,
                       merchant_reference=parts[0])
                   for name, parts, field in recuts(doc)]
    create_recut = []
    for by in (-3, -2, -1, 1, 2, 3):
        joined, at = NONCE + HOST, len(NONCE) + by
        nonce, host = joined[:at], joined[at:]
        field = "nonce" if not all(c.isalnum() or c in "-_" for c in nonce) else "host_url"
        create_recut.append(bad(f"create: boundary nonce|host_url moved {by:+d}", "create_transaction",
                                create_ok.replace(NONCE, nonce).replace(HOST, host), "malformed_response",
                                field=field))
    return {
        "description": "JSON response bodies and what parsing them gives. `op` names the call they answer; "
                       "query cases carry the merchant_reference asked for. HTTP status is always 200.",
        "cases": [
            ok("create: documented nonce and host_url", "create_transaction", create_ok, created),
            ok("create: code as a string", "create_transaction", create_ok.replace('"code": 0', '"code": "0"'),
               created),
            bad("create: public placeholder signature", "create_transaction",
                create_ok.replace(SPEC["create_response"], PLACEHOLDER), "invalid_signature"),
            bad("create: host_url swapped", "create_transaction",
                create_ok.replace(HOST, "https://evil.example/pay"), "invalid_signature"),
            bad("create: wrong signature reported by Latipay", "create_transaction",
                '{"code": 206, "message": "The signature is wrong", "messageCN": "签名错误"}', "api_error", 206),
            bad("create: code as a string, non-zero", "create_transaction",
                '{"code": "304", "message": "wallet does not support this payment method"}', "api_error", 304),
            bad("create: not JSON", "create_transaction", "<html>502 Bad Gateway</html>", "malformed_response"),
            bad("create: nonce missing", "create_transaction", create_ok.replace(f'"nonce": "{NONCE}", ', ""),
                "malformed_response"),
            bad("create: duplicate key", "create_transaction", create_ok[:-1] + f', "nonce": "{NONCE}"' + "}",
                "malformed_response", field="nonce"),
            bad("create: upper-case hex signature", "create_transaction",
                create_ok.replace(SPEC["create_response"], SPEC["create_response"].upper()), "invalid_signature"),
            ok("query: amount as a JSON number keeps its text", "query", query_num, query_expect, **ref),
            ok("query: amount as a string", "query", query_num.replace('"amount": 120.00', '"amount": "120.00"'),
               query_expect, **ref),
            ok("query: without code", "query", query_num.replace('"code": 0, "message": "SUCCESS", ', ""),
               query_expect, **ref),
            bad("query: number written 120.0 is not 120.00", "query",
                query_num.replace('"amount": 120.00', '"amount": 120.0'), "invalid_signature", **ref),
            bad("query: documented example (placeholder signature)", "query", query_doc, "invalid_signature",
                **ref),
            bad("query: a signed answer about another order", "query", query_num, "malformed_response",
                merchant_reference="another-order"),
            bad("query: order does not exist", "query", '{"code": 201, "message": "order does not exist"}',
                "api_error", 201, **ref),
            bad("query: not an object", "query", "[]", "malformed_response", **ref),
            bad("query: an undocumented payment method", "query",
                query_of(["ord-1", "card", "paid", "NZD", "1.00"], rule_b("ord-1", "card", "paid", "NZD", "1.00")),
                "malformed_response", field="payment_method", merchant_reference="ord-1"),
            bad("query: signature escaped in JSON (not as Latipay writes it)", "query",
                query_num.replace(q_sig, "\\u0038" + q_sig[1:]), "invalid_signature", **ref),
            bad("query: signature as a JSON number", "query",
                query_num.replace(f'"{q_sig}"', "1" * 64), "invalid_signature", **ref),
            ok("gateway data: numbers signed by their JSON text", "gateway_data", gw_body, gw_expect),
            bad("gateway data: 0.10 rewritten as 0.1", "gateway_data", gw_tampered, "invalid_signature"),
            bad("gateway data: a field moved into another under the same signature", "gateway_data", gw_recut,
                "malformed_response", field="qr_code_url"),
            bad("gateway data: signature missing", "gateway_data",
                gw_body.split(', "signature"')[0] + "}}", "invalid_signature"),
            bad("gateway data: error", "gateway_data", '{"code": 300, "message": "gateway does not exist"}',
                "api_error", 300),
            ok("refund: accepted", "refund", '{"code": 0, "message": "SUCCESS"}', {}),
            bad("refund: already done", "refund", '{"code": 562, "message": "refund already done"}', "api_error",
                562),
            bad("refund: over the paid amount", "refund", '{"code": 550, "message": "refund parameters wrong"}',
                "api_error", 550),
            ok("cancel: cancelled", "cancel", '{"code": 0, "message": "SUCCESS"}', {}),
            bad("cancel: already paid", "cancel", '{"code": 900, "message": "already paid"}', "api_error", 900),
            bad("cancel: retry after 15 minutes", "cancel", '{"code": 1, "message": "FAIL"}', "api_error", 1),
            ok("barcode: accepted", "barcode", '{"code": 0, "message": "SUCCESS", "order_id": "2017090600001"}',
               {"order_id": "2017090600001"}),
            bad("barcode: order_id missing", "barcode", '{"code": 0, "message": "SUCCESS"}',
                "malformed_response"),
            bad("barcode: over the single-payment limit", "barcode",
                '{"code": 454, "message": "over the limit"}', "api_error", 454),
        ] + query_recut + create_recut,
    }


# ---------------------------------------------------------------- requests
def requests():
    cred = {"user_id": "U000334333", "wallet_id": "W00000001", "api_key": KEY}
    online = {"merchant_reference": "dsi39ej430sks03", "amount": "120.00", "payment_method": "alipay",
              "product_name": "Pinot Noir, Otago", "return_url": "https://merchantsite.com/checkout",
              "callback_url": "https://merchantsite.com/confirm", "ip": "122.122.122.1"}
    offline = dict(online, merchant_hosted=True)
    del offline["return_url"]
    wechat_qr = dict(online, payment_method="wechat", present_qr=True, back_page_url="https://merchantsite.com/")
    barcode = {"merchant_reference": "pos-1001", "amount": "0.05", "pay_code": "134588558514585062"}
    barcode_params = {"user_id": "U000334333", "wallet_id": "W00000001", **barcode}
    refund = {"order_id": "23479798sdf7987234", "refund_amount": "120.00", "reference": "notes about this refund"}
    wq = {k: v for k, v in CREATE.items()}
    wq.update(payment_method="wechat", present_qr="1", backPage_url="https://merchantsite.com/")

    def body(params):
        return dict({k: v for k, v in params.items() if v}, signature=rule_a(params))

    assert body(CREATE)["signature"] == SPEC["create"]
    assert body(CREATE_OFFLINE)["signature"] == SPEC["create_offline"]
    q_sig = rule_a({"merchant_reference": "6000324", "user_id": "U000000013"})
    qb_sig = rule_a({"merchant_reference": "6000324", "user_id": "U000000013", "is_block": "1"})
    assert q_sig == SPEC["query_request"]
    assert rule_a({"user_id": "U000334333", **refund}) == SPEC["refund"]
    assert rule_a({"user_id": "U000000013", "merchant_reference": "9872428736782682"}) == SPEC["cancel"]
    cred13 = dict(cred, user_id="U000000013")

    valid = [
        {"name": "hosted online create (the documented request)", "op": "create_transaction", "credentials": cred,
         "input": online, "expect": {"method": "POST", "path": "/v2/transaction", "body": body(CREATE)}},
        {"name": "merchant hosted offline create", "op": "create_transaction", "credentials": cred,
         "input": offline, "expect": {"method": "POST", "path": "/v2/transaction", "body": body(CREATE_OFFLINE)}},
        {"name": "wechat with present_qr and backPage_url", "op": "create_transaction", "credentials": cred,
         "input": wechat_qr, "expect": {"method": "POST", "path": "/v2/transaction", "body": body(wq)}},
        {"name": "query", "op": "query", "credentials": cred13,
         "input": {"merchant_reference": "6000324", "block": False},
         "expect": {"method": "GET", "path": f"/v2/transaction/6000324?user_id=U000000013&signature={q_sig}"}},
        {"name": "blocking query", "op": "query", "credentials": cred13,
         "input": {"merchant_reference": "6000324", "block": True},
         "expect": {"method": "GET",
                    "path": f"/v2/transaction/6000324?user_id=U000000013&is_block=1&signature={qb_sig}"}},
        {"name": "refund (the documented request)", "op": "refund", "credentials": cred, "input": refund,
         "expect": {"method": "POST", "path": "/refund", "body": body({"user_id": "U000334333", **refund})}},
        {"name": "refund without a note", "op": "refund", "credentials": cred,
         "input": {"order_id": "23479798sdf7987234", "refund_amount": "0.01"},
         "expect": {"method": "POST", "path": "/refund",
                    "body": body({"user_id": "U000334333", "order_id": "23479798sdf7987234",
                                  "refund_amount": "0.01"})}},
        {"name": "cancel (the documented request)", "op": "cancel", "credentials": cred13,
         "input": {"merchant_reference": "9872428736782682"},
         "expect": {"method": "POST", "path": "/cancel",
                    "body": body({"user_id": "U000000013", "merchant_reference": "9872428736782682"})}},
        {"name": "barcode", "op": "barcode", "credentials": cred, "input": barcode,
         "expect": {"method": "POST", "path": "/barcode", "body": body(barcode_params)}},
    ]

    def rejected(op, base, field, values, error_field=None):
        out = []
        for v in values:
            inp = dict(base)
            if v is None:
                inp.pop(field, None)
            else:
                inp[field] = v
            out.append({"name": f"{op}: {field}={v!r}", "op": op, "credentials": cred, "input": inp,
                        "expect_error": {"code": "invalid_argument", "field": error_field or field}})
        return out

    invalid = (
        rejected("create_transaction", online, "amount",
                 ["", " 1", "1 ", "1e3", "NaN", "Infinity", "-1", "+1", "1.234", "0", "0.00", "1.", ".5", "01",
                  "1,000.00", "0x10", "１２", "1000000000000"])
        + rejected("create_transaction", online, "payment_method", ["", "Alipay", "WECHAT", "ali pay", "card!"])
        + rejected("create_transaction", online, "merchant_reference",
                   ["", "a/b", "a b", "order#1", "订单1", "x" * 65, ".."])
        + rejected("create_transaction", online, "product_name", ["", "   ", "line\nbreak", "x" * 256])
        + rejected("create_transaction", online, "callback_url",
                   ["", "merchantsite.com/confirm", "ftp://merchantsite.com/x", "https://", "javascript:alert(1)",
                    "https://shop.example/a b", "http:///nohost"])
        + rejected("create_transaction", online, "return_url", [None, "", "/checkout"])
        + rejected("create_transaction", online, "back_page_url", ["not a url"], "backPage_url")
        + rejected("create_transaction", online, "ip",
                   ["", "::1", "256.1.1.1", "1.2.3", "01.2.3.4", "localhost", "122.122.122.1 "])
        + rejected("create_transaction", online, "present_qr", [True])
        + rejected("create_transaction", offline, "payment_method", ["onlineBank", "polipay"])
        + rejected("create_transaction", dict(offline, payment_method="wechat"), "present_qr", [True])
        + rejected("query", {"merchant_reference": "6000324", "block": False}, "merchant_reference",
                   ["", "a/b", "a?b=c", "x" * 65])
        + rejected("refund", refund, "order_id", ["", "a b", "x" * 65])
        + rejected("refund", refund, "refund_amount", ["", "-5", "1.001", "0", "abc"])
        + rejected("refund", refund, "reference", ["tab\tinside", "x" * 256])
        + rejected("cancel", {"merchant_reference": "9872428736782682"}, "merchant_reference", ["", "a b"])
        + rejected("barcode", barcode, "pay_code", ["", "123", "13458855851458506x", "1" * 33])
        + rejected("barcode", barcode, "amount", ["", "0", "1e2"])
        + rejected("barcode", barcode, "merchant_reference", ["", "a&b"])
    )
    bad_creds = [
        {"name": f"credentials: {field}={value!r}", "op": "query",
         "credentials": dict(cred, **{field: value}), "input": {"merchant_reference": "6000324", "block": False},
         "expect_error": {"code": "invalid_argument", "field": field}}
        for field, value in [("user_id", ""), ("user_id", "U 1"), ("wallet_id", ""), ("wallet_id", "W/1"),
                             ("api_key", ""), ("api_key", " 111222333")]
    ]
    return {
        "description": "Request building. `input` uses the library's snake_case names (merchant_hosted, "
                       "present_qr and block are booleans; a missing key means not given). Valid cases give the "
                       "method, the path (with query string) and the JSON body as an object; invalid ones the "
                       "error code and the wire field it names.",
        "valid": valid,
        "invalid": invalid + bad_creds,
    }


# ------------------------------------------------------------------ amounts
def amounts():
    return {
        "description": "Amount text: digits, optionally '.' and one or two digits, greater than zero. "
                       "Valid amounts keep their text exactly; minor_units is the value in cents.",
        "valid": [{"text": t, "minor_units": m} for t, m in
                  [("120.00", 12000), ("0.10", 10), ("0.1", 10), ("0.01", 1), ("0.05", 5), ("5", 500),
                   ("999999999999.99", 99999999999999)]],
        "invalid": [{"text": t, "code": "invalid_argument"} for t in
                    ["", " 1", "1 ", "1e3", "1E3", "NaN", "nan", "inf", "-1", "+1", "1.234", "0", "0.0", "0.00",
                     "1.", ".5", "01", "00.50", "1,00", "1_000", "0x10", "１", "1.2.3", "1000000000000", "\t1"]],
    }


# ----------------------------------------------------------------- statuses
def statuses():
    s = ["pending", "paid", "failed", "canceled", "rejected", "cancel_or_fail", "refunded"]
    final = {"paid", "failed", "canceled", "rejected"}
    # cancel_or_fail only comes in the display-only redirect; refunded stands for unknown.
    unranked = {"cancel_or_fail", "refunded"}

    def transition(a, b):
        if a == b:
            return "duplicate"
        if a in unranked or b in unranked:
            return "conflict"
        ra, rb = int(a in final), int(b in final)
        return "advance" if rb > ra else "stale" if rb < ra else "conflict"

    return {
        "description": "Applying an incoming status to a stored one. Only 'advance' should change the order. "
                       "'cancel_or_fail' (redirect only, display only) never advances one; 'refunded' stands for "
                       "any status this library does not know.",
        "transitions": [{"from": a, "to": b, "expect": transition(a, b)} for a in s for b in s],
    }


# ------------------------------------------------------------------- orders
def orders():
    def case(name, received, order, expect=None, error_field=None):
        c = {"name": name, "body": form(signed_fields(*received)), "api_key": KEY,
             "order": dict(zip(["merchant_reference", "payment_method", "currency", "amount"], order))}
        if error_field is None:
            c["expect"] = expect
        else:
            c["expect_error"] = {"code": "invalid_argument", "field": error_field}
        return c

    paid = ["order-12", "alipay", "paid", "NZD", "20.00"]
    poli = ["order-7", "onlineBank", "paid", "NZD", "5.00"]
    return {
        "description": "Holding a verified notification (body) to the order the merchant stored: the same "
                       "merchant_reference and currency, an amount worth the same, the same payment_method (or "
                       "onlineBank for a polipay order); the status is not compared. A valid signature for "
                       "another order or another amount must not advance this one. An order value the library "
                       "could not have sent (a mis-cased method or currency, a bad reference or amount) is "
                       "invalid_argument naming it.",
        "cases": [
            case("the same order", paid, ["order-12", "alipay", "NZD", "20.00"], True),
            case("an amount written differently but worth the same", paid, ["order-12", "alipay", "NZD", "20"],
                 True),
            case("a pending status still names the same order", ["order-12", "alipay", "pending", "NZD", "20.00"],
                 ["order-12", "alipay", "NZD", "20.00"], True),
            case("another order whose reference is a prefix", paid, ["order-1", "alipay", "NZD", "20.00"], False),
            case("another order whose reference is longer", paid, ["order-123", "alipay", "NZD", "20.00"], False),
            case("another amount", paid, ["order-12", "alipay", "NZD", "2.00"], False),
            case("another currency", paid, ["order-12", "alipay", "AUD", "20.00"], False),
            case("another payment method", paid, ["order-12", "wechat", "NZD", "20.00"], False),
            case("a polipay order reported as onlineBank", poli, ["order-7", "polipay", "NZD", "5.00"], True),
            case("an onlineBank order is not fulfilled by polipay", ["order-7", "polipay", "paid", "NZD", "5.00"],
                 ["order-7", "onlineBank", "NZD", "5.00"], False),
            case("an order's payment method the library does not know", paid, ["order-12", "Alipay", "NZD", "20.00"],
                 error_field="payment_method"),
            case("an order's amount that is not money text", paid, ["order-12", "alipay", "NZD", "20.0.0"],
                 error_field="amount"),
            case("an order's currency in lower case (it would never match)", paid,
                 ["order-12", "alipay", "nzd", "20.00"], error_field="currency"),
            case("an order's reference the request builder refuses", paid, ["order 12", "alipay", "NZD", "20.00"],
                 error_field="merchant_reference"),
        ],
    }


FILES = {
    "signatures.json": signatures,
    "notifications.json": notifications,
    "redirects.json": redirects,
    "responses.json": responses,
    "requests.json": requests,
    "amounts.json": amounts,
    "statuses.json": statuses,
    "orders.json": orders,
}


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for name, make in FILES.items():
        text = json.dumps(make(), indent=2, ensure_ascii=False) + "\n"
        path = HERE / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        sys.exit(f"out of date: {', '.join(stale)}; run python3 tests/vectors/generate.py")
    print(("checked " if check else "wrote ") + ", ".join(FILES))


if __name__ == "__main__":
    main()
