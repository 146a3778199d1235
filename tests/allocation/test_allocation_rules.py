"""Allocation on the floor: whose stock, which lot, which shelf, how many shelves."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from tests import builders as f
from warehouse.allocation import allocate_order, allocate_pending
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import AuditEvent, Order, Reservation, StockQuant

TODAY = date(2026, 11, 24)


def reserved_from(database: Database, fo_id: str) -> dict[str, int]:
    """Location code -> units reserved for the order."""
    with database.unit_of_work(read_only=True) as s:
        order = s.scalar(select(Order).where(Order.fo_id == fo_id))
        assert order is not None
        result: dict[str, int] = {}
        for line in order.lines:
            for r in line.reservations:
                code = r.quant.location.code
                result[code] = result.get(code, 0) + r.qty
        return result


def state_of(database: Database, fo_id: str) -> str:
    with database.unit_of_work(read_only=True) as s:
        return s.scalar(select(Order.state).where(Order.fo_id == fo_id)) or ""


def test_an_order_never_takes_another_merchants_stock_even_when_that_is_all_there_is(
    database: Database,
) -> None:
    with database.unit_of_work() as s:
        ours, theirs = f.merchant(s, "A"), f.merchant(s, "B")
        tea = f.sku(s, ours, "TEA")
        shelf = f.location(s, "A-01-01-1-A")
        f.stock(s, tea, shelf, 50, owner=theirs)  # same SKU on the shelf, owned by B
        f.order(s, ours, [(tea, 2)], fo_id="FO-A")
    summary = allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    assert (summary.allocated, summary.short) == (0, 1)
    assert state_of(database, "FO-A") == "short"
    assert reserved_from(database, "FO-A") == {}
    with database.unit_of_work(read_only=True) as s:
        assert s.scalar(select(func.sum(StockQuant.reserved))) == 0


def test_dated_goods_leave_earliest_expiry_first_even_from_reserve(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        milk = f.sku(s, m, "MILK", lot_controlled=True, min_remaining_days=5)
        f.stock(
            s, milk, f.location(s, "A-01-01-1-A"), 10, lot="L-LATE", expiry=TODAY + timedelta(90)
        )
        f.stock(
            s, milk, f.location(s, "A-01-02-1-A"), 3, lot="L-EARLY", expiry=TODAY + timedelta(20)
        )
        f.stock(
            s,
            milk,
            f.location(s, "B-01-01-1-A", kind="reserve"),
            2,
            lot="L-EARLIEST",
            expiry=TODAY + timedelta(10),
        )
        f.order(s, m, [(milk, 6)], fo_id="FO-1")
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    assert reserved_from(database, "FO-1") == {"B-01-01-1-A": 2, "A-01-02-1-A": 3, "A-01-01-1-A": 1}


def test_expired_and_short_dated_lots_are_never_reserved(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        milk = f.sku(s, m, "MILK", lot_controlled=True, min_remaining_days=7)
        f.stock(s, milk, f.location(s), 10, lot="OLD", expiry=TODAY - timedelta(1))
        f.stock(s, milk, f.location(s), 10, lot="TODAY", expiry=TODAY)
        f.stock(s, milk, f.location(s), 10, lot="SOON", expiry=TODAY + timedelta(6))
        f.order(s, m, [(milk, 1)], fo_id="FO-1")
    result = allocate_pending(database, actor=Actor.system("allocation"), today=TODAY).results[0]
    assert result.outcome == "short"
    assert result.lines[0].reason == "EXPIRED"
    assert reserved_from(database, "FO-1") == {}


def test_a_lot_with_exactly_the_minimum_days_left_may_ship(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        milk = f.sku(s, m, "MILK", lot_controlled=True, min_remaining_days=7)
        f.stock(s, milk, f.location(s, "A-02-01-1-A"), 4, lot="OK", expiry=TODAY + timedelta(7))
        f.order(s, m, [(milk, 4)], fo_id="FO-1")
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    assert reserved_from(database, "FO-1") == {"A-02-01-1-A": 4}


def test_pick_faces_are_emptied_before_reserve_is_touched(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        cup = f.sku(s, m, "CUP")
        f.stock(s, cup, f.location(s, "B-09-01-1-A", kind="reserve"), 100)
        f.stock(s, cup, f.location(s, "A-01-01-1-A"), 3)
        f.order(s, m, [(cup, 5)], fo_id="FO-1")
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    assert reserved_from(database, "FO-1") == {"A-01-01-1-A": 3, "B-09-01-1-A": 2}


def test_one_shelf_that_holds_the_whole_line_beats_several_small_ones(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        cup = f.sku(s, m, "CUP")
        for code in ("A-01-01-1-A", "A-01-02-1-A", "A-01-03-1-A"):
            f.stock(s, cup, f.location(s, code), 2)
        f.stock(s, cup, f.location(s, "A-01-04-1-A"), 7)
        f.stock(s, cup, f.location(s, "A-01-05-1-A"), 30)
        f.order(s, m, [(cup, 6)], fo_id="FO-1")
        f.order(s, m, [(cup, 40)], fo_id="FO-2")
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    # the smallest shelf that covers the line; then largest first for the big one
    assert reserved_from(database, "FO-1") == {"A-01-04-1-A": 6}
    assert reserved_from(database, "FO-2") == {
        "A-01-05-1-A": 30,
        "A-01-01-1-A": 2,
        "A-01-02-1-A": 2,
        "A-01-03-1-A": 2,
        "A-01-04-1-A": 1,
    }


def test_a_partial_merchant_gets_what_there_is_and_a_whole_order_merchant_gets_nothing(
    database: Database,
) -> None:
    with database.unit_of_work() as s:
        partial, whole = f.merchant(s, "P"), f.merchant(s, "W", whole_order_only=True)
        for owner, fo in ((partial, "FO-P"), (whole, "FO-W")):
            pen, ink = f.sku(s, owner, "PEN"), f.sku(s, owner, "INK")
            f.stock(s, pen, f.location(s), 5)
            f.stock(s, ink, f.location(s), 1)
            f.order(s, owner, [(pen, 2), (ink, 3)], fo_id=fo)
    summary = allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    assert (summary.partial, summary.short) == (1, 1)
    assert sum(reserved_from(database, "FO-P").values()) == 3
    assert reserved_from(database, "FO-W") == {}
    with database.unit_of_work(read_only=True) as s:
        lines = {
            (o.fo_id, line.line_id): (line.allocated, line.short)
            for o in s.scalars(select(Order))
            for line in o.lines
        }
    assert lines[("FO-P", "L1")] == (2, 0) and lines[("FO-P", "L2")] == (1, 2)
    assert lines[("FO-W", "L1")] == (0, 2) and lines[("FO-W", "L2")] == (0, 3)


def test_an_unknown_sku_code_is_short_as_not_found(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        f.order(s, m, [("NO-SUCH-SKU", 1)], fo_id="FO-1")
    result = allocate_pending(database, actor=Actor.system("allocation"), today=TODAY).results[0]
    assert result.lines[0].reason == "NOT_FOUND"


def test_a_sku_code_the_intake_left_open_is_matched_to_the_merchants_own_sku(
    database: Database,
) -> None:
    with database.unit_of_work() as s:
        ours, theirs = f.merchant(s), f.merchant(s)
        f.stock(s, f.sku(s, theirs, "SOAP"), f.location(s), 9)
        f.stock(s, f.sku(s, ours, "SOAP"), f.location(s, "A-03-03-1-A"), 9)
        f.order(s, ours, [("SOAP", 2)], fo_id="FO-1")
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    assert reserved_from(database, "FO-1") == {"A-03-03-1-A": 2}


def test_the_most_urgent_order_gets_the_last_units(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        cup = f.sku(s, m, "CUP")
        f.stock(s, cup, f.location(s), 1)
        f.order(s, m, [(cup, 1)], fo_id="FO-NORMAL", priority=10)
        f.order(s, m, [(cup, 1)], fo_id="FO-EXPRESS", priority=400)
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    assert state_of(database, "FO-EXPRESS") == "allocated"
    assert state_of(database, "FO-NORMAL") == "short"


def test_allocation_writes_audit_events_and_reservations_match_the_quants(
    database: Database,
) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        cup = f.sku(s, m, "CUP")
        f.stock(s, cup, f.location(s), 10)
        f.order(s, m, [(cup, 4)], fo_id="FO-1")
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    with database.unit_of_work(read_only=True) as s:
        actions = set(s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == "FO-1")))
        assert {"order.allocate", "order.state"} <= actions
        assert s.scalar(select(func.sum(Reservation.qty))) == 4
        assert s.scalar(select(func.sum(StockQuant.reserved))) == 4


def test_a_dry_run_shows_the_outcome_and_changes_nothing(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        cup = f.sku(s, m, "CUP")
        f.stock(s, cup, f.location(s), 1)
        f.order(s, m, [(cup, 1)], fo_id="FO-1")
        f.order(s, m, [(cup, 1)], fo_id="FO-2")
    summary = allocate_pending(
        database, actor=Actor.system("allocation"), today=TODAY, dry_run=True
    )
    assert (summary.allocated, summary.short) == (1, 1)
    assert state_of(database, "FO-1") == "released" and state_of(database, "FO-2") == "released"
    with database.unit_of_work(read_only=True) as s:
        assert s.scalar(select(func.sum(StockQuant.reserved))) == 0
        assert s.scalar(select(func.count()).select_from(Reservation)) == 0


def test_allocating_one_order_by_its_id_in_the_callers_transaction(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        cup = f.sku(s, m, "CUP")
        f.stock(s, cup, f.location(s), 3)
        f.order(s, m, [(cup, 2), (cup, 2)], fo_id="FO-1")
    with database.unit_of_work() as s:
        result = allocate_order(s, "FO-1", actor=Actor.system("allocation"), today=TODAY)
    assert result.outcome == "partial"
    assert [line.allocated for line in result.lines] == [2, 1]


def test_of_two_equally_urgent_orders_the_one_due_first_gets_the_stock(
    database: Database,
) -> None:
    from datetime import UTC, datetime

    with database.unit_of_work() as s:
        m = f.merchant(s)
        cup = f.sku(s, m, "CUP")
        f.stock(s, cup, f.location(s), 1)
        f.order(s, m, [(cup, 1)], fo_id="FO-LATE", due_at=datetime(2026, 11, 25, 9, tzinfo=UTC))
        f.order(s, m, [(cup, 1)], fo_id="FO-SOON", due_at=datetime(2026, 11, 24, 9, tzinfo=UTC))
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    assert state_of(database, "FO-SOON") == "allocated"
    assert state_of(database, "FO-LATE") == "short"


def test_a_cancelled_line_gets_no_stock(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        cup, pen = f.sku(s, m, "CUP"), f.sku(s, m, "PEN")
        f.stock(s, cup, f.location(s), 5)
        order = f.order(s, m, [(cup, 1), (pen, 3)], fo_id="FO-1")
        order.lines[1].cancelled = True
    result = allocate_pending(database, actor=Actor.system("allocation"), today=TODAY).results[0]
    assert result.outcome == "allocated"
    assert [line.line_id for line in result.lines] == ["L1"]
