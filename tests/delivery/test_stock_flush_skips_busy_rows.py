"""The stock-level flush never waits for a transaction that is touching a SKU (an allocation
set holds its rows until it commits): it skips that row, which stays dirty for the next flush
with the change in it. Found by ``bench/floor_load.py``: the flush waited over a second."""

from __future__ import annotations

import threading

from sqlalchemy import select

from sync.stock_sync import flush_stock
from tests import builders as b
from warehouse.db import Database
from warehouse.models import StockLevelDirty
from warehouse.stock_levels import touch_skus


def test_flush_skips_a_row_being_touched_and_takes_it_next_time(pg_database: Database) -> None:
    with pg_database.unit_of_work() as session:
        shop = b.merchant(session)
        busy, idle = b.sku(session, shop, "BUSY"), b.sku(session, shop, "IDLE")
        touch_skus(session, [busy.id, idle.id])
        busy_id = busy.id
    holding, release = threading.Event(), threading.Event()

    def toucher() -> None:  # another transaction touches BUSY and stays open
        with pg_database.unit_of_work() as session:
            touch_skus(session, [busy_id])
            session.flush()
            holding.set()
            release.wait(30)

    thread = threading.Thread(target=toucher)
    thread.start()
    try:
        assert holding.wait(10)
        done = threading.Event()
        queued: list[int] = []
        flusher = threading.Thread(
            target=lambda: (queued.append(flush_stock(pg_database)), done.set())
        )
        flusher.start()
        assert done.wait(5), "the flush waited for the toucher"
        assert queued == [1]  # IDLE only
    finally:
        release.set()
        thread.join()
    with pg_database.unit_of_work(read_only=True) as session:
        assert list(session.scalars(select(StockLevelDirty.sku_id))) == [busy_id]
    assert flush_stock(pg_database) == 1
    with pg_database.unit_of_work(read_only=True) as session:
        assert list(session.scalars(select(StockLevelDirty.sku_id))) == []
