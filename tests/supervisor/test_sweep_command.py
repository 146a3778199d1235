"""``wms sweep`` from the shell gives back an abandoned cart and raises a low-stock count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from picking import floor as pick
from tests import builders as f
from tests.builders import FLOOR
from warehouse.db import Database
from warehouse.models import PickBatch, StockTask
from warehouse_tui.cli import main


def test_wms_sweep_gives_back_an_abandoned_cart_and_raises_a_low_stock_count(
    sqlite_database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    long_ago = datetime.now(UTC) - timedelta(hours=3)
    with sqlite_database.unit_of_work() as session:
        shop = f.merchant(session)
        quant = f.stock(
            session, f.sku(session, shop, "TEA", pick_face_min=5), f.location(session), 6
        )
        code = f.batch(session, [f.allocated_order(session, shop, [(quant, 2)])]).code
        who = f.picker(session)
    with sqlite_database.unit_of_work() as session:
        pick.claim_next_batch(session, who, long_ago, floor=FLOOR)
    with sqlite_database.unit_of_work() as session:  # claims stamp the database's time
        session.execute(update(PickBatch).values(last_activity_at=long_ago, claimed_at=long_ago))
    monkeypatch.setenv("WMS_DATABASE_URL", sqlite_database.url)
    monkeypatch.chdir(tmp_path)
    assert main(["sweep"]) == 0
    out = capsys.readouterr().out
    assert f"given back: {code}" in out and "count tasks raised for low stock: 1" in out
    with sqlite_database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(PickBatch.state).where(PickBatch.code == code)) == "open"
        assert session.scalar(select(StockTask.reference).where(StockTask.kind == "count")) == (
            "low_stock"
        )
