"""The supervisor's order queue: open orders by state and filters, soonest cut-off first,
late and at-risk marked, read one page at a time.

Pages are keyset pages on ``(due_at, id)``: the next page starts after the last row shown,
so page 2,000 costs what page 1 costs and 100,000 open orders never make a slow query.
Orders without a due time come after all that have one, by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.models import Merchant, Order
from warehouse.orders import OPEN_STATES
from warehouse.supervision.access import supervisor

PAGE = 50
LATE, AT_RISK, ON_TIME = "late", "at_risk", ""


@dataclass(frozen=True)
class QueueFilter:
    states: frozenset[str] = field(default_factory=lambda: frozenset(OPEN_STATES))
    merchant: str = ""
    """A merchant's mall id; empty for all."""
    min_priority: int | None = None
    carrier: str = ""
    due_before: datetime | None = None


@dataclass(frozen=True)
class QueueRow:
    id: int
    fo_id: str
    order_sn: str
    merchant: str
    state: str
    priority: int
    carrier: str
    due_at: datetime | None
    mark: str
    """``late``, ``at_risk`` or empty."""


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts: after this due time and id."""

    due_at: datetime | None
    id: int


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    next_key: PageKey | None
    """None when this is the last page."""


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def mark_of(due: datetime | None, now: datetime, at_risk: timedelta) -> str:
    due = _aware(due)
    if due is None:
        return ON_TIME
    if due < now:
        return LATE
    return AT_RISK if due < now + at_risk else ON_TIME


def _filtered(session: Session, wanted: QueueFilter) -> Select[Order, str]:
    query = (
        select(Order, Merchant.mall_id)
        .join(Merchant, Merchant.id == Order.merchant_id)
        .where(Order.state.in_(sorted(wanted.states)))
    )
    if wanted.merchant:
        query = query.where(Merchant.mall_id == wanted.merchant)
    if wanted.min_priority is not None:
        query = query.where(Order.priority >= wanted.min_priority)
    if wanted.carrier:
        query = query.where(Order.carrier_code == wanted.carrier)
    if wanted.due_before is not None:
        query = query.where(Order.due_at < wanted.due_before)
    return query


def order_page(
    session: Session,
    actor: Actor,
    wanted: QueueFilter,
    *,
    after: PageKey | None = None,
    now: datetime | None = None,
    at_risk: timedelta = timedelta(hours=2),
    limit: int = PAGE,
) -> QueuePage:
    """One page of the queue, soonest due first; ``after`` is the previous page's key."""
    supervisor(session, actor)
    now = now or datetime.now(UTC)
    base = _filtered(session, wanted)
    found: list[tuple[Order, str]] = []
    if after is None or after.due_at is not None:
        dated = base.where(Order.due_at.is_not(None))
        if after is not None:
            dated = dated.where(
                or_(
                    Order.due_at > after.due_at,
                    and_(Order.due_at == after.due_at, Order.id > after.id),
                )
            )
        found = list(session.execute(dated.order_by(Order.due_at, Order.id).limit(limit + 1)))
    if len(found) <= limit and wanted.due_before is None:
        undated = base.where(Order.due_at.is_(None))
        if after is not None and after.due_at is None:
            undated = undated.where(Order.id > after.id)
        more = limit + 1 - len(found)
        found += list(session.execute(undated.order_by(Order.id).limit(more)))
    rows = [
        QueueRow(
            o.id,
            o.fo_id,
            o.order_sn,
            mall_id,
            o.state,
            o.priority,
            o.carrier_code,
            _aware(o.due_at),
            mark_of(o.due_at, now, at_risk),
        )
        for o, mall_id in found[:limit]
    ]
    last = rows[-1] if len(found) > limit else None
    next_key = PageKey(last.due_at, last.id) if last else None
    return QueuePage(rows, next_key)
