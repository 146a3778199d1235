"""The mall ↔ warehouse contract, version 1, as pydantic models.

Ids and money travel as strings (18-digit order numbers exceed exact JavaScript integers and
money must never be a float); times are RFC 3339 with an explicit offset. The same models
validate what the warehouse receives, build what it sends, drive the reference mall server and
generate the schema part of ``docs/openapi/mall-wms-v1.json``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sync.contract_types import (
    METHOD_SCHEMA,
    PRIORITY_SCHEMA,
    Bool,
    Id,
    LineName,
    MerchantName,
    Money,
    Name,
    Note,
    Phone,
    Postcode,
    Qty,
    ReceiverText,
    Region,
    Seq,
    Timestamp,
    Weight,
    payment_kind,
)
from sync.contract_types import (
    priority_level as priority_level,  # re-exported: what a priority name means
)

API_PREFIX = "/api/wms/v1"
CARRIER_CODES: tuple[str, ...] = ("SF", "ZTO", "YTO", "STO", "YD", "JD", "EMS")

# fmt: off
OrderState = Literal["requested", "accepted", "in_progress", "partially_shipped", "shipped",
                     "delivered", "rejected", "cancelled"]
# fmt: on
ProgressType = Literal["PICKING_STARTED", "PICKED", "PACKED"]
RejectReason = Literal["OUT_OF_STOCK", "BAD_ADDRESS", "OTHER"]
ShortageReason = Literal["OUT_OF_STOCK", "DAMAGED", "EXPIRED", "NOT_FOUND"]
ShortageProposal = Literal["HOLD", "SHIP_AVAILABLE"]
CancelDecision = Literal["ACCEPT", "REJECT"]
CancelRejectReason = Literal["ALREADY_SHIPPED", "OTHER"]
CarrierCode = Literal["SF", "ZTO", "YTO", "STO", "YD", "JD", "EMS"]
ErrorCode = Literal[
    "STATE_CONFLICT",
    "VALIDATION_FAILED",
    "UNKNOWN_CARRIER",
    "QTY_ABOVE_ORDERED",
    "IDEMPOTENCY_KEY_REUSED",
    "UNAUTHORIZED",
    "FORBIDDEN",
    "NOT_FOUND",
    "RATE_LIMITED",
    "INTERNAL",
    "SYSTEM_BUSY",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Merchant(_Model):
    id: Id
    name: MerchantName


class Payment(_Model):
    method: Annotated[Name, METHOD_SCHEMA]
    """``online``: the buyer paid the mall; ``cod``: the carrier collects ``cod_amount``."""
    paid: Bool
    cod_amount: Money | None = None
    currency: Literal["CNY"] = "CNY"
    shipping_fee: Money = Decimal("0")
    """What the buyer pays for shipping this fulfilment order."""
    discount: Money = Decimal("0")
    """Order-level discount (coupons, promotions) on this fulfilment order."""
    amount_paid: Money | None = None
    """Online: what the buyer paid for this fulfilment order, if the mall says."""

    @property
    def kind(self) -> Literal["online", "cod"]:
        return payment_kind(self.method)[0]


class Receiver(_Model):
    name: ReceiverText
    mobile: Phone = ""
    phone: Phone = ""
    """A landline, if the buyer gave one."""
    province: Region = ""
    city: Region = ""
    district: Region = ""
    detail: ReceiverText = ""
    postcode: Postcode = ""


class OrderLine(_Model):
    line_id: Id
    sku_code: Id
    name: LineName
    qty: Qty
    unit_price: Money
    discount: Money = Decimal("0")
    """Discount on the whole line (not per unit)."""


class CancelRequest(_Model):
    requested_at: Timestamp
    reason: Note = ""


class OrderSnapshot(_Model):
    """One fulfilment order (one merchant, one warehouse) as the mall sees it now."""

    fo_id: Id
    version: Seq
    change_seq: Seq
    order_sn: Id
    group_order_sn: Id | None = None
    merchant: Merchant
    warehouse_code: Id
    state: OrderState
    cancel_request: CancelRequest | None = None
    placed_at: Timestamp
    paid_at: Timestamp | None = None
    priority: Annotated[Name, PRIORITY_SCHEMA] = "normal"
    ship_by: Timestamp | None = None
    gift: Bool = False
    payment: Payment
    receiver: Receiver
    buyer_note: Note = ""
    lines: Annotated[list[OrderLine], Field(min_length=1, max_length=500)]

    @model_validator(mode="after")
    def _lines_unique(self) -> OrderSnapshot:
        seen: set[str] = set()
        for line in self.lines:
            if line.line_id in seen:
                raise ValueError(f"line_id {line.line_id!r} appears twice")
            seen.add(line.line_id)
        return self

    def line(self, line_id: str) -> OrderLine | None:
        return next((line for line in self.lines if line.line_id == line_id), None)


class FeedPage(_Model):
    """A page of ``GET /fulfillment-orders/changes`` as documented."""

    items: list[OrderSnapshot]
    next_cursor: str
    has_more: Bool


class RawFeedPage(_Model):
    """The same page with items left raw, so that one malformed order cannot stop the feed."""

    items: list[Any]
    """Each item is read on its own: one that is not an order is set aside, not the page."""
    next_cursor: Annotated[str, Field(min_length=1, max_length=80)]
    has_more: Bool


# --- push bodies (warehouse → mall); each carries Idempotency-Key = event_id -----------------


class _Push(_Model):
    model_config = ConfigDict(extra="forbid", frozen=True)
    event_id: Annotated[str, Field(min_length=8, max_length=64)]
    occurred_at: Timestamp


class AcceptBody(_Push):
    pass


class RejectLine(_Model):
    line_id: Id
    available_qty: Annotated[int, Field(ge=0)] = 0


class RejectBody(_Push):
    reason: RejectReason
    lines: list[RejectLine] | None = None
    message: str = ""


class ProgressBody(_Push):
    type: ProgressType


class ShortageLine(_Model):
    line_id: Id
    ordered_qty: Qty
    available_qty: Annotated[int, Field(ge=0)]
    reason: ShortageReason


class ShortageBody(_Push):
    lines: Annotated[list[ShortageLine], Field(min_length=1)]
    proposal: ShortageProposal


class PackageLine(_Model):
    line_id: Id
    qty: Qty


class Package(_Model):
    carrier_code: str
    """One of SF, ZTO, YTO, STO, YD, JD, EMS; any other code is answered with 422."""
    tracking_no: Annotated[str, Field(min_length=4, max_length=40)]
    weight_kg: Weight
    lines: Annotated[list[PackageLine], Field(min_length=1)]


class ShipmentBody(_Push):
    final: Bool
    packages: Annotated[list[Package], Field(min_length=1)]


class CancellationBody(_Push):
    decision: CancelDecision
    reason: CancelRejectReason | None = None


PUSH_BODIES: dict[str, type[_Push]] = {
    "accept": AcceptBody,
    "reject": RejectBody,
    "events": ProgressBody,
    "shortages": ShortageBody,
    "shipments": ShipmentBody,
    "cancellation": CancellationBody,
}
"""Path suffix under ``/fulfillment-orders/{fo_id}/`` → body model."""


# --- responses -------------------------------------------------------------------------------


class StockRequestBody(_Push):
    """A merchant's stock on the site fell below its reorder point: the warehouse asks for more.

    Sent to ``POST /merchants/{merchant_id}/stock-requests``; one per open request."""

    sku_code: Id
    available_qty: Annotated[int, Field(ge=0)]
    reorder_point: Annotated[int, Field(ge=0)]
    requested_qty: Annotated[int, Field(ge=1)]


class StockRequestResult(_Model):
    """201: the mall recorded the request (``duplicate: true`` when the key was seen before)."""

    request_id: Id
    duplicate: bool = False


class PushResult(_Model):
    """200/201: applied (or, with ``duplicate: true``, applied before under the same key)."""

    state: OrderState
    version: Annotated[int, Field(ge=1)]
    duplicate: bool = False


class ErrorBody(_Model):
    """Every 4xx/5xx body, and a 200 body that carries ``code`` (treated as an error)."""

    code: str
    message: str = ""
    state: OrderState | None = None
    """With STATE_CONFLICT: the order's current state at the mall."""
    version: int | None = None
    """With STATE_CONFLICT: the order's current version at the mall."""


def parse_time(text: str) -> datetime:
    """An RFC 3339 time; raises ``ValueError`` without an offset."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"time {text!r} has no offset")
    return value


from sync.contract_delivery import TrackingBody  # noqa: E402  (it builds on _Push above)
from sync.contract_resolutions import RESOLUTION_BODIES  # noqa: E402 (they build on _Push)

PUSH_BODIES.update(RESOLUTION_BODIES)
PUSH_BODIES["tracking"] = TrackingBody
