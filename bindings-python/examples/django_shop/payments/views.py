"""The three views a merchant needs:

* `checkout`: store the order, create the transaction, send the customer to pay;
* `notify`: the notification, verified on the **raw body** (`request.body`,
  never `request.POST`), held to the stored order (reference, method,
  currency, amount), applied forward-only, answered with exactly `sent`;
  exempt from CSRF and from the login requirement, which Latipay cannot meet;
* `returned`: the browser coming back; verified, shown, never acted on.
"""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

import latipay

from .models import Order

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def _client(base_url: str, user_id: str, wallet_id: str, api_key: str) -> latipay.Client:
    return latipay.Client(user_id, wallet_id, api_key, base_url=base_url)


def latipay_client() -> latipay.Client:
    """One client per account in settings.LATIPAY (it keeps its connections)."""
    account = settings.LATIPAY
    return _client(account["BASE_URL"], account["USER_ID"], account["WALLET_ID"], account["API_KEY"])


@require_POST
def checkout(request: HttpRequest, reference: str) -> HttpResponse:
    """Stores the order, then asks Latipay for a payment page and sends the customer there."""
    # Money is text (or decimal.Decimal), never a float.
    try:
        order = Order.objects.create(
            merchant_reference=reference, payment_method="alipay", currency=settings.LATIPAY["CURRENCY"], amount="12.30"
        )
    except IntegrityError:
        return HttpResponse("this order was already started", status=409)
    public_url = settings.LATIPAY["PUBLIC_URL"]
    try:
        created = latipay_client().create_transaction(
            order.merchant_reference,
            order.amount,
            order.payment_method,
            "Pinot Noir, Otago",
            callback_url=f"{public_url}/latipay/notify",
            return_url=f"{public_url}/latipay/return",
            ip=request.META.get("REMOTE_ADDR") or "127.0.0.1",  # Latipay wants the customer's IPv4
        )
    except latipay.LatipayError as error:
        log.error("could not start the payment of %s: %s (%s)", reference, error, error.code)
        order.delete()
        return HttpResponse("the payment could not be started", status=502)
    return redirect(created.payment_url)


@csrf_exempt  # Latipay posts without a CSRF token: the signature is what protects this view
@login_not_required  # Latipay has no session
@require_POST
def notify(request: HttpRequest) -> HttpResponse:
    """Latipay's notification: verified, held to the stored order, applied forward-only."""
    try:
        # The raw bytes, exactly as Latipay sent them: never request.POST.
        notification = latipay.verify_notification(request.body, settings.LATIPAY["API_KEY"])
    except latipay.LatipayError as error:  # forged, tampered or malformed
        log.warning("rejected a notification: %s (%s)", error, error.code)
        return HttpResponseBadRequest("rejected")
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(merchant_reference=notification.merchant_reference).first()
        if order is None:
            return HttpResponseBadRequest("unknown order")  # Latipay will try again later
        # A valid signature proves Latipay sent it, not that it pays this order
        # in full: hold it to what was stored before anything changes.
        if not notification.matches(order.merchant_reference, order.payment_method, order.currency, order.amount):
            log.error("order %s: paid %s %s by %s, not what was ordered: needs review", order.merchant_reference,
                      notification.currency, notification.amount, notification.payment_method)
            order.needs_review = True
            order.save(update_fields=["needs_review"])
            return HttpResponse(latipay.NOTIFICATION_ACK, content_type="text/plain")
        # Retries, replays and late arrivals are normal: only a forward move changes the order.
        move = latipay.transition(order.status, notification.status)
        if move == "advance":
            # Only the signed fields decide: order_id is not signed (anyone holding a
            # paid redirect could add one). Refunds take it from client.query(reference).
            order.status = notification.status
            order.save(update_fields=["status"])
        elif move == "conflict":  # e.g. failed -> paid: a person should look
            log.warning("order %s: %s -> %s needs review", order.merchant_reference, order.status, notification.status)
            order.needs_review = True
            order.save(update_fields=["needs_review"])
    return HttpResponse(latipay.NOTIFICATION_ACK, content_type="text/plain")


@require_GET
def returned(request: HttpRequest) -> HttpResponse:
    """The customer's browser back from Latipay: for display only, the order is
    fulfilled by the notification (or a query)."""
    try:
        shown = latipay.verify_redirect(request.META.get("QUERY_STRING", ""), settings.LATIPAY["API_KEY"])
    except latipay.LatipayError:
        return HttpResponseBadRequest("this link is not from Latipay")
    page = f"Payment {shown.status} for order {shown.merchant_reference} ({shown.currency} {shown.amount})."
    return HttpResponse(page, content_type="text/plain; charset=utf-8")


@require_GET
def order_status(request: HttpRequest, reference: str) -> JsonResponse:
    """The order as stored."""
    order = get_object_or_404(Order, merchant_reference=reference)
    return JsonResponse({"status": order.status, "amount": order.amount, "currency": order.currency,
                         "needs_review": order.needs_review})
