"""The page's new orders as one set: the same warehouse as one order at a time, on both databases.

The same feed — new orders released, held, cancelled at the mall, imported as shipped, already
accepted, of a merchant not seen before, copies and versions of one order on the same page,
hostile items, updates and cancellations on later pages, a page repeated — is stored once in
sets and once one by one; orders, lines, audit rows, outbox messages, quarantine and cursor
must be the same (ids, timestamps, nonces and event ids aside).
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import delete, select
from sync_helpers import CATALOG, add_catalog

from sync.contract import RawFeedPage
from sync.ingest import IngestStats, read_cursor, store_page
from sync.intake import IntakeContext
from sync.mall_sim.generator import generate_orders
from sync.quarantine import open_raw
from warehouse.db import Database
from warehouse.models import (
    AuditEvent,
    Merchant,
    Order,
    OrderLine,
    OutboxEvent,
    QuarantinedOrder,
    Sku,
    SyncCursor,
)
from warehouse.models.base import Base

CURSOR = "mall:W1"


def _orders(count: int, seed: int) -> list[dict[str, Any]]:
    orders = generate_orders(count, CATALOG, seed=seed, warehouse_code="W1")
    for order in orders:
        order["version"], order["change_seq"] = 1, 1
    return orders


def _version(order: dict[str, Any], version: int, **changes: Any) -> dict[str, Any]:
    newer = copy.deepcopy(order)
    newer.update(changes, version=version, change_seq=version)
    return newer


def _feed() -> list[list[Any]]:
    """Three pages and the first page again."""
    o = _orders(24, seed=31)
    o[1]["payment"] = {**o[1]["payment"], "method": "online", "paid": False}
    o[1]["paid_at"] = None  # held: not paid
    o[2]["lines"][0]["sku_code"] = "NOT-STOCKED"  # held: unknown SKU
    o[3]["state"] = "cancelled"
    o[4]["state"] = "shipped"
    o[5]["state"] = "accepted"  # accepted at the mall already: no accept queued
    o[6]["merchant"] = {"id": "99", "name": "新商户"}  # a merchant the warehouse does not know
    o[7]["merchant"] = {"id": "99", "name": "新商户"}
    o[8]["state"] = "rejected"
    o[13]["receiver"]["postcode"] = "12345"  # released with a warning
    o[14]["priority"] = "whenever"  # a name the warehouse does not know: a warning
    changed = _version(o[9], 2, lines=[{**o[9]["lines"][0], "qty": 7}])
    requested = {"requested_at": "2024-06-11T12:00:00+08:00", "reason": "买错了"}
    first = [
        o[0],
        o[1],
        o[2],
        o[3],
        o[4],
        o[5],
        o[6],
        o[7],
        o[8],
        o[9],
        copy.deepcopy(o[0]),  # the same copy twice on one page
        changed,  # a newer version of an order created earlier on this page
        _version(o[10], 3),
        o[10],  # an older version after the newer one
        {**o[11], "warehouse_code": "W9"},  # another warehouse's
        "not an order",
        {**o[12], "lines": "none"},  # unreadable
        o[13],
    ]
    second = [
        _version(o[5], 2, cancel_request=requested),  # a cancel request after accept
        _version(o[0], 2, state="cancelled"),  # cancelled outright: its accept is dropped
        _version(
            o[1], 2, payment={**o[1]["payment"], "paid": True}, paid_at="2024-06-11T10:00:00+08:00"
        ),
        o[13],  # repeated
        _version(o[13], 2, lines=[*o[13]["lines"], {**o[13]["lines"][0], "line_id": "LX"}]),
        *o[14:20],
        _version(o[6], 2, buyer_note="放门口"),
    ]
    third = [*o[20:24], _version(o[4], 2), _version(o[3], 2)]
    return [first, second, third, copy.deepcopy(first)]


def _store_feed(database: Database, context: IntakeContext, *, in_sets: bool) -> list[Any]:
    stats: list[IngestStats] = []
    for number, items in enumerate(_feed(), 1):
        cursor = read_cursor(database, CURSOR)
        page = RawFeedPage(items=items, next_cursor=str(number * 100), has_more=number < 4)
        stats.append(
            store_page(
                database,
                page,
                name=CURSOR,
                expected_cursor=cursor,
                context=context,
                in_sets=in_sets,
            )
        )
    return stats


def _plain(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def _columns(model: type[Base]) -> list[str]:
    return [column.key for column in model.__table__.columns]


def _dump(database: Database, context: IntakeContext) -> dict[str, Any]:
    """What the warehouse knows, without ids, timestamps, nonces and event ids."""
    skip = {"id", "created_at", "updated_at", "merchant_id", "receiver_sealed"}
    with database.unit_of_work(read_only=True) as session:
        mall_ids = {m.id: m.mall_id for m in session.scalars(select(Merchant))}
        skus = {s.id: (mall_ids[s.merchant_id], s.code) for s in session.scalars(select(Sku))}
        orders = {}
        for order in session.scalars(select(Order)):
            row = {c: getattr(order, c) for c in _columns(Order) if c not in skip}
            row["merchant"] = mall_ids[order.merchant_id]
            row["receiver"] = context.cipher.open(order.receiver_sealed, bound_to=order.fo_id)
            row["lines"] = sorted(
                _plain(
                    {
                        c: getattr(line, c)
                        for c in _columns(OrderLine)
                        if c not in ("id", "order_id", "sku_id")
                    }
                    | {"sku": skus.get(line.sku_id or 0)}
                )
                for line in order.lines
            )
            orders[order.fo_id] = row
        audits = Counter(
            _plain([a.actor, a.action, a.entity, a.entity_id, a.before, a.after, a.note])
            for a in session.scalars(select(AuditEvent))
        )
        outbox = Counter(
            _plain(
                [
                    e.fo_id,
                    e.kind,
                    e.state,
                    e.last_error,
                    {k: v for k, v in e.payload.items() if k not in ("event_id", "occurred_at")},
                ]
            )
            for e in session.scalars(select(OutboxEvent))
        )
        quarantined = Counter(
            _plain([q.fo_id, q.version, q.reason, q.state, open_raw(q, context.cipher)])
            for q in session.scalars(select(QuarantinedOrder))
        )
        merchants = sorted(mall_ids.values())
    return {
        "orders": orders,
        "audits": audits,
        "outbox": outbox,
        "quarantined": quarantined,
        "merchants": merchants,
        "cursor": read_cursor(database, CURSOR),
    }


def _empty(database: Database) -> None:
    with database.unit_of_work() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))


def test_a_feed_stored_in_sets_is_the_feed_stored_one_by_one(
    database: Database, context: IntakeContext
) -> None:
    add_catalog(database)
    single_stats = _store_feed(database, context, in_sets=False)
    single = _dump(database, context)
    _empty(database)
    add_catalog(database)
    set_stats = _store_feed(database, context, in_sets=True)
    in_sets = _dump(database, context)
    assert set_stats == single_stats
    for fo_id, order in in_sets["orders"].items():
        assert order == single["orders"].get(fo_id), fo_id
    for part in ("orders", "audits", "outbox", "quarantined", "merchants", "cursor"):
        assert in_sets[part] == single[part], part
    # the feed exercised what it meant to
    orders = in_sets["orders"]
    states = Counter(o["state"] for o in orders.values())
    assert states["held"] >= 2 and states["released"] >= 10 and states["cancelled"] >= 3
    assert states["shipped"] == 1 and "99" in in_sets["merchants"]
    assert sum(1 for o in orders.values() if o["warnings"]) >= 2
    assert set_stats[3].new == 0 and set_stats[3].ignored > 0  # the first page again
    accepts = Counter(
        json.loads(e)[0]
        for e in in_sets["outbox"]
        for _ in range(in_sets["outbox"][e])
        if json.loads(e)[1] == "accept"
    )
    assert set(accepts.values()) == {1}  # one accept per order at most


def test_the_same_page_twice_changes_nothing(database: Database, context: IntakeContext) -> None:
    add_catalog(database)
    items: list[Any] = [*_orders(30, seed=41), "hostile"]
    first = store_page(
        database,
        RawFeedPage(items=items, next_cursor="100", has_more=True),
        name=CURSOR,
        expected_cursor="0",
        context=context,
    )
    before = _dump(database, context)
    again = store_page(
        database,
        RawFeedPage(items=copy.deepcopy(items), next_cursor="200", has_more=False),
        name=CURSOR,
        expected_cursor="100",
        context=context,
    )
    after = _dump(database, context)
    assert first.new == 30 and first.quarantined == 1
    assert again.new == 0 and again.ignored == 30 and again.quarantined == 0
    assert {k: v for k, v in after.items() if k != "cursor"} == {
        k: v for k, v in before.items() if k != "cursor"
    }
    assert after["cursor"] == "200"


def test_a_crash_after_the_set_is_written_stores_nothing_and_the_repeat_stores_it_once(
    database: Database, context: IntakeContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The set is in the page's transaction: a crash before the commit (here: while the
    rest of the page is applied) leaves neither orders nor messages nor a moved cursor."""
    import sync.ingest as ingest

    add_catalog(database)
    orders = _orders(20, seed=43)
    items: list[Any] = [*orders, _version(orders[0], 2, buyer_note="改了")]

    def crash(*args: Any, **kwargs: Any) -> None:
        raise SystemExit("the worker died mid-page")

    page = RawFeedPage(items=items, next_cursor="100", has_more=False)
    with monkeypatch.context() as patch:
        patch.setattr(ingest, "_store_one", crash)
        with pytest.raises(SystemExit):
            store_page(database, page, name=CURSOR, expected_cursor="0", context=context)
    with database.unit_of_work(read_only=True) as session:
        assert session.scalars(select(Order)).first() is None
        assert session.scalars(select(OutboxEvent)).first() is None
        assert (
            session.scalars(select(AuditEvent).where(AuditEvent.entity == "order")).first() is None
        )
    assert read_cursor(database, CURSOR) == "0"
    stats = store_page(database, page, name=CURSOR, expected_cursor="0", context=context)
    assert stats.new == 20 and stats.updated == 1
    with database.unit_of_work(read_only=True) as session:
        kinds = Counter(e.fo_id for e in session.scalars(select(OutboxEvent)))
        assert set(kinds.values()) == {1}
        assert session.get_one(SyncCursor, CURSOR).cursor == "100"
