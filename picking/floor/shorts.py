"""Short picks: the shelf holds less than the task asks for.

What was found is picked; the rest of the reservation at that shelf is released (the stock
record is wrong there) and the shelf gets one count task. The missing units are reserved
elsewhere when the same owner has them (a new task in this batch, on the way); otherwise a
``ShortageCase`` opens for the supervisor and the mall hears about it once (``shortage``,
proposal ``HOLD``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from picking.floor import errors
from picking.floor.confirm import finish_task, take_units
from picking.floor.floor import Floor
from picking.floor.reallocate import reallocate
from picking.floor.scan import Action, act
from picking.floor.views import SHORT_REASONS, Step
from warehouse.audit import Actor, record
from warehouse.models import (
    Location,
    Order,
    OrderLine,
    Reservation,
    StockQuant,
    StockTask,
)
from warehouse.shortages import (
    DAMAGED,
    EXPIRED,
    HOLD,
    NOT_FOUND,
    OUT_OF_STOCK,
    LineShortage,
    open_cases,
)
from warehouse.stock_levels import touch_quants
from warehouse.words import Message, encode

MALL_REASONS = {
    "EMPTY": OUT_OF_STOCK,
    "DAMAGED": DAMAGED,
    "EXPIRED": EXPIRED,
    "NOT_FOUND": NOT_FOUND,
}
SOURCE = "picking"


def _release_rest(session: Session, reservation: Reservation, task_line: int, missing: int) -> int:
    """Give back the reservation of the missing units at the short shelf; the quant's owner."""
    owner_id = session.execute(
        update(StockQuant)
        .where(StockQuant.id == reservation.quant_id, StockQuant.reserved >= missing)
        .values(reserved=StockQuant.reserved - missing)
        .returning(StockQuant.owner_id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if owner_id is None:
        raise errors.stock_refused("pick.reservations_inconsistent")
    reservation.qty -= missing
    touch_quants(session, [reservation.quant_id])
    session.execute(
        update(OrderLine)
        .where(OrderLine.id == task_line)
        .values(allocated=OrderLine.allocated - missing)
        .execution_options(synchronize_session=False)
    )
    return int(owner_id)


def _count_once(a: Action, owner_id: int, reason: str) -> None:
    task = a.row.task
    # Lock the shelf so that two pickers coming up short there at once raise one count.
    a.session.execute(select(Location.id).where(Location.id == task.location_id).with_for_update())
    exists = a.session.scalar(
        select(func.count()).where(
            StockTask.kind == "count",
            StockTask.state == "open",
            StockTask.from_location_id == task.location_id,
        )
    )
    if not exists:
        a.session.add(
            StockTask(
                kind="count",
                sku_id=task.sku_id,
                owner_id=owner_id,
                lot=task.lot,
                from_location_id=task.location_id,
                reason=encode(
                    [Message.of("pick.count_shelf", reason=reason, location=a.row.location)]
                ),
                reference=a.batch.code,
            )
        )


def _escalate(a: Action, missing: int, reason: str) -> None:
    task = a.row.task
    a.session.execute(
        update(OrderLine)
        .where(OrderLine.id == task.order_line_id)
        .values(short=OrderLine.short + missing)
        .execution_options(synchronize_session=False)
    )
    line = a.session.get(OrderLine, task.order_line_id, populate_existing=True)
    order = a.session.get(Order, task.order_id)
    assert line is not None and order is not None
    open_cases(
        a.session,
        a.actor,
        order,
        [
            LineShortage(
                line,
                available=line.allocated,
                reason=MALL_REASONS[reason],
                location_id=task.location_id,
                note=Message.of("shortage.short_pick", location=a.row.location, batch=a.batch.code),
            )
        ],
        source=SOURCE,
        proposal=HOLD,
    )


def report_short(
    session: Session,
    actor: Actor,
    task_id: int | None,
    reason: str,
    found_qty: int,
    key: str,
    now: datetime,
    *,
    floor: Floor,
) -> Step:
    """The shelf holds only ``found_qty`` of what is still wanted, for ``reason``
    (EMPTY, DAMAGED, EXPIRED or NOT_FOUND). ``task_id`` is the task the screen showed."""

    def work(a: Action) -> tuple[str, ...]:
        task = a.row.task
        if task_id is not None and task_id != task.id:
            raise errors.refused("pick.screen_behind")
        if reason not in SHORT_REASONS:
            raise errors.bad_reason()
        if task.short_reason or a.kind == "tote":
            raise errors.refused("pick.all_in_hand")
        left = task.qty - task.picked_qty
        if not 0 <= found_qty < left:
            raise errors.bad_found_qty(left)
        if found_qty:
            take_units(a.session, a.actor, a.batch, task, found_qty, a.now)
        missing = left - found_qty
        assert task.reservation_id is not None  # take_units and the planner guarantee it
        reservation = a.session.get(Reservation, task.reservation_id, with_for_update=True)
        assert reservation is not None
        owner_id = _release_rest(a.session, reservation, task.order_line_id, missing)
        task.short_reason = reason
        record(
            a.session,
            a.actor,
            "pick.short",
            "pick_task",
            task.id,
            after={"reason": reason, "found": found_qty, "missing": missing},
        )
        _count_once(a, owner_id, reason)
        made = reallocate(a.session, a.row, a.pending, owner_id, missing, a.today, floor=floor)
        rest = missing - sum(qty for _, qty in made)
        if rest:
            _escalate(a, rest, reason)
        a.session.flush()
        if not task.picked_qty:
            finish_task(a.session, a.actor, a.batch, task)
        notes = tuple(f"reallocated:{code}:{qty}" for code, qty in made)
        return (*notes, f"escalated:{rest}") if rest else notes

    return act(session, actor, key, now, "report_short", work, floor=floor)
