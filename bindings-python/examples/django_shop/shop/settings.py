"""Settings of the example shop. The Latipay account comes from the
environment; without LATIPAY_API_KEY the sandbox's demo merchant is used, and
only against a sandbox on loopback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-never-in-production")
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "payments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Both of these refuse Latipay's notification unless its view opts out:
    # CSRF (Latipay has no token: `csrf_exempt`) and login (Latipay has no
    # session: `login_not_required`). See the binding's README, "Django".
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "shop.urls"
LOGIN_URL = "/accounts/login/"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
STATIC_URL = "static/"

# A notification is a few hundred bytes; the library refuses over 64 KiB too.
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024

_base_url = os.environ.get("LATIPAY_BASE_URL", "http://127.0.0.1:8450")
_api_key = os.environ.get("LATIPAY_API_KEY", "")
if not _api_key and not _base_url.startswith("http://127.0.0.1:"):
    raise RuntimeError("set LATIPAY_API_KEY (and LATIPAY_USER_ID, LATIPAY_WALLET_ID)")

#: The Latipay account (see `payments.latipay_client`).
LATIPAY: Dict[str, str] = {
    "BASE_URL": _base_url,
    "USER_ID": os.environ.get("LATIPAY_USER_ID", "U000334333"),
    "WALLET_ID": os.environ.get("LATIPAY_WALLET_ID", "W00000001"),
    "API_KEY": _api_key or "111222333",
    "CURRENCY": os.environ.get("LATIPAY_CURRENCY", "NZD"),
    #: Where Latipay and browsers reach this shop.
    "PUBLIC_URL": os.environ.get("SHOP_PUBLIC_URL", "http://127.0.0.1:8000"),
}
