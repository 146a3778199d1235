"""Claiming pick batches: one picker per batch, resume after a crash, release when idle.

Two pickers asking at the same moment never get the same batch: on PostgreSQL the open batch
is taken with ``FOR UPDATE SKIP LOCKED`` (the second picker skips the row the first one is
taking, instead of waiting for it and then finding it gone); on SQLite every write transaction
is ``BEGIN IMMEDIATE`` and therefore runs alone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from picking.floor import errors
from picking.floor.floor import Floor
from picking.floor.views import BatchView
from warehouse.audit import Actor
from warehouse.batches import ACTIVE, move_batch
from warehouse.db import database_now
from warehouse.errors import PermissionDenied
from warehouse.models import PickBatch, PickTask, ScanReceipt, User
from warehouse.states import BatchState, Role
from warehouse.users import current_role, require_role

PICKING = Actor.system("picking")
"""Claiming a cart first gives back carts idle too long: that release is the system's work."""


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def may_pick(session: Session, actor: Actor) -> None:
    """Picking is a picker's (or supervisor's) own work, checked on the user's current row:
    a disabled badge or one whose role changed is refused at its next scan."""
    try:
        # reads the user's row once; a disabled badge is refused there with its own sentence
        require_role(session, actor, Role.PICKER, Role.SUPERVISOR)
    except PermissionDenied:
        # read again only to refuse: a disabled badge raises its own sentence here
        role = actor.role if actor.user_id is None else current_role(session, actor)
        raise errors.role_may_not_pick(role) from None
    if actor.user_id is None:
        raise errors.person_only()


_HELD = (
    select(PickBatch)
    .where(PickBatch.assignee_id == bindparam("user_id"), PickBatch.state.in_(ACTIVE))
    .order_by(PickBatch.claimed_at, PickBatch.id)
    .limit(1)
    .execution_options(populate_existing=True)
)
_HELD_LOCKED = _HELD.with_for_update()  # built once: read on every scan


def held_batch(session: Session, actor: Actor, *, lock: bool = True) -> PickBatch | None:
    """The batch this picker holds now (claimed or being picked), locked for the caller."""
    query = _HELD_LOCKED if lock else _HELD
    return session.scalar(query, {"user_id": actor.user_id})


def batch_view(session: Session, batch: PickBatch, *, resumed: bool) -> BatchView:
    total, left = session.execute(
        select(func.count(), func.count().filter(PickTask.state == "pending")).where(
            PickTask.batch_id == batch.id
        )
    ).one()
    return BatchView(
        batch.id,
        batch.code,
        batch.state,
        batch.priority,
        batch.due_at,
        total,
        left,
        batch.route_length_m,
        resumed,
    )


def claim_next_batch(
    session: Session, actor: Actor, now: datetime, *, floor: Floor
) -> BatchView | None:
    """The batch this picker holds (resume), else the most urgent open one, else None.

    Batches idle beyond ``abandon_after_min`` are released first, so their work is offered.
    Idle time is measured on the database's clock (claim and activity are stamped with it),
    never with ``now``: a caller's clock cannot make another picker's cart look abandoned.
    """
    may_pick(session, actor)
    # One badge logged in at two terminals must not claim two batches: queue on the user row.
    session.execute(select(User.id).where(User.id == actor.user_id).with_for_update())
    release_abandoned(session, PICKING, floor=floor)
    stamp = database_now(session)
    held = held_batch(session, actor)
    if held is not None:
        held.last_activity_at = stamp
        view = batch_view(session, held, resumed=True)
        if view.tasks_left:
            return view
        # Nothing left to pick (its tasks ended elsewhere): close it rather than resume forever.
        move_batch(session, held, BatchState.DONE, actor, note="nothing left")
    query = (
        select(PickBatch)
        .where(PickBatch.state == BatchState.OPEN)
        .order_by(
            PickBatch.priority.desc(),
            PickBatch.due_at.is_(None),  # batches with a due time before those without
            PickBatch.due_at,
            PickBatch.id,
        )
        .limit(1)
    )
    if _is_postgres(session):
        query = query.with_for_update(skip_locked=True)
    batch = session.scalar(query)
    if batch is None:
        return None
    move_batch(session, batch, BatchState.CLAIMED, actor)
    batch.assignee_id = actor.user_id
    batch.claimed_at = stamp
    batch.last_activity_at = stamp
    return batch_view(session, batch, resumed=False)


def _release(session: Session, batch: PickBatch, actor: Actor, note: str) -> None:
    move_batch(
        session, batch, BatchState.OPEN, actor, note=note, before={"assignee_id": batch.assignee_id}
    )
    batch.assignee_id = None
    batch.claimed_at = None
    # Picked and shorted tasks stay as they are; only "I am standing at this shelf" is
    # forgotten, because the next picker starts from wherever they are.
    pending = select(PickTask.id).where(PickTask.batch_id == batch.id, PickTask.state == "pending")
    keys = [step_key(task_id, step) for task_id in session.scalars(pending) for step in STEPS]
    if keys:
        session.execute(delete(ScanReceipt).where(ScanReceipt.key.in_(keys)))


def release_batch(session: Session, actor: Actor, *, note: str = "given back") -> str | None:
    """Give the held batch back to the queue, progress kept; its code, or None if none held.

    Only one's own cart: another picker's goes back through :func:`release_abandoned`. A
    badge that holds none (a packer logging out) changes nothing and is not refused."""
    batch = held_batch(session, actor)
    if batch is None:
        return None
    may_pick(session, actor)
    _release(session, batch, actor, note)
    return batch.code


def release_abandoned(session: Session, actor: Actor, *, floor: Floor) -> list[str]:
    """Release batches with no activity for ``abandon_after_min`` on the database's clock;
    their codes. Supervisor or system work (it gives back other pickers' carts)."""
    require_role(session, actor, Role.SUPERVISOR, system=True)
    cutoff = database_now(session) - floor.abandon_after
    query = select(PickBatch).where(
        PickBatch.state.in_(ACTIVE),
        func.coalesce(PickBatch.last_activity_at, PickBatch.claimed_at) < cutoff,
    )
    if _is_postgres(session):
        # A batch whose row is locked is being scanned right now: it is not abandoned.
        query = query.with_for_update(skip_locked=True)
    released = []
    for batch in session.scalars(query):
        since = batch.last_activity_at or batch.claimed_at
        _release(session, batch, actor, f"no activity since {since:%Y-%m-%d %H:%M} UTC")
        released.append(batch.code)
    return released


STEPS = ("location", "item")


def step_key(task_id: int, step: str) -> str:
    """Receipt key marking that a task's location or item check has passed."""
    return f"pick:{task_id}:{step}"
