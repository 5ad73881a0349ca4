"""The payments app."""

from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    """Orders and the views Latipay and customers reach."""

    name = "payments"
    default_auto_field = "django.db.models.BigAutoField"
