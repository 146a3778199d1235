"""A set plans on stock it has not locked: when that stock moves before the set reserves it,
the set is undone and planned again, and nothing is over-reserved (PostgreSQL, where another
transaction can commit between the set's read and its write)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import event, func, select, update

from tests import builders as f
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import OrderLine, Reservation, ShortageCase, StockQuant

SYSTEM = Actor.system("allocation")
TODAY = date(2026, 11, 24)


def test_stock_taken_between_the_sets_read_and_its_write_is_planned_again(
    pg_database: Database,
) -> None:
    database = pg_database
    with database.unit_of_work() as s:
        m = f.merchant(s, "M1")
        item = f.sku(s, m, "S1")
        quants = [f.stock(s, item, f.location(s), 5) for _ in range(2)]
        quant_ids = [q.id for q in quants]
        f.order(s, m, [(item, 4)], fo_id="FO-1")
        f.order(s, m, [(item, 3)], fo_id="FO-2")

    other = Database.from_url(database.engine.url.render_as_string(hide_password=False))
    moved: list[str] = []

    def take_stock(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # the set is about to lock the quants it reserves: a count elsewhere takes all but
        # one unit of each first, and commits
        if moved or "FROM stock_quant" not in statement or "FOR UPDATE" not in statement:
            return
        moved.append(statement)
        with other.unit_of_work() as s:
            s.execute(
                update(StockQuant)
                .where(StockQuant.id.in_(quant_ids))
                .values(on_hand=StockQuant.reserved + 1)
            )

    event.listen(database.engine, "before_cursor_execute", take_stock)
    try:
        summary = allocate_pending(database, actor=SYSTEM, today=TODAY, set_size=10)
    finally:
        event.remove(database.engine, "before_cursor_execute", take_stock)
        other.dispose()

    assert len(moved) == 1
    assert summary.retried >= 1  # the set was undone once and planned again
    assert summary.failures == []
    with database.unit_of_work(read_only=True) as s:
        for quant in s.scalars(select(StockQuant)):
            assert 0 <= quant.reserved <= quant.on_hand
        lines = {line.sku_code + str(line.order_id): line for line in s.scalars(select(OrderLine))}
        allocated = sum(line.allocated for line in lines.values())
        reserved = s.scalar(select(func.sum(StockQuant.reserved)))
        held = s.scalar(select(func.sum(Reservation.qty)))
        assert allocated == reserved == held == 2  # the two units left, nothing more
        # the most urgent order first (FO-1, created first), then one case per short line
        cases = list(s.scalars(select(ShortageCase)))
        short_lines = [line for line in lines.values() if line.short]
        assert sorted(c.order_line_id for c in cases) == sorted(line.id for line in short_lines)
