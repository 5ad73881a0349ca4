"""The order table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    """Creates `payments_order`."""

    initial = True

    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("merchant_reference", models.CharField(max_length=64, unique=True)),
                ("payment_method", models.CharField(max_length=16)),
                ("currency", models.CharField(max_length=3)),
                ("amount", models.CharField(max_length=16)),
                ("status", models.CharField(default="pending", max_length=16)),
                ("needs_review", models.BooleanField(default=False)),
            ],
        ),
    ]
