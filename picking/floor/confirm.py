"""Units leave the shelf: stock, reservation, order line, ledger and order state move together.

Every change is a guarded update or happens under the lock of the picker's batch row, so a
unit can never be taken twice or from stock that is not there (the quant's own check
constraints are the last line of defence).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from picking.floor import errors
from warehouse.audit import Actor, record
from warehouse.batches import move_batch
from warehouse.models import (
    Order,
    OrderLine,
    PickBatch,
    PickTask,
    Reservation,
    StockMove,
    StockQuant,
)
from warehouse.orders import ALLOCATED, PICKED, PICKING, SHORT, transition
from warehouse.states import BatchState, TaskState


def take_units(
    session: Session,
    actor: Actor,
    batch: PickBatch,
    task: PickTask,
    qty: int,
    now: datetime,
    *,
    order_started: bool = False,
) -> None:
    """``qty`` units of ``task`` are in the picker's hand: consume them from stock.

    ``order_started``: the caller knows units of this order were picked already, so the
    order is past its first pick and need not be read again.
    """
    if task.reservation_id is None:
        raise errors.refused("pick.nothing_reserved")
    quant_id = session.execute(
        update(Reservation)
        .where(Reservation.id == task.reservation_id, Reservation.picked + qty <= Reservation.qty)
        .values(picked=Reservation.picked + qty)
        .returning(Reservation.quant_id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if quant_id is None:
        raise errors.stock_refused("pick.over_reserved")
    taken = session.execute(
        update(StockQuant)
        .where(
            StockQuant.id == quant_id,
            StockQuant.reserved >= qty,
            StockQuant.on_hand >= qty,
        )
        .values(
            on_hand=StockQuant.on_hand - qty,
            reserved=StockQuant.reserved - qty,
            updated_at=now,
        )
        .returning(StockQuant.owner_id, StockQuant.lot)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if taken is None:
        raise errors.stock_refused("pick.record_short")
    owner_id, lot = taken
    session.execute(
        update(OrderLine)
        .where(OrderLine.id == task.order_line_id)
        .values(picked=OrderLine.picked + qty)
        .execution_options(synchronize_session=False)
    )
    task.picked_qty += qty
    task.confirmed_by = actor.user_id
    task.confirmed_at = now
    session.add(
        StockMove(
            at=now,
            sku_id=task.sku_id,
            owner_id=owner_id,
            lot=lot,
            from_location_id=task.location_id,
            to_location_id=None,
            qty=qty,
            reason="pick",
            user_id=actor.user_id,
            reference=f"{batch.code}/T{task.tote:02d}",
        )
    )
    record(
        session,
        actor,
        "pick.confirm",
        "pick_task",
        task.id,
        before={"picked_qty": task.picked_qty - qty},
        after={"picked_qty": task.picked_qty, "quant_id": quant_id},
    )
    if order_started:
        return
    order = session.get(Order, task.order_id, with_for_update=True)
    assert order is not None
    if order.state in (ALLOCATED, SHORT):
        transition(session, order, PICKING, actor)


def finish_task(
    session: Session, actor: Actor, batch: PickBatch, task: PickTask, *, left: int | None = None
) -> None:
    """The task's units are in the tote (or it ended short with nothing found).

    ``left``: pending tasks of the batch after this one, when the caller knows it."""
    task.state = TaskState.SHORT if task.short_reason else TaskState.PICKED
    record(
        session,
        actor,
        f"pick.{task.state}",
        "pick_task",
        task.id,
        after={"picked_qty": task.picked_qty, "tote": task.tote, "reason": task.short_reason},
    )
    session.flush()
    order_progress(session, actor, task.order_id)
    if left is None:
        left = session.scalar(
            select(func.count()).where(PickTask.batch_id == batch.id, PickTask.state == "pending")
        )
    if not left:
        move_batch(session, batch, BatchState.DONE, actor)


def order_progress(session: Session, actor: Actor, order_id: int) -> None:
    """When the order's last task ends: picked if every line is complete, else short."""
    pending = session.scalar(
        select(func.count()).where(PickTask.order_id == order_id, PickTask.state == "pending")
    )
    if pending:
        return
    order = session.get(Order, order_id, with_for_update=True)
    assert order is not None
    if order.state not in (PICKING, ALLOCATED):
        return
    incomplete = session.scalar(
        select(func.count()).where(
            OrderLine.order_id == order_id,
            OrderLine.cancelled.is_(False),
            OrderLine.picked < OrderLine.qty,
        )
    )
    if not incomplete and order.state == PICKING:
        transition(session, order, PICKED, actor)
    elif incomplete:
        transition(session, order, SHORT, actor, reason="short at picking")
