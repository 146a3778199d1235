"""The live floor for the supervisor's map: where each picker is, what is left of their route,
and the shelves waiting for a count.

A picker's position is the location of their last scan: the newest scan receipt that names a
pick task (every handheld scan is one) or the shelf check of a task (``pick:<task>:location``).
The remaining route is the cart's pending tasks in walking order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.models import Location, PickBatch, PickTask, ScanReceipt, StockTask, User
from warehouse.reports.window import require_supervisor
from warehouse.states import BatchState, StockTaskState, TaskState

RECENT_SCANS = 200
"""How many of a picker's newest receipts are read to find the last one naming a task."""


@dataclass(frozen=True)
class PickerOnFloor:
    badge: str
    name: str
    cart: str
    location: str
    """The last scanned location ('' before the first scan)."""
    scanned_at: datetime | None
    remaining: tuple[str, ...]
    """Locations still to visit, in walking order (each once)."""


@dataclass(frozen=True)
class FloorNow:
    pickers: list[PickerOnFloor]
    count_locations: list[str]


def _task_of(receipt: ScanReceipt) -> int | None:
    task = (receipt.result or {}).get("task")
    if isinstance(task, int):
        return task
    parts = receipt.key.split(":")
    if len(parts) == 3 and parts[0] == "pick" and parts[2] == "location" and parts[1].isdigit():
        return int(parts[1])
    return None


def _last_scan(session: Session, user_id: int) -> tuple[int | None, datetime | None]:
    receipts = session.scalars(
        select(ScanReceipt)
        .where(ScanReceipt.user_id == user_id)
        .order_by(ScanReceipt.at.desc())
        .limit(RECENT_SCANS)
    )
    for receipt in receipts:
        task = _task_of(receipt)
        if task is not None:
            return task, receipt.at
    return None, None


def floor_now(session: Session, actor: Actor) -> FloorNow:
    require_supervisor(session, actor)
    batches = session.execute(
        select(PickBatch, User)
        .join(User, User.id == PickBatch.assignee_id)
        .where(PickBatch.state.in_((BatchState.CLAIMED, BatchState.IN_PROGRESS)))
        .order_by(User.badge)
    ).all()
    pickers = []
    for batch, user in batches:
        task_id, at = _last_scan(session, user.id)
        location = ""
        if task_id is not None:
            location = (
                session.scalar(
                    select(Location.code)
                    .join(PickTask, PickTask.location_id == Location.id)
                    .where(PickTask.id == task_id)
                )
                or ""
            )
        pending = session.scalars(
            select(Location.code)
            .join(PickTask, PickTask.location_id == Location.id)
            .where(PickTask.batch_id == batch.id, PickTask.state == TaskState.PENDING)
            .order_by(PickTask.sequence, PickTask.id)
        )
        remaining = tuple(dict.fromkeys(pending))
        pickers.append(PickerOnFloor(user.badge, user.name, batch.code, location, at, remaining))
    counts = session.scalars(
        select(Location.code)
        .join(StockTask, StockTask.from_location_id == Location.id)
        .where(
            StockTask.kind == "count",
            StockTask.state.in_((StockTaskState.OPEN, StockTaskState.ASSIGNED)),
        )
        .order_by(Location.code)
    )
    return FloorNow(pickers, list(dict.fromkeys(counts)))
