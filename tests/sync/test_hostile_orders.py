"""One bad order never stops the feed: each class of hostile value, on both databases.

Each case is a good generated order with one value made hostile, stored on a page between
good orders. It is stored (when the columns now take it), or quarantined alone with a
reason; the good orders and the cursor are stored either way.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sync_helpers import CATALOG, add_catalog

from sync.contract import RawFeedPage
from sync.ingest import read_cursor, store_page
from sync.intake import IntakeContext
from sync.mall_sim.generator import generate_orders
from sync.quarantine import open_raw
from warehouse.db import Database
from warehouse.models import AuditEvent, Order, OutboxEvent, QuarantinedOrder
from warehouse.words import decode, render_all

Mutation = Callable[[dict[str, Any]], None]


def _orders(count: int, seed: int) -> list[dict[str, Any]]:
    snapshots = generate_orders(count, CATALOG, seed=seed, warehouse_code="W1")
    for number, snapshot in enumerate(snapshots, 1):
        snapshot["version"], snapshot["change_seq"] = 1, number
    return snapshots


def _set(path: str, value: object) -> Mutation:
    def mutate(order: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = order
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value

    return mutate


def _duplicate_line(order: dict[str, Any]) -> None:
    order["lines"].append(copy.deepcopy(order["lines"][0]))


STORED: dict[str, Mutation] = {
    "order_sn of 64 characters": _set("order_sn", "9" * 64),
    "line_id and sku_code of 64": lambda o: (
        _set("lines.0.line_id", "L" * 64)(o),
        _set("lines.0.sku_code", "S" * 64)(o),
    ),
    "merchant id of 64": _set("merchant.id", "M" * 64),
    "a long province": _set("receiver.province", "省" * 64),
    "version at 2**31": _set("version", 2**31),
    "change_seq beyond 2**40": _set("change_seq", 2**40),
}
QUARANTINED: dict[str, Mutation] = {
    "order_sn over 64": _set("order_sn", "9" * 65),
    "province over 64": _set("receiver.province", "省" * 65),
    "version beyond 2**63": _set("version", 2**63),
    "a huge price": _set("lines.0.unit_price", "123456789012.00"),
    "a negative price": _set("lines.0.unit_price", "-1.00"),
    "a price in thousandths": _set("lines.0.unit_price", "1.005"),
    "NUL in a name": _set("lines.0.name", "A\x00B"),
    "NUL in the receiver": _set("receiver.name", "张\x00三"),
    "a lone surrogate": _set("buyer_note", "\ud800"),
    "a duplicate line_id": _duplicate_line,
    "year 1": _set("placed_at", "0001-01-01T00:00:00+08:00"),
    "year 9999": _set("ship_by", "9999-12-31T23:59:59-08:00"),
    'gift "yes"': _set("gift", "yes"),
    'paid "true"': _set("payment.paid", "true"),
}


def _store(
    database: Database, context: IntakeContext, items: list[Any], *, in_sets: bool = True
) -> Any:
    cursor = read_cursor(database, "mall:W1")
    page = RawFeedPage(items=items, next_cursor=str(int(cursor) + 100), has_more=False)
    return store_page(
        database, page, name="mall:W1", expected_cursor=cursor, context=context, in_sets=in_sets
    )


def _page_with(hostile: Any, seed: int) -> tuple[list[Any], list[str]]:
    good = _orders(4, seed)
    return [good[0], good[1], hostile, good[2], good[3]], [o["fo_id"] for o in good]


def _stored_ids(database: Database) -> set[str]:
    with database.unit_of_work(read_only=True) as session:
        return set(session.scalars(select(Order.fo_id)))


@pytest.mark.parametrize("case", sorted(STORED))
def test_values_the_contract_allows_are_stored(
    database: Database, context: IntakeContext, case: str
) -> None:
    add_catalog(database)
    hostile = _orders(5, 7)[4]
    hostile["fo_id"] = "FO-HOSTILE-W1"
    STORED[case](hostile)
    items, good = _page_with(hostile, 8)
    stats = _store(database, context, items)
    assert stats.quarantined == 0 and stats.new == 5
    assert _stored_ids(database) == {*good, "FO-HOSTILE-W1"}
    assert read_cursor(database, "mall:W1") == "100"


@pytest.mark.parametrize("case", sorted(QUARANTINED))
def test_values_beyond_the_contract_are_quarantined_alone(
    database: Database, context: IntakeContext, case: str
) -> None:
    add_catalog(database)
    hostile = _orders(5, 7)[4]
    hostile["fo_id"] = "FO-HOSTILE-W1"
    QUARANTINED[case](hostile)
    items, good = _page_with(hostile, 9)
    stats = _store(database, context, items)
    assert stats.quarantined == 1 and stats.new == 4
    assert _stored_ids(database) == set(good)
    assert read_cursor(database, "mall:W1") == "100"
    with database.unit_of_work(read_only=True) as session:
        entry = session.scalars(select(QuarantinedOrder)).one()
        assert entry.fo_id == "FO-HOSTILE-W1"
        assert [m.key for m in decode(entry.reason)] == ["quarantine.unreadable"]
        assert "could not be read" in render_all(entry.reason, "en")
        assert "无法读取" in render_all(entry.reason, "zh_CN")
        assert hostile["receiver"]["mobile"] not in entry.raw  # sealed
        assert "FO-HOSTILE-W1" in open_raw(entry, context.cipher)


@pytest.mark.parametrize("item", [5, "an order", None, ["FO-1"], True])
def test_an_item_that_is_not_an_object_is_set_aside_and_the_page_goes_on(
    database: Database, context: IntakeContext, item: object
) -> None:
    add_catalog(database)
    items, good = _page_with(item, 10)
    stats = _store(database, context, items)
    assert stats.quarantined == 1 and _stored_ids(database) == set(good)
    with database.unit_of_work(read_only=True) as session:
        reason = session.scalars(select(QuarantinedOrder.reason)).one()
    assert "Item 3 of a page from the mall is not an order" in render_all(reason, "en")


def test_json_nested_deeper_than_the_limit_is_set_aside_unread(
    database: Database, context: IntakeContext
) -> None:
    add_catalog(database)
    deep: Any = "bottom"
    for _ in range(200):
        deep = {"x": deep}
    hostile = {**_orders(5, 7)[4], "fo_id": "FO-DEEP-W1", "extra": deep}
    items, good = _page_with(hostile, 11)
    stats = _store(database, context, items)
    assert stats.quarantined == 1 and _stored_ids(database) == set(good)
    with database.unit_of_work(read_only=True) as session:
        reason = session.scalars(select(QuarantinedOrder.reason)).one()
    assert "nested deeper than 32 levels" in render_all(reason, "en")


def test_an_order_the_database_still_refuses_is_quarantined_alone(
    database: Database, context: IntakeContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The savepoint: whatever the database refuses costs that one order, not the page
    (one order per savepoint, the path a set that the database refuses falls back to)."""
    import sync.ingest as ingest

    real = ingest.apply_snapshot

    def refused_for_one(session: Any, snapshot: Any, existing: Any, ctx: Any) -> list[str]:
        outcome = real(session, snapshot, existing, ctx)
        if snapshot.fo_id == "FO-REFUSED-W1":
            existing[snapshot.fo_id].order_sn = None  # NOT NULL: refused at the flush
        return outcome

    monkeypatch.setattr(ingest, "apply_snapshot", refused_for_one)
    add_catalog(database)
    hostile = {**_orders(5, 7)[4], "fo_id": "FO-REFUSED-W1"}
    items, good = _page_with(hostile, 12)
    stats = _store(database, context, items, in_sets=False)
    assert stats.quarantined == 1 and stats.new == 4
    assert _stored_ids(database) == set(good)
    with database.unit_of_work(read_only=True) as session:
        entry = session.scalars(select(QuarantinedOrder)).one()
        audits = session.scalar(select(func.count()).select_from(Order))
    text = render_all(entry.reason, "en")
    assert "could not be stored" in text and "INSERT" not in text and "[SQL" not in text
    assert audits == 4


