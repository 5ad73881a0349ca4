"""The routes a merchant needs, plus one to read an order back."""

from django.urls import path

from . import views

urlpatterns = [
    path("checkout/<str:reference>", views.checkout, name="checkout"),
    path("latipay/notify", views.notify, name="latipay-notify"),
    path("latipay/return", views.returned, name="latipay-return"),
    path("orders/<str:reference>", views.order_status, name="order-status"),
]
