"""Contract additions of issue 13: tracking to the doorstep and stock levels (mall side).

``POST /fulfillment-orders/{fo_id}/tracking``: every change of a parcel's delivery status, with
what the warehouse asks the mall to do about it. ``POST /merchants/{merchant_id}/stock-levels``:
a batch of a merchant's SKUs, each with its sellable quantity and its own sequence number; the
mall keeps, per SKU, the figure with the highest sequence.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.contract import _Push
from sync.contract_types import Bool, Id, Timestamp

TrackingStatus = Literal[
    "COLLECTED",
    "IN_TRANSIT",
    "OUT_FOR_DELIVERY",
    "SIGNED",
    "REFUSED",
    "RETURNED",
    "PROBLEM",
    "DELAYED",
    "LOST",
    "DAMAGED",
    "NOT_SIGNED_OVERDUE",
    "RESHIPPED",
]
MallRequest = Literal["CONTACT_CUSTOMER", "CHOOSE_RESHIP_OR_REFUND"]


class TrackingBody(_Push):
    """A parcel's delivery status changed (carrier events mapped onto one status list).

    Every carrier event is told once, in the order the warehouse hears it, which is not always
    the carrier's order: a message whose ``event_time`` is older than one already received is
    history (place it by ``event_time``); the parcel's current status is the newest one."""

    carrier_code: Annotated[str, Field(min_length=1, max_length=8)]
    tracking_no: Annotated[str, Field(min_length=4, max_length=40)]
    status: TrackingStatus
    event_time: Timestamp
    """When the carrier says it happened (``occurred_at`` is when the warehouse learnt it)."""
    place: Annotated[str, Field(max_length=80)] = ""
    order_delivered: Bool = False
    """True with the last parcel's SIGNED: the order is delivered and complete."""
    request: MallRequest | None = None
    """What the warehouse asks of the mall: call the customer, or decide re-ship or refund."""
    replacement_tracking_no: Annotated[str, Field(max_length=40)] = ""
    """With RESHIPPED: the replacement parcel's tracking number."""


STOCK_LEVELS_MAX_ITEMS = 1000
"""The most items one ``stock-levels`` message may carry (``delivery.stock_batch_items`` ≤ this)."""


class StockLevelItem(BaseModel):
    """The sellable quantity of one merchant SKU at this site: on hand minus reserved minus
    expired or blocked stock. Apply only if ``seq`` is above the last applied for the SKU."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    sku_code: Id
    sellable_qty: Annotated[int, Field(ge=0)]
    seq: Annotated[int, Field(ge=1)]


class StockLevelsBody(_Push):
    """Figures of many SKUs of one merchant, each SKU at most once. The mall checks and applies
    each item on its own: an item it cannot read is refused alone (listed in the answer's
    ``refused``) and the others are applied; an item whose ``seq`` is not above the SKU's last
    applied one is stale and changes nothing."""

    items: Annotated[list[StockLevelItem], Field(min_length=1, max_length=STOCK_LEVELS_MAX_ITEMS)]


class RefusedStockItem(BaseModel):
    """One item of a stock-levels message the mall could not apply, and why."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    index: Annotated[int, Field(ge=0)]
    """Its position in ``items``."""
    sku_code: str = ""
    reason: str


class StockLevelsResult(BaseModel):
    """200: each item applied, stale (a higher ``seq`` was applied before) or refused;
    ``duplicate: true`` when this key was applied before (the first answer again)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    applied: Annotated[int, Field(ge=0)]
    stale: Annotated[int, Field(ge=0)] = 0
    refused: list[RefusedStockItem] = Field(default_factory=list)
    duplicate: bool = False
