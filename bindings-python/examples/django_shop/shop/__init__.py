"""The example Django project: settings and URLs around the `payments` app."""
