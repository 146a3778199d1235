"""``wms stock show`` and ``wms allocate`` from a shell."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests import builders as f
from warehouse.db import Database
from warehouse.models import Order
from warehouse_tui.cli import main


@pytest.fixture
def site(sqlite_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{sqlite_database.url}"\n', encoding="utf-8")
    monkeypatch.setenv("WMS_CONFIG", str(config))
    monkeypatch.delenv("WMS_DATABASE_URL", raising=False)
    with sqlite_database.unit_of_work() as s:
        m = f.merchant(s, "M1")
        cup = f.sku(s, m, "CUP")
        f.stock(s, cup, f.location(s, "A-01-01-1-A"), 3)
        f.order(s, m, [(cup, 2)], fo_id="FO-2")
        f.order(s, m, [(cup, 2)], fo_id="FO-1").expedited = True  # later, but express
    return sqlite_database


def test_a_supervisor_sees_a_skus_stock_per_shelf(
    site: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stock", "show", "CUP"]) == 0
    out = capsys.readouterr().out
    assert "A-01-01-1-A" in out and "M1" in out and "available" in out


def test_a_location_shows_what_lies_there(
    site: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stock", "show", "a-01-01-1-a"]) == 0
    assert "CUP" in capsys.readouterr().out


def test_an_unknown_name_is_one_sentence(
    site: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stock", "show", "NOPE"]) == 2
    assert capsys.readouterr().err.strip() == "wms: No location or SKU NOPE is known."


def test_a_dry_run_reports_and_keeps_nothing(
    site: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["allocate", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run" in out and "allocated in full" in out
    with site.unit_of_work(read_only=True) as s:
        assert set(s.scalars(select(Order.state))) == {"released"}


def test_allocate_with_a_limit_takes_the_most_urgent_order(
    site: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["allocate", "--limit", "1"]) == 0
    with site.unit_of_work(read_only=True) as s:
        states = dict(s.execute(select(Order.fo_id, Order.state)).all())
    assert states == {"FO-1": "allocated", "FO-2": "released"}
    assert main(["allocate"]) == 0
    assert "partially allocated" in capsys.readouterr().out
