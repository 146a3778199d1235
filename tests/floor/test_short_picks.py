"""A picker finds less than the task asks for: re-allocated on the way, or escalated."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from picking import floor as pick
from tests.floor.conftest import FLOOR, NOW, Site, key, run
from tests.floor.test_pick_service import pick_current, scan
from warehouse.db import Database
from warehouse.errors import StateError
from warehouse.models import (
    Order,
    OrderLine,
    OutboxEvent,
    PickTask,
    ShortageCase,
    StockQuant,
    StockTask,
)


def walk_to(database: Database, site: Site, sku_code: str) -> pick.Step:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    while (step := run(database, pick.current_step, site.picker, floor=FLOOR)).sku_code != sku_code:
        pick_current(database, site)
    return step


def short(database: Database, site: Site, step: pick.Step, reason: str, found: int) -> pick.Step:
    return run(
        database,
        pick.report_short,
        site.picker,
        step.task_id,
        reason,
        found,
        key(),
        NOW,
        floor=FLOOR,
    )


def finish(database: Database, site: Site) -> None:
    while run(database, pick.current_step, site.picker, floor=FLOOR).kind != "idle":
        step = run(database, pick.current_step, site.picker, floor=FLOOR)
        if step.kind == "tote":
            scan(database, site, step.tote_label)
        else:
            pick_current(database, site)


def test_an_empty_shelf_is_reallocated_and_the_picker_is_sent_there(
    database: Database, site: Site
) -> None:
    step = walk_to(database, site, "TEA")
    assert (step.location, step.tote, step.qty) == ("A-01-05-1-A", 1, 2)
    scan(database, site, step.location)
    after = short(database, site, step, "EMPTY", 1)  # one found, one missing
    assert after.kind == "tote" and after.in_hand == 1
    assert after.notes == ("reallocated:B-01-04-1-A:1",)
    after = scan(database, site, after.tote_label)
    assert "B-01-04-1-A" in {s.location for s in after.next_stops} | {after.location}
    finish(database, site)
    with database.unit_of_work(read_only=True) as s:
        empty = s.get(StockQuant, site.quants["A-01-05-1-A"])
        other = s.get(StockQuant, site.quants["B-01-04-1-A"])
        assert empty is not None and other is not None
        assert (empty.on_hand, empty.reserved) == (8, 0)  # 1 + 1 picked; the count will say
        assert (other.on_hand, other.reserved) == (3, 0)
        line = s.scalars(select(OrderLine).order_by(OrderLine.id)).first()
        assert line is not None and (line.picked, line.allocated, line.short) == (2, 2, 0)
        assert s.scalars(select(Order.state).order_by(Order.id)).first() == "picked"
        tasks = s.scalars(select(PickTask).where(PickTask.order_line_id == line.id)).all()
        assert sorted((t.state, t.picked_qty, t.short_reason) for t in tasks) == [
            ("picked", 1, ""),
            ("short", 1, "EMPTY"),
        ]
        counts = s.scalars(select(StockTask).where(StockTask.kind == "count")).all()
        assert [(c.from_location_id, c.state) for c in counts] == [(empty.location_id, "open")]
        assert s.scalar(select(func.count()).select_from(ShortageCase)) == 0


def test_a_short_with_no_stock_elsewhere_goes_to_the_supervisor_and_the_mall(
    database: Database, site: Site
) -> None:
    step = walk_to(database, site, "CUP")
    scan(database, site, step.location)
    after = short(database, site, step, "DAMAGED", 0)
    assert after.notes == ("escalated:1",) and after.sku_code != "CUP"
    finish(database, site)
    with database.unit_of_work(read_only=True) as s:
        case = s.scalars(select(ShortageCase)).one()
        assert (case.reason, case.ordered_qty, case.available_qty, case.source) == (
            "DAMAGED",
            1,
            0,
            "picking",
        )
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.kind == "shortage")).one()
        body = {k: v for k, v in event.payload.items() if k in ("lines", "proposal")}
        assert body == {
            "lines": [{"line_id": "L2", "ordered_qty": 1, "available_qty": 0, "reason": "DAMAGED"}],
            "proposal": "HOLD",
        }
        line = s.get(OrderLine, case.order_line_id)
        assert line is not None and (line.picked, line.allocated, line.short) == (0, 0, 1)
        cup = s.get(StockQuant, site.quants["A-02-10-1-B"])
        assert cup is not None and (cup.on_hand, cup.reserved) == (6, 2)  # CART-2's two
        states = s.scalars(select(Order.state).order_by(Order.id)).all()
        assert states == ["short", "picked", "allocated"]
        assert s.scalar(select(func.count()).where(StockTask.kind == "count")) == 1


def test_two_shorts_at_one_shelf_raise_one_count(database: Database, site: Site) -> None:
    with database.unit_of_work() as s:  # nothing left anywhere else
        other = s.get(StockQuant, site.quants["B-01-04-1-A"])
        assert other is not None
        other.on_hand = 0
    step = walk_to(database, site, "TEA")
    scan(database, site, step.location)
    step = short(database, site, step, "NOT_FOUND", 0)
    assert step.sku_code == "TEA" and step.kind == "item"  # tote 2's tea, same shelf
    step = short(database, site, step, "EMPTY", 0)
    with database.unit_of_work(read_only=True) as s:
        assert s.scalar(select(func.count()).where(StockTask.kind == "count")) == 1
        reasons = s.scalars(select(ShortageCase.reason).order_by(ShortageCase.id)).all()
        assert reasons == ["NOT_FOUND", "OUT_OF_STOCK"]


def test_a_short_report_is_checked(database: Database, site: Site) -> None:
    step = walk_to(database, site, "TEA")
    with pytest.raises(StateError, match="0 to 1"):
        short(database, site, step, "EMPTY", 2)
    with pytest.raises(StateError, match="reason"):
        short(database, site, step, "LOST", 0)
    k = key()
    first = run(
        database, pick.report_short, site.picker, step.task_id, "EMPTY", 0, k, NOW, floor=FLOOR
    )
    again = run(
        database, pick.report_short, site.picker, step.task_id, "EMPTY", 0, k, NOW, floor=FLOOR
    )
    assert first.notes == ("reallocated:B-01-04-1-A:2",)
    assert again.task_id == first.task_id and again.tasks_total == first.tasks_total
    with database.unit_of_work(read_only=True) as s:
        assert s.scalar(select(func.count()).where(StockTask.kind == "count")) == 1
        assert s.scalar(select(func.count()).select_from(PickTask)) == 6  # 5 + 1 reallocated
