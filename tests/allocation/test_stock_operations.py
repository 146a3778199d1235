"""Stock on the shelves: every change is in the ledger and the audit, none goes below zero."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests import builders as f
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.errors import NotFound, PermissionDenied, StockError
from warehouse.models import AuditEvent, StockMove
from warehouse.stock import (
    adjust,
    count,
    move,
    put_back,
    receive,
    stock_at_location,
    stock_for_sku,
)

TODAY = date(2026, 11, 24)
PICKER = Actor(name="P001", role="picker")
CLERK = Actor(name="K001", role="packer")  # receives, moves and puts back at the dock
BOSS = Actor(name="S001", role="supervisor")


@pytest.fixture
def shelf(database: Database) -> Database:
    """Merchant M1 with 10 CUP on A-01-01-1-A, 4 of them reserved; an empty A-01-02-1-A."""
    with database.unit_of_work() as s:
        m = f.merchant(s, "M1")
        cup = f.sku(s, m, "CUP")
        f.stock(s, cup, f.location(s, "A-01-01-1-A"), 10, reserved=4)
        f.location(s, "A-01-02-1-A")
        f.location(s, "B-01-01-1-A", kind="reserve")
    return database


def ledger(database: Database) -> list[tuple[str, int]]:
    with database.unit_of_work(read_only=True) as s:
        return [(m.reason, m.qty) for m in s.scalars(select(StockMove).order_by(StockMove.id))]


def audit_actions(database: Database) -> list[str]:
    with database.unit_of_work(read_only=True) as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_supervisor_adjusts_stock_and_it_is_in_the_ledger_and_the_audit(shelf: Database) -> None:
    with shelf.unit_of_work() as s:
        view = adjust(
            s,
            BOSS,
            sku_code="CUP",
            location_code="A-01-01-1-A",
            delta=-2,
            reason="two broken",
            today=TODAY,
        )
    assert (view.on_hand, view.reserved, view.available) == (8, 4, 4)
    assert ledger(shelf) == [("adjust", 2)]
    assert audit_actions(shelf) == ["stock.adjust"]


def test_a_picker_may_not_adjust_stock(shelf: Database) -> None:
    with pytest.raises(PermissionDenied), shelf.unit_of_work() as s:
        adjust(s, PICKER, sku_code="CUP", location_code="A-01-01-1-A", delta=5, reason="found")


def test_stock_cannot_be_adjusted_below_what_orders_have_reserved(shelf: Database) -> None:
    with pytest.raises(StockError, match="reserved for orders"), shelf.unit_of_work() as s:
        adjust(s, BOSS, sku_code="CUP", location_code="A-01-01-1-A", delta=-7, reason="lost")
    with pytest.raises(StockError, match="below zero"), shelf.unit_of_work() as s:
        adjust(s, BOSS, sku_code="CUP", location_code="A-01-01-1-A", delta=-11, reason="lost")
    assert ledger(shelf) == []


def test_only_free_stock_can_be_moved(shelf: Database) -> None:
    with (
        pytest.raises(StockError, match="Only 6 of CUP at A-01-01-1-A are free"),
        shelf.unit_of_work() as s,
    ):
        move(
            s, CLERK, sku_code="CUP", from_location="A-01-01-1-A", to_location="A-01-02-1-A", qty=7
        )
    with shelf.unit_of_work() as s:
        moved = move(
            s,
            CLERK,
            sku_code="CUP",
            from_location="A-01-01-1-A",
            to_location="A-01-02-1-A",
            qty=6,
            today=TODAY,
        )
    assert moved.on_hand == 6
    with shelf.unit_of_work(read_only=True) as s:
        assert [(v.location, v.on_hand, v.reserved) for v in stock_for_sku(s, "CUP")] == [
            ("A-01-01-1-A", 4, 4),
            ("A-01-02-1-A", 6, 0),
        ]
    assert ledger(shelf) == [("move", 6)]


def test_a_cycle_count_sets_the_shelf_and_records_the_difference(shelf: Database) -> None:
    with shelf.unit_of_work() as s:
        difference = count(
            s, BOSS, sku_code="CUP", location_code="A-01-01-1-A", counted=7, today=TODAY
        )
    assert difference == -3
    with shelf.unit_of_work(read_only=True) as s:
        assert stock_at_location(s, "A-01-01-1-A")[0].on_hand == 7
    assert ledger(shelf) == [("count", 3)]
    with pytest.raises(StockError, match="reserved for orders"), shelf.unit_of_work() as s:
        count(s, BOSS, sku_code="CUP", location_code="A-01-01-1-A", counted=3)


def test_picked_goods_go_back_onto_a_shelf(shelf: Database) -> None:
    with shelf.unit_of_work() as s:
        view = put_back(
            s,
            CLERK,
            sku_code="CUP",
            location_code="A-01-02-1-A",
            qty=2,
            reference="FO-9",
            today=TODAY,
        )
    assert view.on_hand == 2
    assert ledger(shelf) == [("put_back", 2)]
    assert audit_actions(shelf) == ["stock.put_back"]


def test_quantities_below_one_are_refused(shelf: Database) -> None:
    for qty in (0, -3):
        with pytest.raises(StockError, match="above zero"), shelf.unit_of_work() as s:
            receive(s, CLERK, sku_code="CUP", location_code="A-01-02-1-A", qty=qty)
    with pytest.raises(StockError, match="below zero"), shelf.unit_of_work() as s:
        count(s, BOSS, sku_code="CUP", location_code="A-01-01-1-A", counted=-1)


def test_dated_goods_need_a_lot_and_an_expiry_when_received(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s, "M1")
        f.sku(s, m, "MILK", lot_controlled=True)
        f.location(s, "A-01-01-1-A")
    with pytest.raises(StockError, match="lot and expiry"), database.unit_of_work() as s:
        receive(s, CLERK, sku_code="MILK", location_code="A-01-01-1-A", qty=5)
    with database.unit_of_work() as s:
        view = receive(
            s,
            CLERK,
            sku_code="MILK",
            location_code="A-01-01-1-A",
            qty=5,
            lot="L1",
            expiry=TODAY + timedelta(30),
            today=TODAY,
        )
    assert (view.lot, view.expiry, view.on_hand) == ("L1", TODAY + timedelta(30), 5)


def test_a_code_two_merchants_use_needs_the_owner(database: Database) -> None:
    with database.unit_of_work() as s:
        a, b = f.merchant(s, "A"), f.merchant(s, "B")
        f.stock(s, f.sku(s, a, "TEA"), f.location(s, "A-01-01-1-A"), 3)
        f.stock(s, f.sku(s, b, "TEA"), f.location(s, "A-01-02-1-A"), 4)
    with database.unit_of_work(read_only=True) as s:
        assert {(v.owner, v.on_hand) for v in stock_for_sku(s, "TEA")} == {("A", 3), ("B", 4)}
        assert [v.on_hand for v in stock_for_sku(s, "TEA", owner="B")] == [4]
    with pytest.raises(StockError, match="several merchants"), database.unit_of_work() as s:
        receive(s, CLERK, sku_code="TEA", location_code="A-01-01-1-A", qty=1)


def test_unknown_things_are_named_in_the_error(shelf: Database) -> None:
    with pytest.raises(NotFound, match="No SKU NOPE"), shelf.unit_of_work(read_only=True) as s:
        stock_for_sku(s, "NOPE")
    with pytest.raises(NotFound, match="No location Z-99"), shelf.unit_of_work() as s:
        stock_at_location(s, "Z-99")


@pytest.mark.parametrize("huge", [2**31, 2**63, 10**30])
def test_numbers_beyond_the_columns_are_a_sentence_not_a_database_error(
    shelf: Database, huge: int
) -> None:
    calls = [
        lambda s: receive(s, BOSS, sku_code="CUP", location_code="A-01-02-1-A", qty=huge),
        lambda s: count(s, BOSS, sku_code="CUP", location_code="A-01-01-1-A", counted=huge),
        lambda s: adjust(
            s, BOSS, sku_code="CUP", location_code="A-01-01-1-A", delta=huge, reason="found"
        ),
        lambda s: adjust(
            s, BOSS, sku_code="CUP", location_code="A-01-01-1-A", delta=-huge, reason="lost"
        ),
        lambda s: move(
            s,
            BOSS,
            sku_code="CUP",
            from_location="A-01-01-1-A",
            to_location="A-01-02-1-A",
            qty=huge,
        ),
    ]
    for call in calls:
        with pytest.raises(StockError) as caught, shelf.unit_of_work() as s:
            call(s)
        assert "more than one shelf place can hold" in str(caught.value)
        assert "货位" in caught.value.localized("zh_CN")


def test_a_receipt_that_would_overflow_the_shelf_is_a_sentence(shelf: Database) -> None:
    with shelf.unit_of_work() as s:
        count(s, BOSS, sku_code="CUP", location_code="A-01-01-1-A", counted=2**31 - 5)
    with pytest.raises(StockError, match="shelf place"), shelf.unit_of_work() as s:
        receive(s, BOSS, sku_code="CUP", location_code="A-01-01-1-A", qty=10)
