"""Shortage cases, and the one message per case the mall receives.

:func:`open_cases` is the one way to open a case, for allocation, picking, packing and returns
alike: **one open case per order line and source; the mall hears of a new case once, in the
caller's transaction.** A later shortage of the same line from the same source updates the
open case's figures (the supervisor sees them) but does not tell the mall again, because the
mall decides once: wait, ship what is there, substitute, cancel.

Allocation also closes its cases when a later attempt covers the line (:func:`sync_cases`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse import messages as _messages  # noqa: F401  (registers the core catalog)
from warehouse.audit import Actor, record
from warehouse.models import Order, OrderLine, ShortageCase
from warehouse.models.base import utcnow
from warehouse.outbox import enqueue
from warehouse.states import ShortageState
from warehouse.words import Message, encode

# The mall's reasons and proposals (mall contract: POST …/shortages).
OUT_OF_STOCK, DAMAGED, EXPIRED, NOT_FOUND = "OUT_OF_STOCK", "DAMAGED", "EXPIRED", "NOT_FOUND"
HOLD, SHIP_AVAILABLE = "HOLD", "SHIP_AVAILABLE"
ALLOCATION = "allocation"
"""The source of cases opened when stock cannot be reserved."""


@dataclass(frozen=True)
class LineShortage:
    line: OrderLine
    available: int
    """Units that could ship for this line (already reserved, or reservable)."""
    reason: str
    location_id: int | None = None
    """The shelf that came up short, when one did."""
    note: Message | None = None
    """What the supervisor reads about it (a message key, shown in their language)."""


def open_case_lines(session: Session, order_id: int, source: str) -> dict[int, ShortageCase]:
    """The order's open (or waiting) cases from ``source``, by order line id."""
    cases = session.scalars(
        select(ShortageCase).where(
            ShortageCase.order_id == order_id,
            ShortageCase.source == source,
            ShortageCase.state.in_((ShortageState.OPEN, ShortageState.WAITING)),
        )
    )
    return {case.order_line_id: case for case in cases}


def open_cases(
    session: Session,
    actor: Actor,
    order: Order,
    shortages: Sequence[LineShortage],
    *,
    source: str,
    proposal: str,
    existing: dict[int, ShortageCase] | None = None,
) -> list[ShortageCase]:
    """Open a case for each short line that has none open from ``source`` and tell the mall
    about those in one message; update the figures of cases already open. The new cases.

    ``existing`` saves the lookup when the caller has just read the open cases.
    """
    known = open_case_lines(session, order.id, source) if existing is None else existing
    fresh: list[tuple[LineShortage, ShortageCase]] = []
    for shortage in shortages:
        case = known.get(shortage.line.id)
        if case is not None:  # the mall was told already; the supervisor sees the new figure
            case.available_qty = shortage.available
            case.reason = shortage.reason
            continue
        case = ShortageCase(
            order_id=order.id,
            order_line_id=shortage.line.id,
            sku_id=shortage.line.sku_id,
            location_id=shortage.location_id,
            ordered_qty=shortage.line.qty,
            available_qty=shortage.available,
            reason=shortage.reason,
            source=source,
            note=encode([shortage.note]) if shortage.note else "",
        )
        session.add(case)
        known[shortage.line.id] = case
        fresh.append((shortage, case))
    if fresh:
        lines = [
            {
                "line_id": s.line.line_id,
                "ordered_qty": s.line.qty,
                "available_qty": s.available,
                "reason": s.reason,
            }
            for s, _ in fresh
        ]
        body = {"lines": lines, "proposal": proposal}
        enqueue(session, order.fo_id, "shortage", body)
        record(
            session, actor, "shortage.open", "order", order.fo_id, after={**body, "source": source}
        )
    return [case for _, case in fresh]


def sync_cases(
    session: Session,
    actor: Actor,
    order: Order,
    shortages: Sequence[LineShortage],
    *,
    proposal: str,
    may_have_cases: bool = True,
) -> int:
    """Allocation's cases for ``order``: open and update them, close those now covered; how
    many were opened now.

    ``may_have_cases=False`` (an order never short before) saves looking for open cases.
    """
    existing = open_case_lines(session, order.id, ALLOCATION) if may_have_cases else {}
    short_lines = {s.line.id for s in shortages}
    covered = [case for line_id, case in existing.items() if line_id not in short_lines]
    opened = open_cases(
        session, actor, order, shortages, source=ALLOCATION, proposal=proposal, existing=existing
    )
    now = utcnow()
    for case in covered:
        case.state = ShortageState.RESOLVED
        case.resolved_at = now
        case.note = encode([Message.of("shortage.covered_later")])
    return len(opened)
