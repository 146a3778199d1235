"""The live floor a supervisor's map draws: each picker's last scan, the stops left and the
shelves waiting for a count (on SQLite and PostgreSQL)."""

from __future__ import annotations

from picking import floor as pick
from tests import builders as f
from warehouse.db import Database
from warehouse.models import StockTask
from warehouse.reports.floor import floor_now
from warehouse.states import Role


def test_the_floor_shows_where_a_picker_scanned_and_what_is_left(database: Database) -> None:
    with database.unit_of_work() as session:
        shop = f.merchant(session)
        tea, cup = f.sku(session, shop, "TEA"), f.sku(session, shop, "CUP")
        first, second = f.location(session, "A-02-03-1-A"), f.location(session, "B-05-04-1-A")
        counted = f.location(session, "A-06-10-1-A")
        quants = f.stock(session, tea, first, 5), f.stock(session, cup, second, 5)
        one = f.allocated_order(session, shop, [(quants[0], 1), (quants[1], 1)])
        f.batch(session, [one], code="CART-7")
        session.add(StockTask(kind="count", from_location_id=counted.id, reason="short"))
        session.add(StockTask(kind="count", from_location_id=first.id, state="done"))
        walker = f.picker(session, "P301")
        boss = f.user(session, "S301", Role.SUPERVISOR)
    with database.unit_of_work(read_only=True) as session:
        assert floor_now(session, boss).pickers == []
    with database.unit_of_work() as session:
        pick.claim_next_batch(session, walker, f.NOW, floor=f.FLOOR)
    with database.unit_of_work(read_only=True) as session:
        (before,) = floor_now(session, boss).pickers
    assert (before.badge, before.cart, before.location) == ("P301", "CART-7", "")
    with database.unit_of_work() as session:
        step = pick.current_step(session, walker, floor=f.FLOOR)
        pick.handle_scan(session, walker, step.location, f.key(), f.NOW, floor=f.FLOOR)
    with database.unit_of_work(read_only=True) as session:
        now = floor_now(session, boss)
    (walking,) = now.pickers
    assert walking.location == "A-02-03-1-A" and walking.scanned_at is not None
    assert walking.remaining == ("A-02-03-1-A", "B-05-04-1-A")
    assert now.count_locations == ["A-06-10-1-A"]
