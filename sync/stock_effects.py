"""What a cancellation or a line change does to stock, written here because the core has no
such functions yet: give back reserved stock, create put-back tasks for picked goods, and take the order off
the carts it is on."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shipping.unpacking import unpack_cancelled
from warehouse.audit import Actor, record
from warehouse.batches import move_batch
from warehouse.errors import StockError
from warehouse.models import Order, OrderLine, PickBatch, PickTask, StockQuant, StockTask
from warehouse.states import BatchState, StockTaskState, TaskState
from warehouse.stock_levels import touch_skus


def release_line_reservations(session: Session, line: OrderLine) -> int:
    """Give back the unpicked part of every reservation of ``line``; returns units released.

    Picked units stay on the reservation (they are in a tote, not on the shelf) and go back
    through a put-back task.
    """
    released = 0
    _lock_quants(session, [r.quant_id for r in line.reservations])
    for reservation in sorted(line.reservations, key=lambda r: r.quant_id):
        free = reservation.qty - reservation.picked
        if free > 0:
            result = session.execute(
                update(StockQuant)
                .where(StockQuant.id == reservation.quant_id, StockQuant.reserved >= free)
                .values(reserved=StockQuant.reserved - free)
                .execution_options(synchronize_session="fetch")
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise StockError(
                    f"Stock reserved for line {line.line_id} is inconsistent; count the location."
                )
            released += free
        if reservation.picked:
            reservation.qty = reservation.picked
        else:
            session.delete(reservation)
            line.reservations.remove(reservation)
    line.allocated = max(0, line.allocated - released)
    if released and line.sku_id is not None:
        touch_skus(session, [line.sku_id])
    return released


def release_order_reservations(session: Session, order: Order) -> int:
    _lock_quants(session, [r.quant_id for line in order.lines for r in line.reservations])
    return sum(release_line_reservations(session, line) for line in order.lines)


def _lock_quants(session: Session, quant_ids: list[int]) -> None:
    """Lock in id order, as the allocator and the pick service do, so that none deadlocks."""
    if quant_ids:
        session.execute(
            select(StockQuant.id)
            .where(StockQuant.id.in_(quant_ids))
            .order_by(StockQuant.id)
            .with_for_update()
        ).all()


def create_put_back_tasks(session: Session, order: Order, reason: str) -> list[StockTask]:
    """Exactly one way back for every picked unit of a cancelled order: a packed parcel gets
    its unpack task (``shipping.unpacking``: completing it puts the parcel's units away); the
    picked units in no parcel (in a tote, or at the packing station) get one put-back task per
    reservation, to the shelf they came from."""
    in_parcels = unpack_cancelled(session, order)
    covered = open_put_backs_of(session, order)
    return [
        task
        for line in order.lines
        for task in put_back_line(
            session, order, line, reason, in_parcels.get(line.id, 0), covered=covered
        )
    ]


Covered = dict[tuple[int | None, int | None, str], int]
"""Units open put-back tasks of an order take back, by SKU, shelf and lot."""


def open_put_backs_of(session: Session, order: Order) -> Covered:
    covered: Covered = {}
    for sku_id, location_id, lot, qty in session.execute(
        select(StockTask.sku_id, StockTask.to_location_id, StockTask.lot, StockTask.qty).where(
            StockTask.kind == "put_back",
            StockTask.reference == order.fo_id,
            StockTask.state.in_((StockTaskState.OPEN, StockTaskState.ASSIGNED)),
        )
    ):
        covered[(sku_id, location_id, lot)] = covered.get((sku_id, location_id, lot), 0) + qty
    return covered


def put_back_line(
    session: Session,
    order: Order,
    line: OrderLine,
    reason: str,
    in_parcels: int = 0,
    *,
    covered: Covered | None = None,
) -> list[StockTask]:
    """Put-back tasks for the units of ``line`` already picked and not in a parcel
    (``in_parcels`` of them are, taken from the reservations in quant order, as the unpack
    task takes them), less the units an open put-back task of the order already takes back
    (a line cancelled over a shortage, then the whole order)."""
    tasks: list[StockTask] = []
    skip = in_parcels
    if covered is None:
        covered = open_put_backs_of(session, order)
    for reservation in sorted(line.reservations, key=lambda r: r.quant_id):
        parcelled = min(skip, reservation.picked)
        skip -= parcelled
        loose = reservation.picked - parcelled
        quant = reservation.quant
        key = (quant.sku_id, quant.location_id, quant.lot)
        taken = min(covered.get(key, 0), max(loose, 0))
        covered[key] = covered.get(key, 0) - taken
        loose -= taken
        if loose <= 0:
            continue
        task = StockTask(
            kind="put_back",
            sku_id=quant.sku_id,
            owner_id=quant.owner_id,
            lot=quant.lot,
            to_location_id=quant.location_id,
            qty=loose,
            reason=reason,
            reference=order.fo_id,
        )
        session.add(task)
        tasks.append(task)
    return tasks


def take_off_carts(
    session: Session, actor: Actor, order: Order, line_ids: set[int] | None = None
) -> int:
    """The order (or these lines of it) leaves every cart: its pending picks are cancelled,
    so the handheld skips them, and a cart with nothing left to pick is done. How many."""
    query = select(PickTask).where(
        PickTask.order_id == order.id, PickTask.state == TaskState.PENDING
    )
    if line_ids is not None:
        query = query.where(PickTask.order_line_id.in_(line_ids))
    tasks = list(session.scalars(query.with_for_update()))
    for task in tasks:
        task.state = TaskState.CANCELLED
        record(session, actor, "pick.cancelled", "pick_task", task.id, note=order.fo_id)
    session.flush()
    for batch_id in {task.batch_id for task in tasks}:
        batch = session.get(PickBatch, batch_id, with_for_update=True)
        left = session.scalar(
            select(func.count()).where(
                PickTask.batch_id == batch_id, PickTask.state == TaskState.PENDING
            )
        )
        if batch is not None and not left and batch.state != BatchState.DONE:
            move_batch(session, batch, BatchState.DONE, actor)
    return len(tasks)
