"""Find orders by what a supervisor has in hand: an order number, a tracking number, a SKU
or a location. Each term is tried against all four; the answer is the union, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.models import Location, Order, OrderLine, Parcel, PickTask, Shipment
from warehouse.supervision.access import supervisor

LIMIT = 50


@dataclass(frozen=True)
class Hit:
    fo_id: str
    order_sn: str
    state: str
    matched: str
    """``order``, ``tracking``, ``sku`` or ``location``: what the term named."""


def search_orders(session: Session, actor: Actor, term: str, *, limit: int = LIMIT) -> list[Hit]:
    """Orders named by ``term`` (exact match, case kept as scanned)."""
    supervisor(session, actor)
    term = term.strip()
    if not term:
        return []
    queries = {
        "order": select(Order.id).where((Order.order_sn == term) | (Order.fo_id == term)),
        "tracking": select(Shipment.order_id)
        .join(Parcel, Parcel.shipment_id == Shipment.id)
        .where(Parcel.tracking_no == term),
        "sku": select(OrderLine.order_id).where(OrderLine.sku_code == term),
        "location": select(PickTask.order_id)
        .join(Location, Location.id == PickTask.location_id)
        .where(Location.code == term),
    }
    hits: dict[int, str] = {}
    for matched, query in queries.items():
        for order_id in session.scalars(query.limit(limit)):
            hits.setdefault(order_id, matched)
    orders = session.scalars(
        select(Order).where(Order.id.in_(list(hits))).order_by(Order.id.desc()).limit(limit)
    )
    return [Hit(o.fo_id, o.order_sn, o.state, hits[o.id]) for o in orders]
