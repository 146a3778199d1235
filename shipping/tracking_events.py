"""Carrier tracking events, stored once each and mapped onto our parcel states.

An event is stored once by (carrier, tracking number, event id), however often and in whatever
order it arrives (pushed and pulled, repeated, late), and every stored event is one
``tracking`` outbox message for the parcel's order (queued behind its ``shipment`` message),
with the same body whenever it arrives: the mall hears the whole history and orders it by
``event_time``.

The parcel's state follows the newest event by the carrier's time. An older event arriving
late is history: told and kept, but it moves nothing; signed on the last parcel moves the
order to ``delivered`` only when that signature is the parcel's newest event.

Exception events open the parcel's entry in the delivery-exception queue whenever they
arrive; a signature resolves the parcel's open entries, and an exception older than the
parcel's signature (or than its return to the site, or its replacement) arrives as an entry
already resolved. So a reordered sequence ends with the same parcel state, the same queue and
the same set of messages as the carrier's order would have given (the one thing that may
differ with several parcels in one order: which last signature carries ``order_delivered``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shipping.delivery_exceptions import on_exception_event, settle_exceptions
from warehouse.audit import Actor
from warehouse.models import Order, Parcel, Shipment, TrackingEvent
from warehouse.orders import DELIVERED, SHIPPED, transition
from warehouse.outbox import enqueue
from warehouse.states import ParcelState, ShipmentState

PARCEL_STATE: dict[str, ParcelState] = {
    "collected": ParcelState.IN_TRANSIT,
    "in_transit": ParcelState.IN_TRANSIT,
    "out_for_delivery": ParcelState.OUT_FOR_DELIVERY,
    "signed": ParcelState.DELIVERED,
    "refused": ParcelState.REFUSED,
    "returned": ParcelState.RETURNING,
    "problem": ParcelState.PROBLEM,
    "delayed": ParcelState.DELAYED,
    "lost": ParcelState.LOST,
    "damaged": ParcelState.DAMAGED,
}
"""Carrier status (揽收 collected, 在途 in_transit, 派件 out_for_delivery, 签收 signed, 拒收
refused, 退回 returned, 疑难 problem, delayed, lost, damaged) → our parcel state."""
TRACKED = (
    ParcelState.HANDED_OVER,
    ParcelState.IN_TRANSIT,
    ParcelState.OUT_FOR_DELIVERY,
    ParcelState.DELIVERED,
    ParcelState.REFUSED,
    ParcelState.RETURNING,
    ParcelState.PROBLEM,
    ParcelState.DELAYED,
    ParcelState.LOST,
    ParcelState.DAMAGED,
)
HEARD = (*TRACKED, ParcelState.RETURNED, ParcelState.REPLACED)
"""Parcels whose carrier events are still stored and told (back at the site or replaced: as
history only)."""


@dataclass(frozen=True)
class CarrierEvent:
    carrier_code: str
    tracking_no: str
    event_id: str
    status: str
    occurred_at: datetime
    place: str = ""

    @classmethod
    def parse(cls, data: dict[str, Any]) -> CarrierEvent:
        """One event as the reference carrier writes it (raises KeyError/ValueError)."""
        status = str(data["status"])
        if status not in PARCEL_STATE:
            raise ValueError(f"unknown status {status!r}")
        at = datetime.fromisoformat(str(data["occurred_at"]))
        if at.tzinfo is None:
            raise ValueError("occurred_at has no offset")
        return cls(
            str(data["carrier_code"])[:8],
            str(data["tracking_no"])[:40],
            str(data["event_id"])[:64],
            status,
            at,
            str(data.get("place", ""))[:80],
        )


@dataclass
class Recorded:
    stored: int = 0
    repeated: int = 0
    stale: int = 0
    unknown: int = 0
    changes: list[str] = field(default_factory=list)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        from datetime import UTC

        return moment.replace(tzinfo=UTC)
    return moment


def record_event(session: Session, actor: Actor, event: CarrierEvent, result: Recorded) -> None:
    """Store one event (once) and move its parcel on, in the caller's transaction."""
    parcel = session.scalars(
        select(Parcel)
        .join(Shipment, Shipment.id == Parcel.shipment_id)
        .where(Parcel.tracking_no == event.tracking_no, Shipment.carrier_code == event.carrier_code)
        .with_for_update()
    ).first()
    if parcel is None or parcel.state not in HEARD:
        result.unknown += 1
        return
    known = session.scalar(
        select(TrackingEvent.id).where(
            TrackingEvent.carrier_code == event.carrier_code,
            TrackingEvent.tracking_no == event.tracking_no,
            TrackingEvent.event_key == event.event_id,
        )
    )
    if known is not None:
        result.repeated += 1
        return
    session.add(
        TrackingEvent(
            parcel_id=parcel.id,
            carrier_code=event.carrier_code,
            tracking_no=event.tracking_no,
            event_key=event.event_id,
            status=event.status,
            occurred_at=event.occurred_at,
            place=event.place,
        )
    )
    result.stored += 1
    order = session.get(Order, parcel.shipment.order_id)
    assert order is not None
    last = _aware(parcel.last_event_at)
    moves = parcel.state in TRACKED and (last is None or event.occurred_at > last)
    if moves:
        parcel.last_event_at = event.occurred_at
        parcel.state = PARCEL_STATE[event.status]
        result.changes.append(f"{event.tracking_no}:{event.status}")
    else:
        result.stale += 1  # history: told and kept, but the parcel stays where it is
    session.flush()
    on_exception_event(
        session, parcel, order, event.status, event.place, event.occurred_at, newest=moves
    )
    if moves and event.status == "signed":
        settle_exceptions(session, parcel)
    body: dict[str, object] = {
        "carrier_code": event.carrier_code,
        "tracking_no": event.tracking_no,
        "status": event.status.upper(),
        "event_time": event.occurred_at.isoformat(),
        "place": event.place,
    }
    if event.status in ("refused", "returned"):
        body["request"] = "CHOOSE_RESHIP_OR_REFUND"
    delivers = moves and event.status == "signed" and order.state == SHIPPED
    if delivers and _all_delivered(session, order):
        body["order_delivered"] = True
        transition(session, order, DELIVERED, actor, reason="signed", notify=("tracking", body))
        return
    enqueue(session, order.fo_id, "tracking", body)


def _all_delivered(session: Session, order: Order) -> bool:
    states = session.scalars(
        select(Parcel.state)
        .join(Shipment, Shipment.id == Parcel.shipment_id)
        .where(Shipment.order_id == order.id, Shipment.state != ShipmentState.CANCELLED)
    ).all()
    return all(s in (ParcelState.DELIVERED, ParcelState.REPLACED) for s in states)
