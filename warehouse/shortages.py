"""Shortage cases opened by allocation, and the one message per case the mall receives.

A line that cannot be covered opens one case; later attempts update that case's figures but
do not tell the mall again (it decides once: wait, ship what is there, substitute, cancel).
A line that is covered later closes its case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.audit import Actor, record
from warehouse.models import Order, OrderLine, ShortageCase
from warehouse.models.base import utcnow
from warehouse.outbox import enqueue

OUT_OF_STOCK, EXPIRED, NOT_FOUND = "OUT_OF_STOCK", "EXPIRED", "NOT_FOUND"
HOLD, SHIP_AVAILABLE = "HOLD", "SHIP_AVAILABLE"
SOURCE = "allocation"


@dataclass(frozen=True)
class LineShortage:
    line: OrderLine
    available: int
    """Units that could ship for this line (already reserved, or reservable)."""
    reason: str


def open_cases(session: Session, order_id: int) -> dict[int, ShortageCase]:
    cases = session.scalars(
        select(ShortageCase).where(
            ShortageCase.order_id == order_id,
            ShortageCase.source == SOURCE,
            ShortageCase.state == "open",
        )
    )
    return {case.order_line_id: case for case in cases}


def sync_cases(
    session: Session,
    actor: Actor,
    order: Order,
    shortages: Sequence[LineShortage],
    *,
    proposal: str,
    may_have_cases: bool = True,
) -> int:
    """Open, update and close the order's allocation cases; how many were opened now.

    ``may_have_cases=False`` (an order never short before) saves looking for open cases.
    """
    existing = open_cases(session, order.id) if may_have_cases else {}
    fresh: list[LineShortage] = []
    for shortage in shortages:
        case = existing.pop(shortage.line.id, None)
        if case is not None:
            case.available_qty = shortage.available
            case.reason = shortage.reason
            continue
        session.add(
            ShortageCase(
                order_id=order.id,
                order_line_id=shortage.line.id,
                sku_id=shortage.line.sku_id,
                ordered_qty=shortage.line.qty,
                available_qty=shortage.available,
                reason=shortage.reason,
                source=SOURCE,
            )
        )
        fresh.append(shortage)
    now = utcnow()
    for case in existing.values():  # covered now
        case.state = "resolved"
        case.resolved_at = now
        case.note = "Stock was allocated on a later attempt."
    if fresh:
        lines = [
            {
                "line_id": s.line.line_id,
                "ordered_qty": s.line.qty,
                "available_qty": s.available,
                "reason": s.reason,
            }
            for s in fresh
        ]
        enqueue(session, order.fo_id, "shortage", {"lines": lines, "proposal": proposal})
        record(
            session,
            actor,
            "shortage.open",
            "order",
            order.fo_id,
            after={"lines": lines, "proposal": proposal},
        )
    return len(fresh)
