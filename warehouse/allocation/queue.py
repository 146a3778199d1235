"""The allocation queue: which orders wait for stock, in what order, and claiming one.

Reading a window of the queue in priority order (one sorting query per window), then claiming
the window's most urgent order nobody holds with ``FOR UPDATE SKIP LOCKED`` (one short query
per order): several allocators never take the same order, never wait for one another's, and
do not waste queries trying orders another allocator already has.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, joinedload

from warehouse.models import Order, OrderLine
from warehouse.orders import RELEASED, SHORT


def waiting(started_at: datetime, retry_short: bool) -> ColumnElement[bool]:
    """Released orders, and short ones not yet tried since this run started."""
    released = Order.state == RELEASED
    state = (
        or_(released, and_(Order.state == SHORT, Order.updated_at < started_at))
        if retry_short
        else released
    )
    return and_(state, Order.cancel_requested.is_(False))


def queue_window(
    session: Session,
    *,
    started_at: datetime,
    size: int = 50,
    retry_short: bool = True,
    exclude: Collection[int] = (),
) -> list[int]:
    """Ids of the next orders to allocate: highest priority, then earliest due, then oldest."""
    query = (
        select(Order.id)
        .where(waiting(started_at, retry_short))
        .order_by(Order.priority.desc(), Order.due_at.asc().nulls_last(), Order.id)
        .limit(size)
    )
    if exclude:
        query = query.where(Order.id.not_in(exclude))
    return list(session.scalars(query))


def claim_order(
    session: Session, order_id: int, *, started_at: datetime, retry_short: bool = True
) -> Order | None:
    """Lock the order if it still waits and no other allocator holds it; else None."""
    # merchant (whole-order rule), lines and their SKUs come in the same round trip
    return (
        session.execute(
            select(Order)
            .where(Order.id == order_id, waiting(started_at, retry_short))
            .options(
                joinedload(Order.merchant),
                joinedload(Order.lines).joinedload(OrderLine.sku),
            )
            .with_for_update(of=Order, skip_locked=True)
            .execution_options(populate_existing=True)
        )
        .unique()
        .scalar_one_or_none()
    )


def claim_next(
    session: Session, ids: Collection[int], *, started_at: datetime, retry_short: bool = True
) -> Order | None:
    """Lock the most urgent order among ``ids`` that still waits and nobody holds; else None."""
    if not ids:
        return None
    # the lines and SKUs come in the same round trip: PostgreSQL locks the order inside
    # the subquery that SQLAlchemy wraps around the LIMIT, the joins then add its lines
    return (
        session.execute(
            select(Order)
            .where(Order.id.in_(ids), waiting(started_at, retry_short))
            .order_by(Order.priority.desc(), Order.due_at.asc().nulls_last(), Order.id)
            .limit(1)
            .options(
                joinedload(Order.merchant),
                joinedload(Order.lines).joinedload(OrderLine.sku),
            )
            .with_for_update(of=Order, skip_locked=True)
            .execution_options(populate_existing=True)
        )
        .unique()
        .scalar_one_or_none()
    )
