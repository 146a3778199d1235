"""Orders come in from the mall's feed: once each, newest version wins, bad ones set aside."""

from __future__ import annotations

import threading

from sqlalchemy import func, select
from sync_helpers import CATALOG, add_catalog

from sync.client import MallClient
from sync.ingest import read_cursor, sync_orders
from sync.intake import IntakeContext
from sync.mall_sim import RunningMall, seed_store
from sync.quarantine import open_raw
from warehouse.db import Database
from warehouse.models import Order, OutboxEvent, QuarantinedOrder
from warehouse.orders import CANCELLED, HELD, RELEASED
from warehouse.words import render_all


def _sync(database: Database, mall: RunningMall, context: IntakeContext):  # type: ignore[no-untyped-def]
    with MallClient(mall.base_url, mall.token) as client:
        return sync_orders(database, client, context, limit=40)


def _orders(database: Database) -> dict[str, Order]:
    with database.unit_of_work(read_only=True) as session:
        return {o.fo_id: o for o in session.scalars(select(Order))}


def test_new_orders_are_stored_once_released_or_held_and_accepts_queued(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    ids = seed_store(mall.store, 120, CATALOG, seed=11)
    first = _sync(database, mall, context)
    again = _sync(database, mall, context)
    orders = _orders(database)
    assert first.new == 120 and again.fetched == 0 and set(orders) == set(ids)
    assert first.released + first.held == 120 and first.held > 0
    with database.unit_of_work(read_only=True) as session:
        accepts = session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.kind == "accept")
        )
    assert accepts == first.released
    held = [o for o in orders.values() if o.state == HELD]
    assert all(o.hold_reason for o in held)
    assert read_cursor(database, "mall:W1") == str(mall.store.counters()["change_seq"])


def test_a_malformed_order_is_quarantined_and_the_feed_goes_on(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    seed_store(mall.store, 3, CATALOG, seed=2)
    bad = mall.store.order(mall.store.fo_ids()[0]) | {
        "fo_id": "FO-BROKEN-W1",
        "placed_at": "2024-06-11 10:00",
    }
    mall.store.add_raw(bad)
    seed_store(mall.store, 3, CATALOG, seed=3)
    stats = _sync(database, mall, context)
    assert stats.quarantined == 1 and stats.new == 6
    with database.unit_of_work(read_only=True) as session:
        entry = session.scalars(select(QuarantinedOrder)).one()
    assert entry.fo_id == "FO-BROKEN-W1" and "placed_at" in render_all(entry.reason, "en")
    assert "10:00" not in entry.raw and "10:00" in open_raw(entry, context.cipher)


def test_an_older_version_arriving_late_is_ignored(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    (fo_id,) = seed_store(mall.store, 1, {("17", "华为官方旗舰店"): ["HW-P20-GOLD-64"]}, seed=4)
    line = mall.store.order(fo_id)["lines"][0]
    mall.store.change_lines(fo_id, [{**line, "qty": 5}])
    _sync(database, mall, context)
    stale = mall.store.older_version(fo_id)
    assert stale is not None
    mall.store.add_raw(stale)  # the feed repeats version 1 after version 2
    stats = _sync(database, mall, context)
    assert stats.ignored == 1
    with database.unit_of_work(read_only=True) as session:
        order = session.scalars(select(Order).where(Order.fo_id == fo_id)).one()
        assert order.version == 2 and order.lines[0].qty == 5


def test_a_cancel_before_picking_cancels_and_answers_accept(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    ids = seed_store(mall.store, 30, CATALOG, seed=6)
    _sync(database, mall, context)
    released = [fo for fo, o in _orders(database).items() if o.state == RELEASED]
    target = released[0]
    mall.store.push(
        target,
        "accept",
        "acc-test-1",
        {"event_id": "acc-test-1", "occurred_at": "2024-06-11T10:00:00+08:00"},
    )
    mall.store.request_cancel(target)
    unaccepted = next(fo for fo in ids if fo not in released)
    mall.store.request_cancel(unaccepted)
    stats = _sync(database, mall, context)
    assert stats.cancelled == 2
    orders = _orders(database)
    assert orders[target].state == CANCELLED and orders[unaccepted].state == CANCELLED
    with database.unit_of_work(read_only=True) as session:
        answers = session.scalars(
            select(OutboxEvent).where(OutboxEvent.kind == "cancellation")
        ).all()
    assert [(a.fo_id, a.payload["decision"]) for a in answers] == [(target, "ACCEPT")]


def test_an_unpaid_order_is_held_then_released_when_the_mall_says_it_is_paid(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    ids = seed_store(mall.store, 200, CATALOG, seed=8)
    unpaid = next(
        fo
        for fo in ids
        if mall.store.order(fo)["payment"]["method"] == "online"
        and not mall.store.order(fo)["payment"]["paid"]
    )
    _sync(database, mall, context)
    assert _orders(database)[unpaid].state == HELD
    mall.store.mark_paid(unpaid)
    _sync(database, mall, context)
    order = _orders(database)[unpaid]
    assert order.state == RELEASED or "mobile" in order.hold_reason or "地址" in order.hold_reason


def test_an_order_for_another_warehouse_is_set_aside_not_worked(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    (fo_id,) = seed_store(mall.store, 1, CATALOG, seed=12)
    mall.store.add_raw(mall.store.order(fo_id) | {"fo_id": "FO-1-W9", "warehouse_code": "W9"})
    stats = _sync(database, mall, context)
    assert stats.new == 1 and stats.quarantined == 1
    with database.unit_of_work(read_only=True) as session:
        reason = session.scalars(select(QuarantinedOrder.reason)).one()
    assert "is for warehouse W9, not this one (W1)" in render_all(reason, "en")


def test_an_order_for_a_sku_we_do_not_stock_is_held_and_not_accepted(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    (fo_id,) = seed_store(mall.store, 1, {("17", "华为官方旗舰店"): ["HW-NOT-HERE"]}, seed=13)
    mall.store.mark_paid(fo_id)
    _sync(database, mall, context)
    order = _orders(database)[fo_id]
    assert order.state == HELD and "HW-NOT-HERE" in order.hold_reason
    with database.unit_of_work(read_only=True) as session:
        assert session.scalars(select(OutboxEvent).where(OutboxEvent.fo_id == fo_id)).all() == []


def test_two_sync_workers_at_once_store_every_order_once(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    ids = seed_store(mall.store, 400, CATALOG, seed=14)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        own = IntakeContext(settings=context.settings, cipher=context.cipher)
        try:
            with MallClient(mall.base_url, mall.token) as client:
                results.append(sync_orders(database, client, own, limit=25).new)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and len(results) == 2
    assert sum(results) == 400 and len(_orders(database)) == len(ids)
    with database.unit_of_work(read_only=True) as session:
        accepts = session.scalars(
            select(OutboxEvent.fo_id).where(OutboxEvent.kind == "accept")
        ).all()
    assert len(accepts) == len(set(accepts))
