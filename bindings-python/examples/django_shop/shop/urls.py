"""The shop's URLs: the payments app at the root."""

from django.urls import include, path

urlpatterns = [path("", include("payments.urls"))]
