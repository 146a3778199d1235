"""One view of an order's whole life: state changes and other audit events, picks (each a
scan confirmed on the handheld), packing and labels, and every message to the mall, in time
order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.errors import NotFound
from warehouse.models import (
    AuditEvent,
    Location,
    Order,
    OutboxEvent,
    PickBatch,
    PickTask,
    PrintJob,
    Shipment,
    Sku,
)
from warehouse.supervision.access import supervisor
from warehouse.supervision.errors import CATALOG


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str
    """``audit``, ``pick``, ``packing``, ``label`` or ``mall``."""
    what: str
    """The action, task or message kind (data, shown literally)."""
    detail: str
    who: str = ""


def _audit(session: Session, order: Order) -> list[HistoryEntry]:
    rows = session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "order", AuditEvent.entity_id == order.fo_id)
    )
    return [
        HistoryEntry(e.at, "audit", e.action, f"{e.before or ''} → {e.after or ''}", e.actor)
        for e in rows
    ]


def _picks(session: Session, order: Order) -> list[HistoryEntry]:
    rows = session.execute(
        select(PickTask, PickBatch.code, Location.code, Sku.code)
        .join(PickBatch, PickBatch.id == PickTask.batch_id)
        .join(Location, Location.id == PickTask.location_id)
        .join(Sku, Sku.id == PickTask.sku_id)
        .where(PickTask.order_id == order.id)
    )
    return [
        HistoryEntry(
            task.confirmed_at or order.created_at,
            "pick",
            task.state,
            f"{cart} {where} {sku} {task.picked_qty}/{task.qty} tote {task.tote}",
        )
        for task, cart, where, sku in rows
    ]


def _packing(session: Session, order: Order) -> list[HistoryEntry]:
    entries = []
    for shipment in session.scalars(select(Shipment).where(Shipment.order_id == order.id)):
        parcels = ", ".join(f"{p.box_code} {p.tracking_no}".strip() for p in shipment.parcels)
        entries.append(HistoryEntry(shipment.created_at, "packing", shipment.state, parcels))
    refs = [order.fo_id, order.order_sn]
    for job in session.scalars(select(PrintJob).where(PrintJob.reference.in_(refs))):
        entries.append(HistoryEntry(job.created_at, "label", job.document, job.state))
    return entries


def _mall(session: Session, order: Order) -> list[HistoryEntry]:
    rows = session.scalars(select(OutboxEvent).where(OutboxEvent.fo_id == order.fo_id))
    return [
        HistoryEntry(e.created_at, "mall", e.kind, f"{e.state} {e.last_error}".strip())
        for e in rows
    ]


def order_history(session: Session, actor: Actor, fo_id: str) -> list[HistoryEntry]:
    """Everything that happened to the order, oldest first."""
    supervisor(session, actor)
    order = session.scalar(select(Order).where(Order.fo_id == fo_id))
    if order is None:
        raise NotFound.of(CATALOG["supervision.no_order"], order=fo_id)
    entries = _audit(session, order) + _picks(session, order)
    entries += _packing(session, order) + _mall(session, order)
    return sorted(entries, key=lambda e: e.at)
