"""Migration 0009_stocklevels: single-SKU ``stock_level`` messages still pending when the
batches arrive are dropped, and every SKU is marked dirty so that its figure goes again in a
``stock_levels`` batch; nothing the mall should hear is lost. Both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from sync.stock_sync import flush_stock
from tests.conftest import PostgresServer
from warehouse.db import Database
from warehouse.migrate import upgrade
from warehouse.models import Merchant, Sku
from warehouse.outbox import enqueue


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    if request.param == "sqlite":
        return Database.from_url(f"sqlite:///{tmp_path / 'old.db'}")
    server: PostgresServer = request.getfixturevalue("pg_server")
    return Database.from_url(server.create_database("wms_mig"))


def test_pending_single_sku_figures_are_sent_again_in_batches(fresh: Database) -> None:
    upgrade(fresh, "0002_handover")
    with fresh.unit_of_work() as session:  # 0009 changes no table: the models fit already
        shop = Merchant(mall_id="17", name="店铺")
        session.add(shop)
        session.flush()
        session.add_all([Sku(merchant_id=shop.id, code=c, name_zh="商品") for c in ("TEA", "CUP")])
        for n, state in enumerate(("pending", "sent")):
            event = enqueue(session, "stock:17:TEA", "stock_levels", {"sku_code": "TEA"})
            event.kind, event.event_id, event.state = "stock_level", f"old-{n}-0000", state
    upgrade(fresh)
    with fresh.engine.connect() as db:
        states = dict(db.execute(text("SELECT event_id, state FROM outbox_event")).all())
    assert states == {"old-0-0000": "dropped", "old-1-0000": "sent"}
    assert flush_stock(fresh) == 2
    with fresh.engine.connect() as db:
        kinds = (
            db.execute(text("SELECT kind FROM outbox_event WHERE state = 'pending'"))
            .scalars()
            .all()
        )
    assert kinds == ["stock_levels"]
    fresh.dispose()
