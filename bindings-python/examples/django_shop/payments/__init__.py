"""Taking Latipay payments: the order model, the checkout, the notification
handler and the return page."""
