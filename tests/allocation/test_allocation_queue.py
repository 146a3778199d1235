"""Two allocators at once: an order one of them holds is skipped, not waited for."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests import builders as f
from warehouse.allocation import allocate_pending
from warehouse.allocation.queue import claim_order
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import Order, utcnow

TODAY = date(2026, 11, 24)


def test_an_order_another_allocator_holds_is_skipped_and_left_to_it(
    pg_database: Database,
) -> None:
    with pg_database.unit_of_work() as s:
        m = f.merchant(s)
        cup = f.sku(s, m, "CUP")
        f.stock(s, cup, f.location(s), 10)
        f.order(s, m, [(cup, 1)], fo_id="FO-HELD", priority=100)
        f.order(s, m, [(cup, 1)], fo_id="FO-FREE")
    with pg_database.unit_of_work() as holder:
        held = holder.scalar(select(Order.id).where(Order.fo_id == "FO-HELD"))
        assert held is not None
        assert claim_order(holder, held, started_at=utcnow()) is not None
        summary = allocate_pending(
            pg_database, actor=Actor.system("allocation"), today=TODAY
        )  # other connections
        assert [r.fo_id for r in summary.results] == ["FO-FREE"]
    with pg_database.unit_of_work(read_only=True) as s:
        states = dict(s.execute(select(Order.fo_id, Order.state)).all())
    assert states == {"FO-HELD": "released", "FO-FREE": "allocated"}
