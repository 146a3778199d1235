"""Sending a stock-level figure (``POST /merchants/{merchant_id}/stock-levels``)."""

from __future__ import annotations

from urllib.parse import quote

from sync.client import MallClient
from sync.contract_delivery import StockLevelBody, StockLevelResult


def send_stock_level(client: MallClient, merchant_id: str, body: StockLevelBody) -> bool:
    """Deliver one figure with its idempotency key; True when the mall had it before."""
    answer = client._call(  # the client's retries, backoff and answer checks
        "POST",
        f"/merchants/{quote(merchant_id, safe='')}/stock-levels",
        f"tell merchant {merchant_id} the stock of {body.sku_code}",
        json_body=body.model_dump(mode="json", exclude_none=True),
        key=body.event_id,
    )
    result = client._validate(
        StockLevelResult, answer, f"the answer to the stock level of {body.sku_code}"
    )
    return result.duplicate
