"""The delivery-exception queue and its actions.

- refused / returned: the parcel is expected back (the returns flow calls
  :func:`parcel_returned` when it arrives); the mall is asked to choose re-ship or refund.
- lost / damaged: :func:`reship` sends a replacement from the owner's own stock, and an
  insurance claim is opened for the declared value when the parcel was insured.
- delayed / problem: flagged with the carrier's latest event.
- not signed N days after the expected date (:func:`check_overdue`): the mall is asked to
  contact the customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.models import DeliveryException, Order, Parcel, Shipment, utcnow
from warehouse.outbox import enqueue
from warehouse.states import ExceptionState, ParcelState
from warehouse.words import Message, encode

KINDS = ("refused", "returned", "problem", "delayed", "lost", "damaged")
ACTION = {
    "refused": "expect_return",
    "returned": "expect_return",
    "problem": "flagged",
    "delayed": "flagged",
    "lost": "reship",
    "damaged": "reship",
}
NOTE = {
    "refused": "delivery.back.refused",
    "returned": "delivery.back.returned",
    "problem": "delivery.problem",
    "delayed": "delivery.delayed",
    "lost": "delivery.replace.lost",
    "damaged": "delivery.replace.damaged",
}
"""(``delivery.expect_back`` and ``delivery.replace`` stay readable for entries stored before.)"""
WAITING_FOR_SIGNATURE = (
    ParcelState.HANDED_OVER,
    ParcelState.IN_TRANSIT,
    ParcelState.OUT_FOR_DELIVERY,
    ParcelState.DELAYED,
)


def _latest(place: str, at: datetime) -> str:
    return f"{at.isoformat(timespec='minutes')} {place}"[:200]


def open_exception(
    session: Session, parcel: Parcel, kind: str, latest: str, note: Message
) -> DeliveryException | None:
    """The parcel's entry of this kind in the queue (one per parcel and kind)."""
    found = session.scalars(
        select(DeliveryException).where(
            DeliveryException.parcel_id == parcel.id, DeliveryException.kind == kind
        )
    ).first()
    if found is not None:
        return None
    row = DeliveryException(
        parcel_id=parcel.id,
        kind=kind,
        latest_event=latest,
        action=ACTION.get(kind, "contact_customer"),
        note=encode([note]),
    )
    session.add(row)
    session.flush()
    return row


BACK = ("refused", "returned")
"""One entry per parcel for both: a refused parcel is then returned; ``refused`` names it."""
SETTLED = {
    ParcelState.DELIVERED: "signed",
    ParcelState.RETURNED: "returned",
    ParcelState.REPLACED: "replaced",
}
"""A parcel in one of these states has nothing left to chase: how its entries end."""


def on_exception_event(
    session: Session,
    parcel: Parcel,
    order: Order,
    status: str,
    place: str,
    at: datetime,
    *,
    newest: bool = True,
) -> None:
    """The parcel's entry for an exception event, whenever it arrives (``newest``: it is the
    parcel's latest event). Refused and returned share one entry. An event older than the
    parcel's signature, return or replacement opens its entry already resolved."""
    if status not in KINDS:
        return
    latest = _latest(place, at)
    insured = status in ("lost", "damaged") and parcel.shipment.insured_value > 0
    key = NOTE[status] + ("_insured" if insured else "")
    note = Message.of(key, tracking=parcel.tracking_no, status=status, event=latest, claim="")
    if status in BACK:
        shared = session.scalars(
            select(DeliveryException).where(
                DeliveryException.parcel_id == parcel.id, DeliveryException.kind.in_(BACK)
            )
        ).first()
        if shared is not None:
            if newest:
                shared.latest_event = latest
            if status == "refused" and shared.kind != "refused":
                shared.kind, shared.note = "refused", encode([note])
            return
    row = open_exception(session, parcel, status, latest, note)
    if row is not None and not newest and parcel.state in SETTLED:
        resolve(row, SETTLED[ParcelState(parcel.state)])


def settle_exceptions(session: Session, parcel: Parcel) -> int:
    """The parcel is signed for: its open entries are over (how many)."""
    rows = session.scalars(
        select(DeliveryException).where(
            DeliveryException.parcel_id == parcel.id,
            DeliveryException.state == ExceptionState.OPEN,
            DeliveryException.kind != "left_behind",
        )
    ).all()
    for row in rows:
        resolve(row, "signed")
    return len(rows)


def check_overdue(session: Session, days: int, now: datetime | None = None) -> int:
    """Parcels not signed ``days`` after their expected date: queued, and the mall asked to
    contact the customer (once per parcel)."""
    now = now or utcnow()
    limit = now - timedelta(days=days)
    late = session.scalars(
        select(Parcel)
        .where(
            Parcel.state.in_(WAITING_FOR_SIGNATURE),
            Parcel.expected_at.is_not(None),
            Parcel.expected_at < limit,
        )
        .order_by(Parcel.id)
        .with_for_update()
    ).all()
    opened = 0
    for parcel in late:
        note = Message.of("delivery.not_signed", tracking=parcel.tracking_no, days=days)
        row = open_exception(session, parcel, "not_signed", parcel.state, note)
        if row is None:
            continue
        row.action = "contact_customer"
        order = session.get(Order, parcel.shipment.order_id)
        assert order is not None
        enqueue(
            session,
            order.fo_id,
            "tracking",
            {
                "carrier_code": parcel.shipment.carrier_code,
                "tracking_no": parcel.tracking_no,
                "status": "NOT_SIGNED_OVERDUE",
                "event_time": now.isoformat(),
                "request": "CONTACT_CUSTOMER",
            },
        )
        opened += 1
    return opened


@dataclass(frozen=True)
class QueueEntry:
    id: int
    kind: str
    tracking_no: str
    carrier_code: str
    order_sn: str
    action: str
    latest_event: str
    note: str
    """Stored message keys: ``words.render_all(note, language)``."""


def open_queue(session: Session) -> list[QueueEntry]:
    rows = session.execute(
        select(DeliveryException, Parcel.tracking_no, Shipment.carrier_code, Order.order_sn)
        .join(Parcel, Parcel.id == DeliveryException.parcel_id)
        .join(Shipment, Shipment.id == Parcel.shipment_id)
        .join(Order, Order.id == Shipment.order_id)
        .where(DeliveryException.state == ExceptionState.OPEN)
        .order_by(DeliveryException.id)
    ).all()
    return [
        QueueEntry(e.id, e.kind, t, c, sn, e.action, e.latest_event, e.note) for e, t, c, sn in rows
    ]


def resolve(row: DeliveryException, action: str) -> None:
    row.state = ExceptionState.RESOLVED
    row.action = action
    row.resolved_at = utcnow()
