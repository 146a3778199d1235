"""What the home and supervisor screens show: work waiting, by state and role."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse.models import Order, PickBatch, ShortageCase, StockTask, SyncCursor
from warehouse.orders import OPEN_STATES
from warehouse.states import StockTaskState


@dataclass(frozen=True)
class SyncStatus:
    last_success_at: datetime | None
    backlog: int


@dataclass(frozen=True)
class Figures:
    orders_by_state: dict[str, int]
    batches_by_state: dict[str, int]
    open_shortages: int
    sync: SyncStatus
    stock_tasks: dict[str, int] = field(default_factory=dict)
    """Open floor stock tasks by kind (``put_back``, ``unpack``, ``count``); kinds with none
    are left out."""


def sync_status(session: Session) -> SyncStatus:
    cursor = session.scalar(select(SyncCursor).order_by(SyncCursor.last_success_at.desc()))
    if cursor is None:
        return SyncStatus(None, 0)
    return SyncStatus(cursor.last_success_at, cursor.backlog)


def current_figures(session: Session) -> Figures:
    orders = dict(
        session.execute(
            select(Order.state, func.count())
            .where(Order.state.in_(OPEN_STATES))
            .group_by(Order.state)
        ).all()
    )
    batches = dict(
        session.execute(select(PickBatch.state, func.count()).group_by(PickBatch.state)).all()
    )
    shortages = session.scalar(
        select(func.count()).select_from(ShortageCase).where(ShortageCase.state == "open")
    )
    tasks = dict(
        session.execute(
            select(StockTask.kind, func.count())
            .where(StockTask.state.in_((StockTaskState.OPEN, StockTaskState.ASSIGNED)))
            .group_by(StockTask.kind)
        ).all()
    )
    return Figures(orders, batches, int(shortages or 0), sync_status(session), tasks)


@dataclass(frozen=True)
class MerchantQueue:
    merchant: str
    by_state: dict[str, int]
    next_due: datetime | None


def open_orders_by_merchant(session: Session) -> list[MerchantQueue]:
    """Open orders per merchant and state, with the earliest due time."""
    from warehouse.models import Merchant

    rows = session.execute(
        select(Merchant.name, Order.state, func.count(), func.min(Order.due_at))
        .join(Merchant, Merchant.id == Order.merchant_id)
        .where(Order.state.in_(OPEN_STATES))
        .group_by(Merchant.name, Order.state)
        .order_by(Merchant.name)
    ).all()
    by_state: dict[str, dict[str, int]] = {}
    next_due: dict[str, datetime | None] = {}
    for name, state, count, due in rows:
        by_state.setdefault(name, {})[state] = count
        earliest = next_due.get(name)
        next_due[name] = (
            due if earliest is None or (due is not None and due < earliest) else earliest
        )
    return [MerchantQueue(name, states, next_due[name]) for name, states in by_state.items()]
