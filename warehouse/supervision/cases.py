"""The shortage cases a supervisor still has to decide (open) or is waiting on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.models import Order, OrderLine, ShortageCase
from warehouse.states import ShortageState
from warehouse.supervision.access import supervisor
from warehouse.words import render_all


@dataclass(frozen=True)
class CaseView:
    id: int
    fo_id: str
    order_sn: str
    order_state: str
    line_id: str
    sku_code: str
    ordered: int
    available: int
    reason: str
    source: str
    state: str
    note: str
    """Rendered in the reader's language."""
    opened_at: datetime


def shortage_cases(session: Session, actor: Actor, language: str) -> list[CaseView]:
    """Open cases first, oldest first, then those waiting."""
    supervisor(session, actor)
    rows = session.execute(
        select(ShortageCase, Order.fo_id, Order.order_sn, Order.state, OrderLine)
        .join(Order, Order.id == ShortageCase.order_id)
        .join(OrderLine, OrderLine.id == ShortageCase.order_line_id)
        .where(ShortageCase.state.in_((ShortageState.OPEN, ShortageState.WAITING)))
        .order_by(ShortageCase.state, ShortageCase.id)
    )
    return [
        CaseView(
            c.id,
            fo_id,
            sn,
            state,
            line.line_id,
            line.sku_code,
            c.ordered_qty,
            c.available_qty,
            c.reason,
            c.source,
            c.state,
            render_all(c.note, language),
            c.created_at,
        )
        for c, fo_id, sn, state, line in rows
    ]
