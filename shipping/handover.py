"""Handover to the carrier (出库交接): open one per carrier, scan parcels onto it, close it.

Each scan is one short transaction under the handover's row lock. A refusal (another
carrier's parcel, one already handed over, one whose order was cancelled) is an answer, not an
exception, so that what it leaves behind (the unpack task) is committed with it. Closing ships
the orders: one ``shipment`` outbox message per shipment with the parcels of this handover,
the order ``shipped`` or ``partially_shipped`` (``warehouse.orders.transition``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from labels.pdf_manifest import Manifest
from shipping.handover_messages import CATALOG as M
from shipping.handover_messages import HandoverError
from shipping.handover_ship import manifest_rows, ship_parcels
from warehouse.audit import Actor, record
from warehouse.config import Settings
from warehouse.models import Handover, Order, Parcel, Shipment, StockTask, utcnow
from warehouse.orders import CANCEL_REQUESTED, CANCELLED
from warehouse.states import HandoverState, ParcelState, Role, StockTaskState
from warehouse.users import require_role
from warehouse.words import Message, encode

ROLES = (Role.PACKER, Role.SUPERVISOR)


@dataclass(frozen=True)
class ScanAnswer:
    accepted: bool
    message: Message
    count: int

    @property
    def bell(self) -> bool:
        return not self.accepted


def handover_name(handover: Handover) -> str:
    return f"H{handover.id:05d}"


def open_handover(
    session: Session, actor: Actor, carrier_code: str, settings: Settings
) -> Handover:
    """The carrier's open handover, or a new one (one open per carrier)."""
    require_role(session, actor, *ROLES, system=True)
    try:
        settings.carrier(carrier_code)
    except KeyError:
        raise HandoverError.of(
            M["handover.unknown_carrier"],
            carrier=carrier_code,
            carriers=", ".join(c.code for c in settings.carriers),
        ) from None
    found = current(session, carrier_code, lock=True)
    if found is not None:
        return found
    handover = Handover(
        carrier_code=carrier_code, state=HandoverState.OPEN, opened_by=actor.user_id
    )
    session.add(handover)
    session.flush()
    record(
        session, actor, "handover.open", "handover", handover.id, after={"carrier": carrier_code}
    )
    return handover


def current(session: Session, carrier_code: str, *, lock: bool = False) -> Handover | None:
    query = select(Handover).where(
        Handover.carrier_code == carrier_code, Handover.state == HandoverState.OPEN
    )
    if lock:
        query = query.with_for_update()
    return session.scalars(query.order_by(Handover.id)).first()


def _count(session: Session, handover: Handover) -> int:
    return len(session.scalars(select(Parcel.id).where(Parcel.handover_id == handover.id)).all())


def scan_parcel(session: Session, actor: Actor, carrier_code: str, scan: str) -> ScanAnswer:
    """Put the scanned parcel on the carrier's open handover, or say why not."""
    require_role(session, actor, *ROLES)
    handover = current(session, carrier_code, lock=True)
    if handover is None:
        raise HandoverError.of(M["handover.none_open"], carrier=carrier_code)
    text = scan.strip()[:40]
    parcel = session.scalars(
        select(Parcel).where((Parcel.tracking_no == text) | (Parcel.sscc == text)).with_for_update()
    ).first()

    def refuse(key: str, **params: object) -> ScanAnswer:
        record(session, actor, "handover.refused", "parcel", text, note=key)
        return ScanAnswer(False, Message.of(key, **params), _count(session, handover))

    if parcel is None:
        return refuse("handover.unknown_parcel", scan=text)
    shipment = parcel.shipment
    order = session.get(Order, shipment.order_id)
    assert order is not None
    tracking = parcel.tracking_no
    if parcel.state == ParcelState.VOIDED:
        return refuse(
            "handover.voided", tracking=tracking, order=order.order_sn,
            new=", ".join(_replacing(session, parcel)) or "-",
        )  # fmt: skip
    if parcel.state == ParcelState.UNPACKED:
        return refuse("handover.unpacked", tracking=tracking, order=order.order_sn)
    if parcel.handover_id == handover.id:
        return ScanAnswer(
            True, Message.of("handover.again", tracking=tracking), _count(session, handover)
        )
    if shipment.carrier_code != carrier_code:
        return refuse(
            "handover.other_carrier",
            tracking=tracking,
            parcel_carrier=shipment.carrier_code,
            carrier=carrier_code,
        )
    if parcel.handover_id is not None:
        earlier = session.get(Handover, parcel.handover_id)
        at = parcel.handed_over_at.isoformat(timespec="minutes") if parcel.handed_over_at else ""
        return refuse(
            "handover.already_handed",
            tracking=tracking,
            handover=handover_name(earlier) if earlier else "",
            at=at,
        )
    if order.state in (CANCELLED, CANCEL_REQUESTED) or order.cancel_requested:
        task = unpack_task(session, parcel, order)
        return refuse("handover.cancelled", tracking=tracking, order=order.order_sn, task=task.id)
    if parcel.state != ParcelState.PACKED:
        return refuse("handover.not_packed", tracking=tracking, state=parcel.state)
    parcel.handover_id = handover.id
    parcel.handed_over_at = utcnow()
    parcel.state = ParcelState.HANDED_OVER
    session.flush()
    count = _count(session, handover)
    record(session, actor, "handover.scan", "parcel", tracking, after={"handover": handover.id})
    return ScanAnswer(
        True,
        Message.of(
            "handover.scanned", tracking=tracking, handover=handover_name(handover), count=count
        ),
        count,
    )


