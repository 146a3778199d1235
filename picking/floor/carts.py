"""The supervisor's view of carts on the floor: who has which, how far, where they last
scanned; reassign a cart to another picker or give it back to the queue.

Reassigning gives the cart back (progress kept, "standing at this shelf" forgotten) and
claims it for the new picker, so the audit trail shows both moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from picking.floor.claim import _release
from warehouse.audit import Actor, record
from warehouse.batches import ACTIVE, move_batch
from warehouse.errors import NotFound, StateError
from warehouse.models import Location, PickBatch, PickTask, User
from warehouse.states import BatchState, Role, TaskState
from warehouse.supervision.access import supervisor
from warehouse.supervision.errors import CATALOG
from warehouse.users import find_user


@dataclass(frozen=True)
class CartView:
    code: str
    state: str
    picker: str
    """The picker's badge, or empty for a cart nobody holds."""
    done: int
    total: int
    last_scan_at: datetime | None
    last_location: str


def carts_in_progress(session: Session, actor: Actor) -> list[CartView]:
    """Carts claimed or being picked, longest silent first."""
    supervisor(session, actor)
    batches = session.execute(
        select(PickBatch, User.badge)
        .outerjoin(User, User.id == PickBatch.assignee_id)
        .where(PickBatch.state.in_(ACTIVE))
        .order_by(PickBatch.last_activity_at, PickBatch.id)
    ).all()
    views = []
    for batch, badge in batches:
        counts = dict(
            session.execute(
                select(PickTask.state, func.count())
                .where(PickTask.batch_id == batch.id)
                .group_by(PickTask.state)
            ).all()
        )
        last = session.scalar(
            select(Location.code)
            .join(PickTask, PickTask.location_id == Location.id)
            .where(PickTask.batch_id == batch.id, PickTask.confirmed_at.is_not(None))
            .order_by(PickTask.confirmed_at.desc())
            .limit(1)
        )
        done = sum(n for state, n in counts.items() if state != TaskState.PENDING)
        views.append(
            CartView(
                batch.code,
                batch.state,
                badge or "",
                done,
                sum(counts.values()),
                batch.last_activity_at,
                last or "",
            )
        )
    return views


def _cart(session: Session, code: str) -> PickBatch:
    batch = session.scalar(select(PickBatch).where(PickBatch.code == code).with_for_update())
    if batch is None or batch.state == BatchState.DONE:
        raise StateError.of(CATALOG["supervision.cart_not_active"], cart=code)
    return batch


def give_back_cart(session: Session, actor: Actor, code: str) -> None:
    """The cart goes back to the queue with its progress (its picker stops)."""
    supervisor(session, actor)
    batch = _cart(session, code)
    if batch.state not in ACTIVE:
        raise StateError.of(CATALOG["supervision.cart_not_active"], cart=code)
    _release(session, batch, actor, f"given back by {actor.name}")


def reassign_cart(session: Session, actor: Actor, code: str, badge: str, now: datetime) -> None:
    """Another picker takes the cart over from where it stands."""
    supervisor(session, actor)
    batch = _cart(session, code)
    try:
        user = find_user(session, badge)
    except NotFound:
        raise StateError.of(CATALOG["supervision.not_a_picker"], badge=badge[:40]) from None
    if not user.active or user.role not in (Role.PICKER, Role.SUPERVISOR, Role.ADMIN):
        raise StateError.of(CATALOG["supervision.not_a_picker"], badge=user.badge)
    held = session.scalar(
        select(PickBatch.code).where(
            PickBatch.assignee_id == user.id, PickBatch.state.in_(ACTIVE), PickBatch.id != batch.id
        )
    )
    if held:
        raise StateError.of(CATALOG["supervision.busy_picker"], badge=user.badge, cart=held)
    if batch.state in ACTIVE:
        _release(session, batch, actor, f"reassigned to {user.badge}")
    move_batch(session, batch, BatchState.CLAIMED, actor, after={"assignee_id": user.id})
    batch.assignee_id, batch.claimed_at, batch.last_activity_at = user.id, now, now
    record(session, actor, "pick.reassign", "pick_batch", batch.code, after={"to": user.badge})
