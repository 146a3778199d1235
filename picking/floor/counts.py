"""Count tasks on the handheld: a shelf to count (after a short pick, or low stock), taken
by a picker, counted SKU by SKU, and the stock set to what was counted with the task's reason
in the ledger and the audit trail.

Each count is one transaction keyed by the terminal's client key (``ScanReceipt``), so a
repeated Enter never counts twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from picking.floor.errors import CATALOG
from warehouse.audit import Actor, record
from warehouse.errors import NotFound, StateError, StockError
from warehouse.models import Location, Merchant, ScanReceipt, Sku, StockQuant, StockTask, utcnow
from warehouse.states import Role, StockTaskState
from warehouse.stock.operations import count
from warehouse.users import require_role
from warehouse.words import Message, encode

COUNTERS = (Role.PICKER, Role.SUPERVISOR)


@dataclass(frozen=True)
class CountView:
    task_id: int
    location: str
    skus: tuple[str, ...]
    """The SKUs the shelf should hold (the task's first), each counted once."""
    counted: tuple[str, ...]


def _view(session: Session, task: StockTask) -> CountView:
    location = session.get(Location, task.from_location_id)
    assert location is not None
    codes = list(
        session.scalars(
            select(Sku.code)
            .join(StockQuant, StockQuant.sku_id == Sku.id)
            .where(StockQuant.location_id == location.id)
            .order_by(Sku.code)
        )
    )
    first = session.scalar(select(Sku.code).where(Sku.id == task.sku_id)) if task.sku_id else None
    skus = tuple(dict.fromkeys([*([first] if first else []), *codes]))
    done = session.scalars(
        select(ScanReceipt.result).where(ScanReceipt.action == f"count:{task.id}")
    )
    counted = tuple(str(r.get("sku", "")) for r in done)
    return CountView(task.id, location.code, skus, counted)


def next_count_task(session: Session, actor: Actor) -> CountView | None:
    """The count this picker holds, or the oldest open one, now theirs."""
    require_role(session, actor, *COUNTERS)
    task = session.scalar(
        select(StockTask)
        .where(
            StockTask.kind == "count",
            or_(
                StockTask.state == StockTaskState.OPEN,
                (StockTask.state == StockTaskState.ASSIGNED)
                & (StockTask.assignee_id == actor.user_id),
            ),
        )
        .order_by((StockTask.assignee_id == actor.user_id).desc(), StockTask.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if task is None:
        return None
    if task.state == StockTaskState.OPEN:
        task.state, task.assignee_id = StockTaskState.ASSIGNED, actor.user_id
        record(session, actor, "count.take", "stock_task", task.id)
    return _view(session, task)


def _held(session: Session, actor: Actor, task_id: int) -> StockTask:
    task = session.get(StockTask, task_id, with_for_update=True)
    if task is None or task.state != StockTaskState.ASSIGNED or task.assignee_id != actor.user_id:
        raise StateError.of(CATALOG["count.none"])
    return task


def count_sku(
    session: Session,
    actor: Actor,
    task_id: int,
    location_scan: str,
    sku_code: str,
    counted: int,
    key: str,
    today: date,
) -> int:
    """The shelf holds ``counted`` of ``sku_code``: stock set, ledger and audit written with
    the task's reason. The difference recorded (positive: units found)."""
    require_role(session, actor, *COUNTERS)
    receipt = session.get(ScanReceipt, key)
    if receipt is not None:
        return int(str(receipt.result.get("difference", 0)))
    task = _held(session, actor, task_id)
    location = session.get(Location, task.from_location_id)
    assert location is not None
    if location_scan.strip() != location.code:
        raise StateError.of(CATALOG["count.wrong_location"], expected=location.code)
    sku = session.scalar(select(Sku).where(Sku.code == sku_code.strip()))
    if sku is None:
        raise NotFound.of(CATALOG["pick.wrong_item"], expected=", ".join(_view(session, task).skus))
    quant = session.scalar(
        select(StockQuant)
        .where(StockQuant.location_id == location.id, StockQuant.sku_id == sku.id)
        .with_for_update()
    )
    if quant is not None and counted < quant.reserved:
        raise StockError.of(CATALOG["count.below_reserved"], sku=sku.code, reserved=quant.reserved)
    mall_id = session.scalar(select(Merchant.mall_id).where(Merchant.id == sku.merchant_id))
    difference = count(
        session,
        actor,
        sku_code=sku.code,
        location_code=location.code,
        counted=counted,
        owner=mall_id,
        lot=quant.lot if quant is not None else "",
        today=today,
    )
    reason = encode([Message.of("count.task_reason", task=task.id, reason=task.reason[:150])])
    record(
        session,
        actor,
        "count.sku",
        "stock_task",
        task.id,
        after={"sku": sku.code, "counted": counted, "difference": difference},
        note=reason,
    )
    session.add(
        ScanReceipt(
            key=key,
            user_id=actor.user_id,
            action=f"count:{task.id}",
            result={"sku": sku.code, "difference": difference},
        )
    )
    return difference


def finish_count(session: Session, actor: Actor, task_id: int) -> None:
    """Every SKU of the shelf is counted: the task is done."""
    require_role(session, actor, *COUNTERS)
    task = _held(session, actor, task_id)
    task.state, task.done_at = StockTaskState.DONE, utcnow()
    record(session, actor, "count.done", "stock_task", task.id)


def raise_low_stock_counts(session: Session, actor: Actor) -> int:
    """A count task for each pick-face shelf whose free stock of a SKU fell to the SKU's
    pick-face minimum or below, unless one is open there already; how many were raised.
    (System work: ``wms sweep`` runs it.)"""
    require_role(session, actor, Role.SUPERVISOR, system=True)
    open_there = select(StockTask.id).where(
        StockTask.kind == "count",
        StockTask.state.in_((StockTaskState.OPEN, StockTaskState.ASSIGNED)),
        StockTask.from_location_id == StockQuant.location_id,
    )
    rows = session.execute(
        select(StockQuant, Sku.code, Location.code)
        .join(Sku, Sku.id == StockQuant.sku_id)
        .join(Location, Location.id == StockQuant.location_id)
        .where(
            Location.kind == "pick",
            Sku.pick_face_min > 0,
            StockQuant.on_hand - StockQuant.reserved <= Sku.pick_face_min,
            ~open_there.exists(),
        )
        .order_by(StockQuant.location_id, StockQuant.id)
    ).all()
    seen: set[int] = set()
    for quant, sku_code, location_code in rows:
        if quant.location_id in seen:
            continue
        seen.add(quant.location_id)
        note = Message.of("count.low_stock", sku=sku_code, location=location_code)
        session.add(
            StockTask(
                kind="count",
                sku_id=quant.sku_id,
                owner_id=quant.owner_id,
                lot=quant.lot,
                from_location_id=quant.location_id,
                reason=encode([note]),
                reference="low_stock",
            )
        )
        record(session, actor, "count.raise", "location", location_code, note=encode([note]))
    return len(seen)