def _replacing(session: Session, voided: Parcel) -> list[str]:
    """Tracking numbers of the order's parcels closed after ``voided`` and not voided."""
    return list(
        session.scalars(
            select(Parcel.tracking_no)
            .where(
                Parcel.shipment_id == voided.shipment_id,
                Parcel.id > voided.id,
                Parcel.state != ParcelState.VOIDED,
            )
            .order_by(Parcel.id)
        )
    )


def unpack_task(session: Session, parcel: Parcel, order: Order) -> StockTask:
    """One open "unpack and put away" task per parcel (a repeat scan finds the same one)."""
    reference = f"parcel:{parcel.id}"
    found = session.scalars(
        select(StockTask).where(StockTask.kind == "unpack", StockTask.reference == reference)
    ).first()
    if found is not None:
        return found
    parcel.state = ParcelState.UNPACK
    reason = encode(
        [Message.of("handover.unpack_reason", tracking=parcel.tracking_no, order=order.order_sn)]
    )
    task = StockTask(
        kind="unpack",
        owner_id=order.merchant_id,
        reason=reason[:200],
        reference=reference,
        state=StockTaskState.OPEN,
    )
    session.add(task)
    session.flush()
    return task


def left_behind(session: Session, carrier_code: str) -> list[Parcel]:
    """Parcels of this carrier packed but on no handover."""
    return list(
        session.scalars(
            select(Parcel)
            .join(Shipment, Shipment.id == Parcel.shipment_id)
            .where(
                Shipment.carrier_code == carrier_code,
                Parcel.state == ParcelState.PACKED,
                Parcel.handover_id.is_(None),
            )
            .order_by(Parcel.id)
        )
    )


def close_handover(
    session: Session,
    actor: Actor,
    carrier_code: str,
    settings: Settings,
    *,
    now: datetime | None = None,
) -> tuple[Handover, Manifest]:
    """Close the carrier's open handover, ship its orders and return the manifest to print."""
    require_role(session, actor, *ROLES, system=True)
    handover = current(session, carrier_code, lock=True)
    if handover is None:
        raise HandoverError.of(M["handover.none_open"], carrier=carrier_code)
    now = now or utcnow()
    carrier = settings.carrier(carrier_code)
    parcels = list(
        session.scalars(select(Parcel).where(Parcel.handover_id == handover.id).order_by(Parcel.id))
    )
    ship_parcels(session, actor, parcels, carrier, now)
    handover.state = HandoverState.CLOSED
    handover.closed_at = now
    handover.closed_by = actor.user_id
    behind = [p.tracking_no for p in left_behind(session, carrier_code)]
    local = now.astimezone(ZoneInfo(settings.site.timezone)) if now.tzinfo else now
    manifest = Manifest(
        handover=handover_name(handover),
        carrier_code=carrier_code,
        carrier_name=carrier.name,
        closed_at=local.strftime("%Y-%m-%d %H:%M"),
        rows=manifest_rows(session, parcels),
        left_behind=behind,
    )
    record(
        session,
        actor,
        "handover.close",
        "handover",
        handover.id,
        after={"parcels": len(parcels), "left_behind": len(behind)},
    )
    return handover, manifest


def expected_at(handed_over: datetime, transit_days: int) -> datetime:
    return handed_over + timedelta(days=transit_days)


def collected(session: Session, carrier_codes: list[str]) -> list[tuple[str, str]]:
    """(tracking number, carrier) of parcels on closed handovers of these carriers that no
    carrier event has moved yet: what the courier took away, by handover, then number."""
    return [
        (number, code)
        for number, code in session.execute(
            select(Parcel.tracking_no, Handover.carrier_code)
            .join(Handover, Handover.id == Parcel.handover_id)
            .where(
                Handover.carrier_code.in_(carrier_codes),
                Handover.state == HandoverState.CLOSED,
                Parcel.state == ParcelState.HANDED_OVER,
            )
            .order_by(Handover.id, Parcel.tracking_no)
        )
    ]


@dataclass(frozen=True)
class OnTheWay:
    tracking_no: str
    carrier_code: str
    order_sn: str
    state: str
    handed_over_at: datetime | None
    last_event_at: datetime | None
    packed_at: datetime | None = None

    @property
    def since(self) -> datetime | None:
        """When it got where it is: the carrier's latest event, the handover or the packing."""
        moment = self.last_event_at or self.handed_over_at or self.packed_at
        if moment is not None and moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment


def on_the_way(session: Session, limit: int = 50) -> list[OnTheWay]:
    """Packed parcels waiting for a handover (by tracking number), then the parcels handed
    over most recently, with where the carrier says they are."""
    query = (
        select(Parcel, Shipment.carrier_code, Order.order_sn)
        .join(Shipment, Shipment.id == Parcel.shipment_id)
        .join(Order, Order.id == Shipment.order_id)
    )
    packed = session.execute(
        query.where(Parcel.state == ParcelState.PACKED, Parcel.handover_id.is_(None))
        .order_by(Shipment.carrier_code, Parcel.tracking_no)
        .limit(limit)
    ).all()
    handed = session.execute(
        query.where(Parcel.handover_id.is_not(None))
        .order_by(Parcel.handed_over_at.desc(), Parcel.tracking_no)
        .limit(limit)
    ).all()
    return [
        OnTheWay(p.tracking_no, code, sn, p.state, p.handed_over_at, p.last_event_at, p.packed_at)
        for p, code, sn in [*packed, *handed]
    ][:limit]


def waiting(session: Session) -> dict[str, int]:
    """Packed parcels on no handover yet, per carrier."""
    rows = session.execute(
        select(Shipment.carrier_code, Parcel.id)
        .join(Shipment, Shipment.id == Parcel.shipment_id)
        .where(Parcel.state == ParcelState.PACKED, Parcel.handover_id.is_(None))
    ).all()
    counts: dict[str, int] = {}
    for code, _ in rows:
        counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items()))
