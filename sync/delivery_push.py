"""Sending a batch of stock-level figures (``POST /merchants/{merchant_id}/stock-levels``).

A ``stock_levels`` outbox event carries one merchant's figures. Each item is checked against
the contract on its own (:func:`split_items`): one item that cannot be sent is left out with
its reason and the others still go; the mall does the same on its side and lists what it
refused in its answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pydantic import ValidationError

from sync.client import MallClient
from sync.contract_delivery import StockLevelItem, StockLevelsBody, StockLevelsResult


@dataclass(frozen=True)
class Refused:
    """One figure that did not reach the mall's book, with the reason."""

    sku_code: str
    reason: str


def split_items(payload: dict[str, Any]) -> tuple[dict[str, Any], list[Refused]]:
    """The payload with only the items the contract accepts, and those it does not."""
    items = payload.get("items")
    if not isinstance(items, list):
        return payload, []
    good: list[Any] = []
    bad: list[Refused] = []
    for item in items:
        try:
            good.append(StockLevelItem.model_validate(item).model_dump(mode="json"))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(item)"
            code = str(item.get("sku_code", "")) if isinstance(item, dict) else ""
            bad.append(Refused(code[:64], f"{where}: {first['msg']}"))
    return {**payload, "items": good}, bad


def send_stock_levels(
    client: MallClient, merchant_id: str, body: StockLevelsBody
) -> tuple[bool, list[Refused]]:
    """Deliver one batch with its idempotency key: (the mall had it before, items it refused)."""
    what = f"the stock levels of {len(body.items)} SKUs of merchant {merchant_id}"
    answer = client._call(  # the client's retries, backoff and answer checks
        "POST",
        f"/merchants/{quote(merchant_id, safe='')}/stock-levels",
        f"tell {what}",
        json_body=body.model_dump(mode="json", exclude_none=True),
        key=body.event_id,
    )
    result = client._validate(StockLevelsResult, answer, f"the answer to {what}")
    return result.duplicate, [Refused(r.sku_code, r.reason) for r in result.refused]


def refused_note(refused: list[Refused], total: int) -> str:
    """One sentence for the event's record: which figures did not reach the mall, and why."""
    shown = ", ".join(f"{r.sku_code or '?'} ({r.reason})" for r in refused[:5])
    more = f" and {len(refused) - 5} more" if len(refused) > 5 else ""
    others = "the others were applied; " if len(refused) < total else ""
    return (
        f"{len(refused)} of {total} stock figures did not match the contract: {shown}{more}; "
        f"{others}the next change of those SKUs sends them again."
    )[:2000]
