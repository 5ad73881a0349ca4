"""What is ordered, stored before Latipay hears of it: every notification is
held against it."""

from __future__ import annotations

from django.db import models


class Order(models.Model):
    """One order and where its payment stands. Money is text here, exactly as
    signed (a `DecimalField` works too: never a float)."""

    merchant_reference = models.CharField(max_length=64, unique=True)
    payment_method = models.CharField(max_length=16)
    currency = models.CharField(max_length=3)
    amount = models.CharField(max_length=16)
    #: pending, paid, failed or cancelled: moved forward only (`latipay.transition`).
    status = models.CharField(max_length=16, default="pending")
    #: Set when a notification does not match this order: a person should look.
    needs_review = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.merchant_reference} ({self.status})"
