"""After a short pick: reserve the missing units elsewhere and send the picker there.

The allocation service works on whole orders (``allocate_order`` needs a released or short
order), so one line's missing units are reserved here: the same SKU and owner, never the shelf
that came up short, shippable lots only, first expiry first for dated goods, pick faces before
reserve (the allocation engineer's :func:`warehouse.allocation.plan.plan_line` chooses).
The new task goes where it lengthens the rest of the tour least.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from picking.floor import errors
from picking.floor.floor import Floor
from picking.floor.steps import TaskRow
from warehouse.allocation.plan import Candidate, plan_line
from warehouse.models import Location, OrderLine, PickTask, Reservation, Sku, StockQuant
from warehouse.stock.lookup import shippable


def _candidates(
    session: Session, sku: Sku, owner_id: int, not_at: int, today: date
) -> dict[int, tuple[Candidate, str]]:
    rows = session.execute(
        select(StockQuant, Location.code, Location.kind)
        .join(Location, Location.id == StockQuant.location_id)
        .where(
            StockQuant.sku_id == sku.id,
            StockQuant.owner_id == owner_id,  # never another merchant's stock
            StockQuant.location_id != not_at,
            StockQuant.on_hand > StockQuant.reserved,
            Location.active.is_(True),
        )
        .order_by(StockQuant.id)  # the allocator's lock order: queue, never deadlock
        .with_for_update(of=StockQuant)
    ).all()
    found: dict[int, tuple[Candidate, str]] = {}
    for quant, code, kind in rows:
        if shippable(quant.expiry, today, sku.min_remaining_days) != "ok":
            continue
        candidate = Candidate(
            quant.id,
            sku.id,
            quant.location_id,
            kind == "pick",
            quant.available,
            quant.lot,
            quant.expiry,
        )
        found[quant.id] = (candidate, code)
    return found


def _insert_at(floor: Floor, here: str, route: list[TaskRow], code: str) -> int:
    """Index in ``route`` before which a stop at ``code`` adds the least walking."""
    new = floor.point(code)
    if new is None:
        return len(route)
    layout = floor.layout
    points = [floor.point(here) or layout.depot]
    points += [floor.point(r.location) or layout.depot for r in route]
    points.append(layout.depot)
    best, best_cost = len(route), float("inf")
    # Not between the tasks still waiting at this very shelf: finish the shelf first.
    first = next((i for i, r in enumerate(route) if r.location != here), len(route))
    for i in range(first, len(points) - 1):
        a, b = points[i], points[i + 1]
        cost = layout.distance(a, new) + layout.distance(new, b) - layout.distance(a, b)
        if cost < best_cost - 1e-9:
            best, best_cost = i, cost
    return best


def reallocate(
    session: Session,
    current: TaskRow,
    pending: list[TaskRow],
    owner_id: int,
    missing: int,
    today: date,
    *,
    floor: Floor,
) -> list[tuple[str, int]]:
    """Reserve up to ``missing`` units elsewhere and add tasks; (location, qty) per new task."""
    task, sku = current.task, current.sku
    found = _candidates(session, sku, owner_id, task.location_id, today)
    plan = plan_line([c for c, _ in found.values()], missing, fefo=sku.lot_controlled)
    route = [r for r in pending if r.task.id != task.id]
    made: list[tuple[str, int]] = []
    for candidate, qty in plan:
        reserved = session.execute(
            update(StockQuant)
            .where(
                StockQuant.id == candidate.quant_id,
                StockQuant.on_hand - StockQuant.reserved >= qty,
            )
            .values(reserved=StockQuant.reserved + qty)
            .execution_options(synchronize_session=False)
        )
        if reserved.rowcount != 1:  # type: ignore[attr-defined]
            raise errors.stock_refused("pick.stock_changed")
        reservation = Reservation(
            order_line_id=task.order_line_id, quant_id=candidate.quant_id, qty=qty
        )
        session.add(reservation)
        session.execute(
            update(OrderLine)
            .where(OrderLine.id == task.order_line_id)
            .values(allocated=OrderLine.allocated + qty)
            .execution_options(synchronize_session=False)
        )
        session.flush()
        code = found[candidate.quant_id][1]
        new = PickTask(
            batch_id=task.batch_id,
            order_id=task.order_id,
            order_line_id=task.order_line_id,
            reservation_id=reservation.id,
            location_id=candidate.location_id,
            sku_id=task.sku_id,
            lot=candidate.lot,
            qty=qty,
            tote=task.tote,
        )
        session.add(new)
        route.insert(_insert_at(floor, current.location, route, code), TaskRow(new, code, sku))
        made.append((code, qty))
    for offset, row in enumerate(route, start=1):
        row.task.sequence = task.sequence + offset
    return made
