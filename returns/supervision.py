"""The supervisor's queues (unknown returns, out-of-policy requests, discrepancies) and
decisions: clear a flag, scrap a quarantined unit. Each decision role-checked and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from returns.putaway import QUARANTINE, SCRAP
from warehouse.audit import Actor, record
from warehouse.errors import NotFound
from warehouse.models import Location, Merchant, Order, ReturnRequest, ReturnUnit, Sku
from warehouse.states import ReturnKind, ReturnState, Role
from warehouse.stock import operations
from warehouse.users import require_role
from warehouse.words import render_all


@dataclass(frozen=True)
class QueueRow:
    queue: str
    """``unknown``, ``policy``, ``discrepancy`` or ``exchange`` (linked to its replacement)."""
    rma_id: str
    order_sn: str
    state: str
    why: str
    replacement_fo_id: str


def queues(session: Session, language: str) -> list[QueueRow]:
    rows: list[QueueRow] = []
    query = (
        select(ReturnRequest, Order.order_sn)
        .outerjoin(Order, ReturnRequest.order_id == Order.id)
        .where(ReturnRequest.supervisor_cleared.is_(False))
        .order_by(ReturnRequest.id)
    )
    for request, order_sn in session.execute(query):
        if request.kind == ReturnKind.UNKNOWN:
            queue, why = "unknown", request.discrepancy
        elif request.out_of_policy and request.state != ReturnState.CLOSED:
            queue, why = "policy", request.out_of_policy
        elif request.discrepancy:
            queue, why = "discrepancy", request.discrepancy
        elif request.replacement_fo_id:
            queue, why = "exchange", ""  # the exchange and its replacement order, side by side
        else:
            continue
        rows.append(
            QueueRow(
                queue,
                request.rma_id,
                order_sn or "",
                request.state,
                render_all(why, language),
                request.replacement_fo_id,
            )
        )
    return rows


def clear(session: Session, actor: Actor, rma_id: str, note: str = "") -> None:
    """A supervisor has looked at the return: it leaves the queues."""
    require_role(session, actor, Role.SUPERVISOR)
    request = session.scalar(select(ReturnRequest).where(ReturnRequest.rma_id == rma_id))
    if request is None:
        raise NotFound(f"No return {rma_id} is known.")
    request.supervisor_cleared = True
    record(session, actor, "return.clear", "return", rma_id, note=note[:200])


def scrap(session: Session, actor: Actor, unit_id: int, reason: str, today: date) -> None:
    """A quarantined unit is scrapped: it leaves the merchant's stock (ledger and audit)."""
    require_role(session, actor, Role.SUPERVISOR)
    unit = session.get(ReturnUnit, unit_id)
    if unit is None or unit.disposition != QUARANTINE or unit.sku_id is None:
        raise NotFound(f"No quarantined return unit {unit_id}.")
    sku = session.get(Sku, unit.sku_id)
    where = session.get(Location, unit.location_id)
    assert sku is not None and where is not None
    merchant = session.get(Merchant, sku.merchant_id)
    assert merchant is not None
    operations.adjust(
        session,
        actor,
        sku_code=sku.code,
        owner=merchant.mall_id,
        location_code=where.code,
        delta=-1,
        reason=f"scrap return unit {unit.id}: {reason}"[:80],
        lot=unit.lot if sku.lot_controlled else "",
        today=today,
    )
    unit.disposition = SCRAP
    record(session, actor, "return.scrap", "return_unit", unit.id, note=reason[:200])
