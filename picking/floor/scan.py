"""The picker's actions: each is one short transaction, idempotent on a client-generated key.

Every action locks the picker's batch row first, so actions on one batch run one at a time,
then looks up its key in ``ScanReceipt``: a key seen before (a double trigger pull, a retry
after a lost answer) changes nothing and returns the current step. The receipt is written in
the same transaction as the change it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from picking.floor import errors
from picking.floor.claim import held_batch, may_pick, step_key
from picking.floor.confirm import finish_task, take_units
from picking.floor.floor import Floor
from picking.floor.items import check_item, is_quantity
from picking.floor.steps import (
    TaskRow,
    batch_tasks,
    current_step,
    reserved_expiry,
    step_for,
    task_step,
)
from picking.floor.views import Step, StepKind
from warehouse.audit import Actor, record
from warehouse.batches import move_batch
from warehouse.db import activity_stamp
from warehouse.models import PickBatch, ScanReceipt
from warehouse.states import BatchState
from warehouse.totes import tote_label, tote_number

MAX_KEY = 64


@dataclass
class Action:
    """What an action's work sees: the locked batch, its current task and step."""

    session: Session
    actor: Actor
    batch: PickBatch
    row: TaskRow
    rows: list[TaskRow]
    pending: list[TaskRow]
    kind: StepKind
    now: datetime
    next_kind: StepKind | None = None
    """Set by work that knows the current task's next step (saves reading it back)."""

    @property
    def order_started(self) -> bool:
        order = self.row.task.order_id
        return any(r.task.order_id == order and r.task.picked_qty for r in self.rows)

    @property
    def today(self) -> date:
        return self.now.date()


Work = Callable[[Action], tuple[str, ...]]


def act(
    session: Session,
    actor: Actor,
    key: str,
    now: datetime,
    name: str,
    work: Work,
    *,
    floor: Floor,
) -> Step:
    """Run one picker action under the batch lock, once per ``key``; the step after it."""
    may_pick(session, actor)
    if not key or len(key) > MAX_KEY:
        raise errors.bad_key()
    batch = held_batch(session, actor)
    receipt = session.get(ScanReceipt, key)
    if receipt is not None:
        return _replay(session, actor, receipt, floor)
    if batch is None:
        raise errors.no_batch()
    rows = batch_tasks(session, batch.id)
    pending = [r for r in rows if r.task.state == "pending"]
    if not pending:
        raise errors.no_batch()
    row = pending[0]
    action = Action(session, actor, batch, row, rows, pending, task_step(row), now)
    notes = work(action)
    session.add(
        ScanReceipt(
            key=key,
            at=now,
            user_id=actor.user_id,
            action=name,
            result={"batch": batch.id, "task": row.task.id},
        )
    )
    # idle time is the database's clock: PostgreSQL stamps the transaction's now() in the
    # UPDATE itself (no round trip to read it first)
    batch.last_activity_at = activity_stamp(session)
    if batch.state == BatchState.CLAIMED:
        move_batch(session, batch, BatchState.IN_PROGRESS, actor)
    session.flush()
    added = any(note.startswith("reallocated") for note in notes)
    known = {row.task.id: action.next_kind} if action.next_kind else None
    return step_for(
        session, batch, floor=floor, notes=notes, rows=None if added else rows, known=known
    )


def _replay(session: Session, actor: Actor, receipt: ScanReceipt, floor: Floor) -> Step:
    batch_id = receipt.result.get("batch")
    batch = session.get(PickBatch, batch_id) if isinstance(batch_id, int) else None
    if batch is not None and batch.assignee_id == actor.user_id:
        return step_for(session, batch, floor=floor)
    return current_step(session, actor, floor=floor)


def _at_location(a: Action, code: str) -> tuple[str, ...]:
    if code.strip().upper() != a.row.location.upper():
        raise errors.wrong_location(a.row.location)
    if a.kind != "location":
        return ()  # scanned again: nothing to do
    # Every task at this shelf counts as "arrived": the picker scans a shelf once per visit.
    # The tasks were read under the batch lock with their passed checks: those without the
    # location mark have no receipt yet (no query to find out).
    here = [r for r in a.pending if r.location == a.row.location and "location" not in r.marks]
    for r in here:
        key = step_key(r.task.id, "location")
        a.session.add(ScanReceipt(key=key, at=a.now, user_id=a.actor.user_id, action="arrive"))
    a.next_kind = "item"
    return ()


