"""Per-merchant statement for billing: what the warehouse did and held for each merchant.

For a window, per merchant: orders and lines picked, units picked (the stock ledger's
``pick`` moves), parcels by box size, packing materials, returns received and storage
occupied in location-days (a location counts for a day when the merchant had stock on it
at the end of that day, rebuilt from today's quants and the ledger's moves since).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.models import (
    AuditEvent,
    Merchant,
    Order,
    Parcel,
    PickTask,
    Shipment,
    StockMove,
    StockQuant,
)
from warehouse.reports.window import Window, aware, require_supervisor
from warehouse.states import ParcelState, TaskState

RETURN_REASONS = ("return", "return_receive", "returned")
"""Ledger reasons of units coming back from customers (the returns desk writes them)."""
MATERIAL_ACTION = "pack.material"
"""Audit action of a packing material used (after: {"material": code, "qty": n})."""


@dataclass(frozen=True)
class MerchantStatement:
    mall_id: str
    name: str
    orders: int
    lines: int
    units_picked: int
    parcels_by_box: dict[str, int] = field(default_factory=dict)
    materials: dict[str, int] = field(default_factory=dict)
    returns_units: int = 0
    location_days: int = 0

    @property
    def parcels(self) -> int:
        return sum(self.parcels_by_box.values())


def merchant_statements(
    session: Session, actor: Actor, window: Window, merchant: str | None = None
) -> list[MerchantStatement]:
    """One statement per merchant (``merchant``: only the one with that mall id)."""
    require_supervisor(session, actor)
    query = select(Merchant).order_by(Merchant.mall_id)
    if merchant is not None:
        query = query.where(Merchant.mall_id == merchant)
    merchants = list(session.scalars(query))
    ids = [m.id for m in merchants]
    if not ids:
        return []
    picked = _picked(session, window, ids)
    units = _units(session, window, ids, ("pick",), out=True)
    returns = _units(session, window, ids, RETURN_REASONS, out=False)
    parcels = _parcels(session, window, ids)
    materials = _materials(session, window, ids)
    days = location_days(session, window, ids)
    return [
        MerchantStatement(
            mall_id=m.mall_id,
            name=m.name,
            orders=len(picked[m.id][0]),
            lines=len(picked[m.id][1]),
            units_picked=units[m.id],
            parcels_by_box=dict(sorted(parcels[m.id].items())),
            materials=dict(sorted(materials[m.id].items())),
            returns_units=returns[m.id],
            location_days=days[m.id],
        )
        for m in merchants
    ]


def _picked(
    session: Session, window: Window, ids: list[int]
) -> dict[int, tuple[set[int], set[int]]]:
    rows = session.execute(
        select(Order.merchant_id, PickTask.order_id, PickTask.order_line_id)
        .join(Order, Order.id == PickTask.order_id)
        .where(
            Order.merchant_id.in_(ids),
            PickTask.state == TaskState.PICKED,
            PickTask.confirmed_at >= window.start,
            PickTask.confirmed_at < window.end,
        )
    ).all()
    result: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for merchant_id, order_id, line_id in rows:
        result[merchant_id][0].add(order_id)
        result[merchant_id][1].add(line_id)
    return result


def _units(
    session: Session, window: Window, ids: list[int], reasons: tuple[str, ...], *, out: bool
) -> Counter[int]:
    side = StockMove.from_location_id if out else StockMove.to_location_id
    rows = session.execute(
        select(StockMove.owner_id, func.sum(StockMove.qty))
        .where(
            StockMove.owner_id.in_(ids),
            StockMove.reason.in_(reasons),
            side.is_not(None),
            StockMove.at >= window.start,
            StockMove.at < window.end,
        )
        .group_by(StockMove.owner_id)
    ).all()
    return Counter({owner: int(total or 0) for owner, total in rows})


def _parcels(session: Session, window: Window, ids: list[int]) -> dict[int, Counter[str]]:
    rows = session.execute(
        select(Order.merchant_id, Parcel.box_code, func.count(Parcel.id))
        .join(Shipment, Shipment.id == Parcel.shipment_id)
        .join(Order, Order.id == Shipment.order_id)
        .where(
            Order.merchant_id.in_(ids),
            # reopened at packing: billed once, as re-closed; unpacked: never left the site
            Parcel.state.not_in((ParcelState.VOIDED, ParcelState.UNPACKED)),
            Shipment.created_at >= window.start,
            Shipment.created_at < window.end,
        )
        .group_by(Order.merchant_id, Parcel.box_code)
    ).all()
    result: dict[int, Counter[str]] = defaultdict(Counter)
    for merchant_id, box, count in rows:
        result[merchant_id][box or "-"] += int(count)
    return result


def _materials(session: Session, window: Window, ids: list[int]) -> dict[int, Counter[str]]:
    """Packing materials from the packing station's ``pack.material`` events (per order)."""
    events = list(
        session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == MATERIAL_ACTION,
                AuditEvent.at >= window.start,
                AuditEvent.at < window.end,
            )
        )
    )
    result: dict[int, Counter[str]] = defaultdict(Counter)
    if not events:
        return result
    owners = dict(
        session.execute(
            select(Order.fo_id, Order.merchant_id).where(
                Order.fo_id.in_({e.entity_id for e in events}), Order.merchant_id.in_(ids)
            )
        ).all()
    )
    # a parcel reopened at the station is voided and closed again: billed once, as re-closed
    named = {str((e.after or {}).get("parcel")) for e in events if (e.after or {}).get("parcel")}
    voided = set(
        session.scalars(
            select(Parcel.tracking_no).where(
                Parcel.tracking_no.in_(named), Parcel.state == ParcelState.VOIDED
            )
        )
    )
    for event in events:
        after = event.after or {}
        qty = after.get("qty", 1)
        if str(after.get("parcel", "")) in voided:
            continue
        if event.entity_id in owners and isinstance(qty, int):
            result[owners[event.entity_id]][str(after.get("material", "-"))] += qty
    return result


def location_days(session: Session, window: Window, ids: list[int]) -> Counter[int]:
    """Per merchant: the days × locations it held stock on at the end of each day."""
    held: dict[tuple[int, int], int] = defaultdict(int)
    for owner, location, on_hand in session.execute(
        select(StockQuant.owner_id, StockQuant.location_id, func.sum(StockQuant.on_hand))
        .where(StockQuant.owner_id.in_(ids))
        .group_by(StockQuant.owner_id, StockQuant.location_id)
    ).all():
        held[(owner, location)] = int(on_hand or 0)
    moves = list(
        session.execute(
            select(
                StockMove.at,
                StockMove.owner_id,
                StockMove.from_location_id,
                StockMove.to_location_id,
                StockMove.qty,
            )
            .where(StockMove.owner_id.in_(ids), StockMove.at >= window.start)
            .order_by(StockMove.at.desc(), StockMove.id.desc())
        ).all()
    )
    now = datetime.now(UTC)
    result: Counter[int] = Counter()
    day_end = window.end
    index = 0
    # Undo the moves newest first, down to each day's end inside the window.
    while day_end > window.start:
        while index < len(moves) and aware(moves[index][0]) >= day_end:
            _, owner, source, target, qty = moves[index]
            if target is not None:
                held[(owner, target)] -= qty
            if source is not None:
                held[(owner, source)] += qty
            index += 1
        if day_end <= now + timedelta(days=1):
            for (owner, _location), qty in held.items():
                if qty > 0:
                    result[owner] += 1
        day_end -= timedelta(days=1)
    return result
