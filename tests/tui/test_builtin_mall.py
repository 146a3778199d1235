"""The demo's built-in mall: orders arrive through the real intake, and a restart keeps the feed."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from warehouse.config import Settings
from warehouse.db import Database
from warehouse.demo import seed_demo
from warehouse.models import Order, OutboxEvent
from warehouse.pii import ReceiverCipher
from warehouse_tui.builtin_mall import BuiltinMall


def empty_site(database: Database, settings: Settings, cipher: ReceiverCipher) -> None:
    with database.unit_of_work() as session:
        seed_demo(session, settings, cipher, seed=7, orders=0, today=date(2026, 11, 24))


def order_count(database: Database) -> int:
    with database.unit_of_work(read_only=True) as session:
        return int(session.scalar(select(func.count()).select_from(Order)) or 0)


def test_orders_come_from_the_mall_and_every_answer_is_delivered(
    sqlite_database: Database, settings: Settings, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    empty_site(sqlite_database, settings, cipher)
    mall = BuiltinMall(settings, sqlite_database, state=tmp_path / "mall.json")
    mall.start(new_orders=25, background=False)
    try:
        summary = mall.sync_now()
    finally:
        mall.stop()
    assert summary.ingest.new == 25 and order_count(sqlite_database) == 25
    assert summary.push.failed == 0
    with sqlite_database.unit_of_work(read_only=True) as session:
        states = set(session.scalars(select(OutboxEvent.state)))
    assert states == {"sent"}

    again = BuiltinMall(settings, sqlite_database, state=tmp_path / "mall.json")
    again.start(background=False)  # the saved mall: no new orders, the cursor still fits
    try:
        assert again.sync_now().ingest.new == 0
    finally:
        again.stop()
    assert order_count(sqlite_database) == 25


def test_the_background_loop_brings_orders_while_the_app_runs(
    sqlite_database: Database, settings: Settings, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    empty_site(sqlite_database, settings, cipher)
    mall = BuiltinMall(settings, sqlite_database, state=tmp_path / "mall.json", interval_s=0.2)
    mall.start(new_orders=10)
    try:
        deadline = time.monotonic() + 30
        while order_count(sqlite_database) < 10 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        mall.stop()
    assert order_count(sqlite_database) == 10
    assert (tmp_path / "mall.json").is_file()
