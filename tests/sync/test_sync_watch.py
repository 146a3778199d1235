"""``wms sync --watch`` never exits on a bad order or a failed round."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sync_helpers import CATALOG, add_catalog

import warehouse_tui.commands.sync as command
from sync.mall_sim import RunningMall, seed_store
from warehouse.db import Database
from warehouse_tui.cli import main


def test_watch_goes_on_after_a_hostile_order_and_an_unexpected_error(
    sqlite_database: Database,
    mall: RunningMall,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_catalog(sqlite_database)
    seed_store(mall.store, 2, CATALOG, seed=31)
    mall.store.add_raw({**mall.store.order(mall.store.fo_ids()[0]), "fo_id": "FO-X", "gift": "yes"})
    monkeypatch.setenv("WMS_DATABASE_URL", sqlite_database.url)
    monkeypatch.setenv("WMS_MALL_TOKEN", mall.token)
    monkeypatch.chdir(tmp_path)
    real_round = command._round
    rounds = [0]

    def flaky(*args: Any) -> Any:
        rounds[0] += 1
        if rounds[0] == 2:
            raise RuntimeError("a bug in one round")
        if rounds[0] == 4:
            raise KeyboardInterrupt  # the operator stops it
        return real_round(*args)

    monkeypatch.setattr(command, "_round", flaky)
    monkeypatch.setattr(command.time, "sleep", lambda s: None)
    assert main(["sync", "--watch", "--mall", mall.base_url]) == 130
    out = capsys.readouterr().out
    assert "quarantined 1" in out and "round failed (RuntimeError)" in out
    assert rounds[0] == 4