def _item(a: Action, code: str) -> tuple[str, ...]:
    if a.kind == "location":
        raise errors.scan_location_first(a.row.location)
    check_item(
        a.session,
        a.row.task,
        a.row.sku,
        code,
        a.today,
        reserved_expiry=lambda: reserved_expiry(a.session, a.row),
    )
    if a.kind == "item":
        a.session.add(
            ScanReceipt(
                key=step_key(a.row.task.id, "item"),
                at=a.now,
                user_id=a.actor.user_id,
                action="item",
            )
        )
        a.next_kind = "quantity"
        return ()
    if a.kind == "quantity":  # each further scan of the item is one unit
        return _count(a, 1)
    raise errors.wrong_tote(tote_label(a.row.task.tote))


def _count(a: Action, qty: int) -> tuple[str, ...]:
    if a.kind in ("location", "item"):
        raise (
            errors.scan_item_first()
            if a.kind == "item"
            else errors.scan_location_first(a.row.location)
        )
    if a.kind == "tote":
        raise errors.wrong_tote(tote_label(a.row.task.tote))
    left = a.row.task.qty - a.row.task.picked_qty
    if qty <= 0:
        raise errors.bad_quantity()
    if qty > left:
        raise errors.too_many(left)
    started = a.order_started
    take_units(a.session, a.actor, a.batch, a.row.task, qty, a.now, order_started=started)
    return ()


def _tote(a: Action, label: str) -> tuple[str, ...]:
    task = a.row.task
    if a.kind != "tote":
        raise errors.refused("pick.not_yet", left=task.qty - task.picked_qty)
    if tote_number(label) != task.tote:
        raise errors.wrong_tote(tote_label(task.tote))
    finish_task(a.session, a.actor, a.batch, task, left=len(a.pending) - 1)
    return ()


def scan_location(
    session: Session,
    actor: Actor,
    code: str,
    key: str,
    now: datetime,
    *,
    floor: Floor,
) -> Step:
    return act(
        session, actor, key, now, "scan_location", lambda a: _at_location(a, code), floor=floor
    )


def scan_item(
    session: Session,
    actor: Actor,
    code: str,
    key: str,
    now: datetime,
    *,
    floor: Floor,
) -> Step:
    return act(session, actor, key, now, "scan_item", lambda a: _item(a, code), floor=floor)


def confirm_quantity(
    session: Session, actor: Actor, qty: int, key: str, now: datetime, *, floor: Floor
) -> Step:
    return act(session, actor, key, now, "confirm_quantity", lambda a: _count(a, qty), floor=floor)


def put_to_tote(
    session: Session,
    actor: Actor,
    label: str,
    key: str,
    now: datetime,
    *,
    floor: Floor,
) -> Step:
    return act(session, actor, key, now, "put_to_tote", lambda a: _tote(a, label), floor=floor)


def handle_scan(
    session: Session,
    actor: Actor,
    text: str,
    key: str,
    now: datetime,
    *,
    floor: Floor,
) -> Step:
    """Whatever the picker scanned or typed, read according to the step they are at."""

    def work(a: Action) -> tuple[str, ...]:
        value = text.strip()
        if not value:
            raise errors.bad_quantity() if a.kind == "quantity" else errors.unreadable(text)
        shelves = {r.location.upper() for r in a.pending}
        if a.kind == "location" or value.upper() in shelves:
            return _at_location(a, value)  # the same shelf again is harmless, another is not
        if a.kind == "item":
            return _item(a, value)
        if a.kind == "quantity":
            if is_quantity(value):
                return _count(a, int(value))
            # A tote label here means the picker thinks the pick is complete: say what is left.
            return _tote(a, value) if tote_number(value) is not None else _item(a, value)
        return _tote(a, value)

    return act(session, actor, key, now, "scan", work, floor=floor)


def skip_task(session: Session, actor: Actor, key: str, now: datetime, *, floor: Floor) -> Step:
    """Come back to this shelf at the end of the tour (blocked aisle, stock being moved)."""

    def work(a: Action) -> tuple[str, ...]:
        task = a.row.task
        if a.kind not in ("location", "item"):
            raise errors.refused("pick.in_hand")
        later = [r for r in a.pending if r.location != a.row.location]
        if not later:
            raise errors.last_stop()
        here = [r.task for r in a.pending if r.location == a.row.location]
        last = max(r.task.sequence for r in a.pending)
        for offset, t in enumerate(here, start=1):
            t.sequence = last + offset
        # Coming back later means walking up to the shelf again, so it is scanned again.
        keys = [step_key(t.id, step) for t in here for step in ("location", "item")]
        a.session.execute(delete(ScanReceipt).where(ScanReceipt.key.in_(keys)))
        record(
            a.session, a.actor, "pick.skip", "pick_task", task.id, after={"sequence": task.sequence}
        )
        return ("skipped",)

    return act(session, actor, key, now, "skip", work, floor=floor)
