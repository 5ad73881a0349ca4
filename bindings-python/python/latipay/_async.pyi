# Types of latipay.AsyncClient (its methods pass their arguments to the native
# client, which refuses unexpected ones without ever showing the api_key).
from types import TracebackType

import httpx
from typing import Literal, Optional, Type

from ._latipay import BarcodeAccepted, CreatedTransaction, GatewayData, Payment, _AmountLike

class AsyncClient:
    def __init__(
        self,
        user_id: str,
        wallet_id: str,
        api_key: str,
        *,
        environment: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        block_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        user_agent: Optional[str] = None,
        proxy: Optional[str] = None,
        ca_certificates: Optional[str] = None,
        trust_store: Optional[Literal["bundled", "system"]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
    ) -> None: ...
    @property
    def user_id(self) -> str: ...
    @property
    def wallet_id(self) -> str: ...
    @property
    def base_url(self) -> str: ...
    async def create_transaction(
        self,
        merchant_reference: str,
        amount: _AmountLike,
        payment_method: str,
        product_name: str,
        *,
        callback_url: str,
        ip: str,
        return_url: Optional[str] = None,
        back_page_url: Optional[str] = None,
        present_qr: bool = False,
        merchant_hosted: bool = False,
    ) -> CreatedTransaction: ...
    async def gateway_data(self, created: CreatedTransaction) -> GatewayData: ...
    async def query(self, merchant_reference: str, block: bool = False) -> Payment: ...
    async def refund(self, order_id: str, refund_amount: _AmountLike, reference: Optional[str] = None) -> None: ...
    async def cancel(self, merchant_reference: str) -> None: ...
    async def barcode(self, merchant_reference: str, amount: _AmountLike, pay_code: str) -> BarcodeAccepted: ...
    async def aclose(self) -> None: ...
    async def __aenter__(self) -> AsyncClient: ...
    async def __aexit__(
        self,
        kind: Optional[Type[BaseException]],
        error: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None: ...
