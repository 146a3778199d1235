"""Messages to the mall: in order per order, once in effect, failures shown not looped."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select, update
from sync_helpers import CATALOG, add_catalog

from sync.client import MallClient, RetryPolicy
from sync.errors import MallAuthError
from sync.ingest import store_snapshot, sync_orders
from sync.intake import IntakeContext
from sync.mall_sim import FaultConfig, RunningMall, seed_store
from sync.pusher import body_for, push_pending
from tests import builders as f
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import Order, OutboxEvent
from warehouse.orders import ALLOCATED, PICKING, RELEASED, transition
from warehouse.outbox import enqueue
from warehouse.states import Role
from warehouse.supervision import holds

FAST = RetryPolicy(attempts=2, base_s=0.001, cap_s=0.01)


def _released_order(database: Database, mall: RunningMall, context: IntakeContext) -> str:
    add_catalog(database)
    seed_store(mall.store, 20, CATALOG, seed=1)
    with MallClient(mall.base_url, mall.token) as client:
        sync_orders(database, client, context)
    with database.unit_of_work(read_only=True) as session:
        return (
            session.scalars(
                select(Order.fo_id).where(Order.state == RELEASED).order_by(Order.id)
            ).first()
            or ""
        )


def _start_picking(database: Database, fo_id: str) -> None:
    with database.unit_of_work() as session:
        order = session.scalars(select(Order).where(Order.fo_id == fo_id)).one()
        transition(session, order, ALLOCATED, Actor.system("test"))
        transition(session, order, PICKING, Actor.system("test"))


def _events(database: Database, fo_id: str) -> list[OutboxEvent]:
    with database.unit_of_work(read_only=True) as session:
        return list(
            session.scalars(
                select(OutboxEvent).where(OutboxEvent.fo_id == fo_id).order_by(OutboxEvent.id)
            )
        )


def test_messages_for_one_order_reach_the_mall_in_the_order_they_were_written(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    fo_id = _released_order(database, mall, context)
    _start_picking(database, fo_id)
    with MallClient(mall.base_url, mall.token) as client:
        stats = push_pending(database, client)
    assert stats.failed == 0 and stats.pushed >= 2
    mine = [(e.action, e.body.get("type")) for e in mall.store.applied() if e.fo_id == fo_id]
    assert mine == [("accept", None), ("events", "PICKING_STARTED")]
    assert mall.store.order(fo_id)["state"] == "in_progress"
    assert all(e.state == "sent" and e.sent_at is not None for e in _events(database, fo_id))


def test_a_refusal_by_the_mall_is_shown_to_a_supervisor_and_not_retried(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    fo_id = _released_order(database, mall, context)
    with database.unit_of_work() as session:
        enqueue(
            session,
            fo_id,
            "shipment",
            {
                "final": True,
                "packages": [
                    {
                        "carrier_code": "DHL",
                        "tracking_no": "DHL0001",
                        "weight_kg": "1.000",
                        "lines": [{"line_id": "L1", "qty": 1}],
                    }
                ],
            },
        )
    with MallClient(mall.base_url, mall.token, policy=FAST) as client:
        first = push_pending(database, client)
        second = push_pending(database, client)
    assert first.failed == 1 and second.pushed + second.failed == 0
    shipment = next(e for e in _events(database, fo_id) if e.kind == "shipment")
    assert shipment.state == "failed" and shipment.attempts == 1
    assert "carrier 'DHL' is not known" in shipment.last_error
    assert mall.store.deliveries()[shipment.event_id] == 1


def test_while_the_mall_is_down_a_message_waits_and_the_next_one_of_its_order_waits_behind_it(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    fo_id = _released_order(database, mall, context)
    _start_picking(database, fo_id)
    mall.faults.set(FaultConfig(error_500=1.0))
    with MallClient(mall.base_url, mall.token, policy=FAST) as client:
        down = push_pending(database, client)
        accept, progress = _events(database, fo_id)[:2]
        assert (
            accept.state == "pending" and accept.attempts == 1 and "HTTP 500" in accept.last_error
        )
        assert accept.next_attempt_at > datetime.now(UTC)
        assert progress.attempts == 0 and progress.event_id not in mall.store.deliveries()
        mall.faults.set(FaultConfig())
        later = push_pending(database, client, now=lambda: datetime.now(UTC) + timedelta(hours=1))
    assert down.deferred >= 1 and later.failed == 0
    assert [e.state for e in _events(database, fo_id)] == ["sent", "sent"]


def test_a_worker_killed_after_the_mall_applied_a_message_sends_it_again_and_it_counts_once(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    fo_id = _released_order(database, mall, context)
    accept = _events(database, fo_id)[0]
    with MallClient(mall.base_url, mall.token) as client:
        client.push(fo_id, "accept", body_for(accept.kind, accept.payload))  # ...and then died
        stats = push_pending(database, client)
    assert stats.duplicates >= 1
    assert _events(database, fo_id)[0].state == "sent"
    assert mall.store.deliveries()[accept.event_id] == 2
    assert [e.key for e in mall.store.applied()].count(accept.event_id) == 1


def test_a_wrong_token_stops_the_pusher_with_an_alert(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    _released_order(database, mall, context)
    with MallClient(mall.base_url, "expired") as client, pytest.raises(MallAuthError):
        push_pending(database, client)


def test_after_a_conflict_the_warehouse_takes_the_malls_version_at_once(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    fo_id = _released_order(database, mall, context)
    mall.store.request_cancel(fo_id)  # the buyer cancels before our accept arrives
    with MallClient(mall.base_url, mall.token) as client:
        stats = push_pending(
            database, client, refresh=lambda snapshot: store_snapshot(database, snapshot, context)
        )
    assert stats.failed == 1
    accept = _events(database, fo_id)[0]
    assert accept.state == "failed" and "the order is cancelled there" in accept.last_error
    with database.unit_of_work(read_only=True) as session:
        order = session.scalars(select(Order).where(Order.fo_id == fo_id)).one()
        assert order.state == "cancelled" and order.version == mall.store.order(fo_id)["version"]


def test_a_supplier_request_for_low_stock_reaches_the_merchant_once(
    database: Database, mall: RunningMall
) -> None:
    from datetime import date

    from warehouse.models import Sku
    from warehouse.replenishment import review

    add_catalog(database)
    with database.unit_of_work() as session:
        sku = session.scalars(select(Sku).order_by(Sku.id)).first()
        assert sku is not None
        sku.reorder_point = 12  # nothing on the shelves: far below it
        review(session, Actor.system("test"), sku, sku.merchant_id, today=date(2026, 11, 24))
        review(session, Actor.system("test"), sku, sku.merchant_id, today=date(2026, 11, 24))
        code, merchant = sku.code, sku.merchant.mall_id
    with MallClient(mall.base_url, mall.token) as client:
        first = push_pending(database, client)
        again = push_pending(database, client)
    assert first.pushed == 1 and first.failed == 0 and again.pushed == 0
    asked = [e for e in mall.store.applied() if e.action == "stock-requests"]
    assert [(e.fo_id, e.body["sku_code"]) for e in asked] == [(merchant, code)]
    assert asked[0].body["requested_qty"] >= 1


def test_an_address_correction_is_queued_without_the_street_and_sent_with_it(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    fo_id = _released_order(database, mall, context)
    with database.unit_of_work() as session:
        order = session.scalars(select(Order).where(Order.fo_id == fo_id)).one()
        order.state = "held"  # the order as intake holds a bad address: not accepted yet
        session.execute(delete(OutboxEvent).where(OutboxEvent.fo_id == fo_id))
        supervisor = f.user(session, role=Role.SUPERVISOR)
    fixed = holds.Address("浙江省", "杭州市", "西湖区", "文三路 90 号", "310012")
    with database.unit_of_work() as session:
        holds.correct_address(session, supervisor, fo_id, fixed, context.cipher)
    (queued,) = [e for e in _events(database, fo_id) if e.kind == "address_correction"]
    assert "文三路" not in json.dumps(queued.payload, ensure_ascii=False)
    with MallClient(mall.base_url, mall.token) as client:
        without_key = push_pending(database, client)
        assert without_key.deferred == 1 and mall.store.order(fo_id)["receiver"]["city"] != "杭州市"
        waiting = [e for e in _events(database, fo_id) if e.kind == "address_correction"]
        assert waiting[0].state == "pending" and "receiver key" in waiting[0].last_error
        with database.unit_of_work() as session:
            session.execute(update(OutboxEvent).values(next_attempt_at=datetime.now(UTC)))
        stats = push_pending(database, client, cipher=context.cipher)
    assert stats.failed == 0 and stats.pushed == 2  # the correction, then the accept
    receiver = mall.store.order(fo_id)["receiver"]
    assert (receiver["city"], receiver["detail"]) == ("杭州市", "文三路 90 号")