def test_a_set_the_database_refuses_costs_only_the_order_it_refuses(
    database: Database, context: IntakeContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The set of new orders is rolled back as a whole; its orders go one by one, and only
    the one the database refuses is quarantined (the rest of the page and the cursor stored)."""
    import sync.intake as intake
    import sync.intake_sets as intake_sets

    real = intake.order_fields

    def refused_for_one(snapshot: Any, ctx: IntakeContext) -> dict[str, Any]:
        fields = real(snapshot, ctx)
        if snapshot.fo_id == "FO-REFUSED-W1":
            fields["order_sn"] = None  # NOT NULL: refused by the set and then alone
        return fields

    monkeypatch.setattr(intake, "order_fields", refused_for_one)
    monkeypatch.setattr(intake_sets, "order_fields", refused_for_one)
    add_catalog(database)
    hostile = {**_orders(5, 7)[4], "fo_id": "FO-REFUSED-W1"}
    items, good = _page_with(hostile, 12)
    stats = _store(database, context, items)
    assert stats.quarantined == 1 and stats.new == 4 and stats.released + stats.held == 4
    assert _stored_ids(database) == set(good)
    assert read_cursor(database, "mall:W1") == "100"
    with database.unit_of_work(read_only=True) as session:
        entry = session.scalars(select(QuarantinedOrder)).one()
        orders = session.scalar(select(func.count()).select_from(Order))
        accepts = session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.kind == "accept")
        )
        audits = set(
            session.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == "order.state"))
        )
    text = render_all(entry.reason, "en")
    assert "could not be stored" in text and "INSERT" not in text and "[SQL" not in text
    assert orders == 4 and accepts == stats.released and audits == set(good)


@pytest.mark.parametrize("fo_id", ["FO-\x00-W1", "FO-\ud800-W1", "F" * 500, 12345])
def test_a_hostile_fo_id_is_quarantined_under_a_clean_name(
    database: Database, context: IntakeContext, fo_id: object
) -> None:
    add_catalog(database)
    hostile = {**_orders(5, 7)[4], "fo_id": fo_id}
    items, good = _page_with(hostile, 13)
    stats = _store(database, context, items)
    assert stats.quarantined == 1 and _stored_ids(database) == set(good)
    with database.unit_of_work(read_only=True) as session:
        entry = session.scalars(select(QuarantinedOrder)).one()
    assert "\x00" not in entry.fo_id and len(entry.fo_id) <= 64
