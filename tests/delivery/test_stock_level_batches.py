"""Stock levels go to the mall in batches: one message per merchant and flush, at most
``batch_items`` figures each, every figure with its own sequence number. One bad figure does
not lose the others, and an older batch arriving after a newer one changes nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import select

from sync.client import MallClient
from sync.contract_delivery import StockLevelItem, StockLevelsBody
from sync.delivery_push import send_stock_levels
from sync.mall_sim import MallStore, start_mall_sim
from sync.stock_sync import flush_stock, resend_all
from tests import builders as b
from tests.delivery.helpers import push_until_done
from warehouse.db import Database
from warehouse.models import OutboxEvent, Sku
from warehouse.outbox import enqueue
from warehouse.stock_levels import KIND, stock_key

TOKEN = "t"


def _stocked(database: Database, per_merchant: dict[str, int]) -> dict[tuple[str, str], int]:
    """SKUs with stock for each merchant; (merchant, sku) → the quantity on the shelf."""
    truth: dict[tuple[str, str], int] = {}
    with database.unit_of_work() as session:
        for mall_id, count in per_merchant.items():
            shop = b.merchant(session, mall_id)
            for n in range(count):
                item = b.sku(session, shop, f"{mall_id}-SKU-{n}")
                b.stock(session, item, b.location(session), n + 1)
                truth[(mall_id, item.code)] = n + 1
    return truth


@dataclass(frozen=True)
class Batch:
    event_id: str
    fo_id: str
    state: str
    last_error: str
    payload: dict[str, Any]


def _batches(database: Database) -> list[Batch]:
    with database.unit_of_work(read_only=True) as session:
        rows = session.scalars(
            select(OutboxEvent).where(OutboxEvent.kind == KIND).order_by(OutboxEvent.id)
        )
        return [Batch(r.event_id, r.fo_id, r.state, r.last_error, dict(r.payload)) for r in rows]


def _post(base_url: str, merchant_id: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(
        f"{base_url}/merchants/{merchant_id}/stock-levels",
        json=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Idempotency-Key": body["event_id"]},
    )


def _body(*items: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "occurred_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "items": list(items),
    }


def test_one_message_per_merchant_and_cap(database: Database) -> None:
    truth = _stocked(database, {"17": 7, "18": 2})
    resend_all(database)
    assert flush_stock(database, batch_items=3) == 9
    batches = _batches(database)
    by_merchant: dict[str, list[list[dict[str, Any]]]] = {}
    for event in batches:
        assert event.fo_id == stock_key(event.payload["merchant_id"])
        by_merchant.setdefault(event.payload["merchant_id"], []).append(event.payload["items"])
    assert {m: [len(i) for i in items] for m, items in by_merchant.items()} == {
        "17": [3, 3, 1],
        "18": [2],
    }
    seqs = [item["seq"] for e in batches for item in e.payload["items"]]
    assert len(set(seqs)) == len(seqs) == 9
    mall = start_mall_sim(MallStore("W1"), token=TOKEN)
    try:
        with MallClient(mall.base_url, TOKEN) as client:
            push_until_done(database, client)
        book = mall.store.stock
        assert {k: q for k, (_, q) in book.levels.items()} == truth
        assert book.messages == 4 and book.stale == 0 and book.refused == 0
        # Nothing changed since: the next flush sends nothing at all.
        assert flush_stock(database, batch_items=3) == 0
        assert len(_batches(database)) == 4
    finally:
        mall.stop()


def test_a_bad_figure_does_not_lose_the_others(database: Database) -> None:
    """The warehouse leaves out a figure the contract refuses and sends the rest; the mall,
    sent one bad item, refuses it alone and applies the others."""
    with database.unit_of_work() as session:
        enqueue(
            session,
            stock_key("17"),
            KIND,
            {
                "merchant_id": "17",
                "items": [
                    {"sku_code": "GOOD-1", "sellable_qty": 4, "seq": 1},
                    {"sku_code": "BROKEN", "sellable_qty": -3, "seq": 2},
                    {"sku_code": "GOOD-2", "sellable_qty": 0, "seq": 3},
                ],
            },
        )
    mall = start_mall_sim(MallStore("W1"), token=TOKEN)
    try:
        with MallClient(mall.base_url, TOKEN) as client:
            push_until_done(database, client)
        book = mall.store.stock
        assert book.levels == {("17", "GOOD-1"): (1, 4), ("17", "GOOD-2"): (3, 0)}
        (event,) = _batches(database)
        assert event.state == "sent"
        assert "1 of 3 stock figures" in event.last_error and "BROKEN" in event.last_error

        answer = _post(
            mall.base_url,
            "17",
            _body(
                {"sku_code": "GOOD-1", "sellable_qty": 9, "seq": 10},
                {"sku_code": "GOOD-2", "sellable_qty": "lots", "seq": 11},
                {"sku_code": "GOOD-3", "seq": 12},
                {"sku_code": "GOOD-4", "sellable_qty": 2, "seq": 13},
            ),
        )
        assert answer.status_code == 200, answer.text
        result = answer.json()
        assert result["applied"] == 2 and result["stale"] == 0
        assert [(r["index"], r["sku_code"]) for r in result["refused"]] == [
            (1, "GOOD-2"),
            (2, "GOOD-3"),
        ]
        assert book.levels == {
            ("17", "GOOD-1"): (10, 9),
            ("17", "GOOD-2"): (3, 0),
            ("17", "GOOD-4"): (13, 2),
        }
        # A wrong envelope is refused whole, and changes nothing.
        bad = _body({"sku_code": "GOOD-4", "sellable_qty": 1, "seq": 20})
        bad["items"] = "GOOD-4=1"
        assert _post(mall.base_url, "17", bad).status_code == 422
        assert book.levels[("17", "GOOD-4")] == (13, 2)
    finally:
        mall.stop()


def test_an_older_batch_after_a_newer_one_changes_nothing(database: Database) -> None:
    truth = _stocked(database, {"17": 3})
    resend_all(database)
    flush_stock(database)
    with database.unit_of_work() as session:
        for (_, code), qty in truth.items():
            if code.endswith("-0"):
                continue
            item = session.scalars(select(Sku).where(Sku.code == code)).one()
            b.stock(session, item, b.location(session), 5)
            truth[("17", code)] = qty + 5
    resend_all(database)  # a second flush: newer figures of every SKU
    flush_stock(database)
    older, newer = _batches(database)
    mall = start_mall_sim(MallStore("W1"), token=TOKEN)
    try:
        with MallClient(mall.base_url, TOKEN) as client:
            # The newer batch gets there first (say, a second worker), then the pusher sends
            # both in order: the older is stale for every SKU, the newer a duplicate.
            body = StockLevelsBody(
                event_id=newer.event_id,
                occurred_at=newer.payload["occurred_at"],
                items=[StockLevelItem.model_validate(i) for i in newer.payload["items"]],
            )
            assert send_stock_levels(client, "17", body) == (False, [])
            after_newer = dict(mall.store.stock.levels)
            push_until_done(database, client)
        book = mall.store.stock
        assert book.levels == after_newer
        assert {k: q for k, (_, q) in book.levels.items()} == truth
        assert book.stale == 3
        assert all(len(seqs) == 1 for seqs in book.arrivals.values())
        assert {e.state for e in _batches(database)} == {"sent"}
        assert book.deliveries[newer.event_id] == 2  # the repeat was answered as a duplicate
        assert older.payload["items"][0]["seq"] < newer.payload["items"][0]["seq"]
    finally:
        mall.stop()
