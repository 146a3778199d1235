"""Through the reference mall over real HTTP: hostile orders between good ones, a failing pull
that does not hold back the outbox, JSON nested too deeply to decode."""

from __future__ import annotations

import time

import httpx
import pytest
from sqlalchemy import select
from sync_helpers import CATALOG, add_catalog

from sync.client import MallClient
from sync.errors import MallProtocolError, MallUnavailable
from sync.ingest import read_cursor, sync_orders
from sync.intake import IntakeContext
from sync.mall_sim import RunningMall, seed_store
from sync.service import run_once
from warehouse.db import Database
from warehouse.models import Order, OutboxEvent, QuarantinedOrder
from warehouse.orders import HELD
from warehouse.outbox import enqueue
from warehouse.words import decode, render_all


def test_hostile_orders_between_good_ones_over_http(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    good = seed_store(mall.store, 3, CATALOG, seed=21)
    template = mall.store.order(good[0])
    nul = {**template, "fo_id": "FO-NUL-W1", "buyer_note": "call me\x00"}
    mall.store.add_raw(nul)
    good += seed_store(mall.store, 3, CATALOG, seed=22)
    paid = {**template["payment"], "method": "online", "paid": True, "amount_paid": "1.00"}
    paid.pop("cod_amount", None)
    mismatch = {**template, "fo_id": "FO-AMOUNTS-W1", "payment": paid, "priority": "rush"}
    mall.store.add_raw(mismatch)
    mall.store.add_raw({**template, "fo_id": "FO-EXPEDITED-W1", "priority": "expedited"})
    good += seed_store(mall.store, 2, CATALOG, seed=23)
    with MallClient(mall.base_url, mall.token) as client:
        stats = sync_orders(database, client, context, limit=4)
    assert stats.quarantined == 1
    assert read_cursor(database, "mall:W1") == str(mall.store.counters()["change_seq"])
    with database.unit_of_work(read_only=True) as session:
        orders = {o.fo_id: o for o in session.scalars(select(Order))}
        entry = session.scalars(select(QuarantinedOrder)).one()
        assert set(orders) == {*good, "FO-AMOUNTS-W1", "FO-EXPEDITED-W1"}
        assert entry.fo_id == "FO-NUL-W1"
        assert "buyer_note" in render_all(entry.reason, "en")
        held = orders["FO-AMOUNTS-W1"]
        assert held.state == HELD and held.expedited  # "rush" means urgent
        reason = render_all(held.hold_reason, "en")
        assert "the mall says the buyer paid 1.00" in reason
        assert "实付金额为 1.00" in render_all(held.hold_reason, "zh_CN")
        expedited = orders["FO-EXPEDITED-W1"]
        assert expedited.expedited and not decode(expedited.warnings)


class _FeedDown(MallClient):
    def changes(self, cursor: str, limit: int = 100):  # type: ignore[no-untyped-def]
        raise MallUnavailable("Could not read the order feed: the mall had an error (HTTP 500).")


def test_a_failing_pull_does_not_hold_back_the_outbox(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    (fo_id,) = seed_store(mall.store, 1, CATALOG, seed=24)
    with MallClient(mall.base_url, mall.token) as client:
        sync_orders(database, client, context)
    with database.unit_of_work() as session:
        session.query(OutboxEvent).delete()  # start from a quiet outbox
        enqueue(session, fo_id, "accept", {})
    with _FeedDown(mall.base_url, mall.token) as client:
        summary = run_once(database, client, context)
    assert summary.push.pushed == 1 and len(summary.errors) == 1
    assert "order feed" in summary.line()
    assert mall.store.order(fo_id)["state"] == "accepted"


class _SlowFeed(MallClient):
    """A feed that answers only once the mall has seen the accept: a push that waited for
    the pull would never let it answer."""

    mall: RunningMall
    fo_id: str

    def changes(self, cursor: str, limit: int = 100):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 10
        while self.mall.store.order(self.fo_id)["state"] != "accepted":
            assert time.monotonic() < deadline, "the push waited for the pull"
            time.sleep(0.05)
        return super().changes(cursor, limit)


def test_pushing_does_not_wait_for_a_long_pull(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database)
    (fo_id,) = seed_store(mall.store, 1, CATALOG, seed=25)
    with database.unit_of_work() as session:
        enqueue(session, fo_id, "accept", {})
    client = _SlowFeed(mall.base_url, mall.token)
    client.mall, client.fo_id = mall, fo_id
    with client:
        summary = run_once(database, client, context)
    assert summary.push.pushed >= 1 and summary.ingest.fetched == 1 and not summary.errors


def test_json_too_deep_to_decode_is_a_protocol_error_with_a_sentence() -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    client = MallClient("http://mall.test/api/wms/v1", "t", transport=transport)
    with client, pytest.raises(MallProtocolError) as caught:
        client.changes("0")
    assert "nested too deeply" in str(caught.value)
