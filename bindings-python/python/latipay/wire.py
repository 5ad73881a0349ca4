"""Bring your own HTTP client (asyncio, httpx, aiohttp …).

Build a signed request, send it yourself to the API base URL + ``request.path``,
then verify the answer with the matching ``parse_*`` function::

    creds = latipay.Credentials("U000334333", "W00000001", api_key)
    request = latipay.wire.query_request(creds, "order-1001")
    answer = await http.get(base_url + request.path)
    payment = latipay.wire.parse_query_response(answer.text, api_key, "order-1001")
"""

from ._latipay import (
    Credentials,
    SignedRequest,
    barcode_request,
    cancel_request,
    create_transaction_request,
    parse_barcode_response,
    parse_cancel_response,
    parse_create_response,
    parse_gateway_data,
    parse_query_response,
    parse_refund_response,
    query_request,
    refund_request,
)

__all__ = [
    "Credentials",
    "SignedRequest",
    "create_transaction_request",
    "query_request",
    "refund_request",
    "cancel_request",
    "barcode_request",
    "parse_create_response",
    "parse_gateway_data",
    "parse_query_response",
    "parse_refund_response",
    "parse_cancel_response",
    "parse_barcode_response",
]
