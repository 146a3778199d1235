"""Where a picker is in the batch, worked out from the database alone.

Nothing about the step is kept in the terminal, so a killed app or a dropped connection loses
nothing: task state, units confirmed (``picked_qty``) and two receipts per task ("location
checked", "item checked", see :func:`picking.floor.claim.step_key`) say exactly which step
comes next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Exists, String, bindparam, cast, literal, select
from sqlalchemy.orm import Session

from picking.floor.claim import held_batch
from picking.floor.floor import Floor
from picking.floor.views import Step, StepKind, StopView
from warehouse.audit import Actor
from warehouse.models import (
    Location,
    PickBatch,
    PickTask,
    Reservation,
    ScanReceipt,
    Sku,
    StockQuant,
)
from warehouse.totes import tote_label

NEXT_STOPS = 3


@dataclass
class TaskRow:
    task: PickTask
    location: str
    sku: Sku
    marks: frozenset[str] = frozenset()
    """Which checks of the task have passed (``location``, ``item``) when it was read."""
    expiry: date | None = None
    """The recorded expiry of the stock reserved for the task, when ``expiry_read``."""
    expiry_read: bool = False
    """Whether ``expiry`` was read with the task (a task added since was not)."""


def reserved_expiry(session: Session, row: TaskRow) -> date | None:
    """The expiry recorded on the quant the task's units are reserved from (None: none)."""
    if row.expiry_read:
        return row.expiry
    if row.task.reservation_id is None:
        return None
    return session.scalar(
        select(StockQuant.expiry)
        .join(Reservation, Reservation.quant_id == StockQuant.id)
        .where(Reservation.id == row.task.reservation_id)
    )


def _passed(step: str) -> Exists:
    # The same key as claim.step_key, built in SQL for every task of the batch at once.
    key = literal("pick:") + cast(PickTask.id, String) + literal(f":{step}")
    return select(ScanReceipt.key).where(ScanReceipt.key == key).exists()


_BATCH_TASKS = (
    select(PickTask, Location.code, Sku, _passed("location"), _passed("item"), StockQuant.expiry)
    .join(Location, Location.id == PickTask.location_id)
    .join(Sku, Sku.id == PickTask.sku_id)
    .outerjoin(Reservation, Reservation.id == PickTask.reservation_id)
    .outerjoin(StockQuant, StockQuant.id == Reservation.quant_id)
    .where(PickTask.batch_id == bindparam("batch_id"))
    .order_by(PickTask.sequence, PickTask.id)
    .execution_options(populate_existing=True)
)
"""Built once: building this statement (two EXISTS, a key in SQL) cost more Python per scan
than running it."""


def batch_tasks(session: Session, batch_id: int) -> list[TaskRow]:
    """The batch's tasks in walking order, with location code, SKU, passed checks and the
    reserved stock's expiry (read in the same query: no round trip of its own on a scan)."""
    rows = session.execute(_BATCH_TASKS, {"batch_id": batch_id}).all()
    return [
        TaskRow(
            task,
            code,
            sku,
            frozenset(n for n, v in (("location", at), ("item", it)) if v),
            expiry,
            expiry_read=True,
        )
        for task, code, sku, at, it, expiry in rows
    ]


def task_step(row: TaskRow, known: dict[int, StepKind] | None = None) -> StepKind:
    task = row.task
    if known and task.id in known:
        return known[task.id]
    if task.short_reason or task.picked_qty >= task.qty:
        return "tote"  # units in hand (a short keeps what was found) go to the tote first
    if task.picked_qty > 0 or "item" in row.marks:
        return "quantity"
    return "item" if "location" in row.marks else "location"


def step_for(
    session: Session,
    batch: PickBatch,
    *,
    floor: Floor,
    notes: tuple[str, ...] = (),
    rows: list[TaskRow] | None = None,
    known: dict[int, StepKind] | None = None,
) -> Step:
    """The step of ``batch``; ``rows`` are its tasks when the caller has them loaded already
    (changed in memory, no task added), which saves a query on every scan."""
    if rows is None:
        rows = batch_tasks(session, batch.id)
    else:
        rows = sorted(rows, key=lambda r: (r.task.sequence, r.task.id))
    pending = [r for r in rows if r.task.state == "pending"]
    done = len(rows) - len(pending)
    common = {
        "batch_id": batch.id,
        "batch_code": batch.code,
        "tasks_done": done,
        "tasks_total": len(rows),
        "notes": notes,
    }
    if not pending:
        return Step(kind="done", **common)  # type: ignore[arg-type]
    current = pending[0]
    task = current.task
    index = rows.index(current)
    behind = [r for r in rows[:index] if r.task.state != "pending"]
    start = floor.point(behind[-1].location) if behind else None
    codes = [r.location for r in pending]
    stops: list[StopView] = []
    for row in pending[1:]:
        if row.location == current.location:
            continue
        if stops and stops[-1].location == row.location:
            stops[-1] = StopView(row.location, stops[-1].units + row.task.qty - row.task.picked_qty)
        elif len(stops) < NEXT_STOPS:
            stops.append(StopView(row.location, row.task.qty - row.task.picked_qty))
        else:
            break
    expiry = None
    if task.reservation_id is not None and (task.lot or current.sku.lot_controlled):
        expiry = reserved_expiry(session, current)
    return Step(
        kind=task_step(current, known),
        task_id=task.id,
        location=current.location,
        sku_code=current.sku.code,
        name_zh=current.sku.name_zh,
        name_en=current.sku.name_en,
        lot=task.lot,
        expiry=expiry,
        qty=task.qty,
        in_hand=task.picked_qty,
        tote=task.tote,
        tote_label=tote_label(task.tote),
        next_stops=tuple(stops),
        distance_left_m=round(floor.walk(start, codes), 1),
        **common,  # type: ignore[arg-type]
    )


def current_step(session: Session, actor: Actor, *, floor: Floor) -> Step:
    """What the picker's screen must show now; ``idle`` when they hold no batch."""
    batch = held_batch(session, actor, lock=False)
    if batch is None:
        return Step(kind="idle")
    return step_for(session, batch, floor=floor)
