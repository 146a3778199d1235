"""The mall's state rules for warehouse pushes, as pure functions over one order record.

Each ``apply_*`` checks the current state and either changes the record in place and returns
whether the snapshot changed (so the caller bumps ``version`` and ``change_seq``), or raises
:class:`SimError` with the status code and error body the mall answers.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from decimal import Decimal
from typing import Any

from sync.contract import (
    CARRIER_CODES,
    AcceptBody,
    CancellationBody,
    ProgressBody,
    RejectBody,
    ShipmentBody,
    ShortageBody,
)
from sync.contract_delivery import TrackingBody


class SimError(Exception):
    """An answer other than success: HTTP status plus the contract's error body."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        state: str | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"code": code, "message": message}
        if state is not None:
            self.body["state"] = state
        if version is not None:
            self.body["version"] = version


@dataclass
class SimOrder:
    """The mall's record of one fulfilment order: the current snapshot plus what it keeps aside."""

    snapshot: dict[str, Any]
    history: list[dict[str, Any]] = field(default_factory=list)
    shipped: dict[str, int] = field(default_factory=dict)
    progress: list[str] = field(default_factory=list)
    shortages: list[dict[str, Any]] = field(default_factory=list)
    tracking: list[str] = field(default_factory=list)
    parcel_status: dict[str, list[str]] = field(default_factory=dict)
    """Tracking number → every status the warehouse reported, in the carrier's time order
    (``event_time``): a late, older event takes its place in the history, so the last one is
    the parcel's current status whatever order the messages came in."""
    parcel_times: dict[str, list[str]] = field(default_factory=dict)
    """The ``event_time`` of each entry of ``parcel_status``."""

    @property
    def state(self) -> str:
        return str(self.snapshot["state"])

    @property
    def version(self) -> int:
        return int(self.snapshot["version"])

    def line_qty(self, line_id: str) -> int | None:
        for line in self.snapshot["lines"]:
            if line["line_id"] == line_id:
                return int(line["qty"])
        return None

    def conflict(self, message: str) -> SimError:
        return SimError(409, "STATE_CONFLICT", message, state=self.state, version=self.version)


def _need(order: SimOrder, allowed: tuple[str, ...], what: str) -> None:
    if order.state not in allowed:
        raise order.conflict(f"cannot {what}: the order is {order.state}")


def apply_accept(order: SimOrder, body: AcceptBody) -> bool:
    _need(order, ("requested",), "accept")
    order.snapshot["state"] = "accepted"
    return True


def apply_reject(order: SimOrder, body: RejectBody) -> bool:
    _need(order, ("requested",), "reject")
    order.snapshot["state"] = "rejected"
    return True


def apply_progress(order: SimOrder, body: ProgressBody) -> bool:
    if body.type == "PICKING_STARTED":
        _need(order, ("accepted", "in_progress"), "start picking")
        order.progress.append(body.type)
        if order.state == "accepted":
            order.snapshot["state"] = "in_progress"
            return True
        return False
    _need(order, ("in_progress", "partially_shipped"), f"report {body.type}")
    order.progress.append(body.type)
    return False


def apply_shortage(order: SimOrder, body: ShortageBody) -> bool:
    _need(order, ("accepted", "in_progress"), "report a shortage")
    for line in body.lines:
        ordered = order.line_qty(line.line_id)
        if ordered is None:
            raise SimError(422, "VALIDATION_FAILED", f"line {line.line_id} is not on the order")
        if line.ordered_qty != ordered:
            raise SimError(
                422,
                "QTY_ABOVE_ORDERED" if line.ordered_qty > ordered else "VALIDATION_FAILED",
                f"line {line.line_id} was ordered {ordered} times, not {line.ordered_qty}",
            )
        if line.available_qty >= line.ordered_qty:
            raise SimError(422, "VALIDATION_FAILED", f"line {line.line_id} is not short")
    order.shortages.append(body.model_dump(mode="json"))
    return False


def apply_shipment(order: SimOrder, body: ShipmentBody) -> bool:
    _need(order, ("accepted", "in_progress", "partially_shipped"), "ship")
    totals: dict[str, int] = dict(order.shipped)
    for package in body.packages:
        if package.carrier_code not in CARRIER_CODES:
            raise SimError(422, "UNKNOWN_CARRIER", f"carrier {package.carrier_code!r} is not known")
        for line in package.lines:
            ordered = order.line_qty(line.line_id)
            if ordered is None:
                raise SimError(422, "VALIDATION_FAILED", f"line {line.line_id} is not on the order")
            totals[line.line_id] = totals.get(line.line_id, 0) + line.qty
            if totals[line.line_id] > ordered:
                raise SimError(
                    422,
                    "QTY_ABOVE_ORDERED",
                    f"line {line.line_id}: {totals[line.line_id]} shipped but {ordered} ordered",
                )
    order.shipped = totals
    order.tracking.extend(p.tracking_no for p in body.packages)
    order.snapshot["state"] = "shipped" if body.final else "partially_shipped"
    return True


def apply_cancellation(order: SimOrder, body: CancellationBody) -> bool:
    if order.snapshot.get("cancel_request") is None:
        raise order.conflict("there is no cancellation request to answer")
    if body.decision == "ACCEPT":
        if order.state in ("shipped", "partially_shipped"):
            raise order.conflict("cannot accept the cancellation: goods have left the warehouse")
        order.snapshot["state"] = "cancelled"
    elif body.reason == "ALREADY_SHIPPED" and order.state not in ("shipped", "partially_shipped"):
        raise order.conflict("the mall has no shipment for this order yet")
    order.snapshot["cancel_request"] = None
    return True


def apply_tracking(order: SimOrder, body: TrackingBody) -> bool:
    _need(order, ("partially_shipped", "shipped", "delivered"), "track")
    times = order.parcel_times.setdefault(body.tracking_no, [])
    statuses = order.parcel_status.setdefault(body.tracking_no, [])
    moment = body.event_time.astimezone(UTC).isoformat()
    place = bisect.bisect_right(times, moment)
    times.insert(place, moment)
    statuses.insert(place, body.status)
    if body.order_delivered and order.state == "shipped":
        order.snapshot["state"] = "delivered"
        return True
    return False


APPLY: dict[str, Callable[[SimOrder, Any], bool]] = {
    "tracking": apply_tracking,
    "accept": apply_accept,
    "reject": apply_reject,
    "events": apply_progress,
    "shortages": apply_shortage,
    "shipments": apply_shipment,
    "cancellation": apply_cancellation,
}


FREE_SHIPPING_FROM = Decimal("99.00")
SHIPPING_FEE = Decimal("8.00")


def restate_amounts(payment: dict[str, Any], lines: list[dict[str, Any]]) -> dict[str, Any]:
    """The payment with amounts that agree with the lines, as a careful mall writes them:
    shipping is free from 99.00, COD collects the total, a paid order states what was paid."""
    goods = sum(
        (Decimal(line["unit_price"]) * int(line["qty"]) - Decimal(line.get("discount", "0")))
        for line in lines
    )
    discount = Decimal(payment.get("discount", "0"))
    fee = Decimal(0) if goods >= FREE_SHIPPING_FROM else SHIPPING_FEE
    total = goods - discount + fee
    restated = {**payment, "shipping_fee": f"{fee:.2f}"}
    restated.pop("cod_amount", None)
    restated.pop("amount_paid", None)
    if payment["method"] == "cod":
        restated["cod_amount"] = f"{total:.2f}"
    elif payment.get("paid"):
        restated["amount_paid"] = f"{total:.2f}"
    return restated
