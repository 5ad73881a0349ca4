"""A merchant the sandbox serves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


class _Key(str):
    """An api key: the text itself, but never shown by `repr` (nor in pytest's diffs)."""

    def __repr__(self) -> str:
        return "'<redacted>'"


@dataclass(frozen=True)
class Merchant:
    """A merchant account on the sandbox: what your client is configured with.
    The api_key is left out of its repr."""

    #: Latipay's user id, e.g. `U000334333`.
    user_id: str
    #: The wallet orders are paid into, e.g. `W00000001`.
    wallet_id: str
    #: The key requests are signed with (a test key: never a real one).
    api_key: str = field(repr=False)
    #: The wallet's currency.
    currency: str = "NZD"

    def __post_init__(self) -> None:
        object.__setattr__(self, "api_key", _Key(self.api_key))

    @classmethod
    def parse(cls, spec: str) -> "Merchant":
        """`USER_ID:WALLET_ID:API_KEY[:CURRENCY]` (the sandbox's `--merchant` form)."""
        parts = spec.split(":")
        if len(parts) not in (3, 4) or not all(parts):
            raise ValueError("a merchant is USER_ID:WALLET_ID:API_KEY[:CURRENCY]")
        return cls(*parts)

    @property
    def spec(self) -> str:
        """This merchant as `--merchant` takes it."""
        return f"{self.user_id}:{self.wallet_id}:{self.api_key}:{self.currency}"


#: The merchant every sandbox started without `merchants` serves.
DEMO_MERCHANT = Merchant("U000334333", "W00000001", "111222333", "NZD")

#: A merchant as a `Merchant` or as its `--merchant` text.
MerchantLike = Union[Merchant, str]
