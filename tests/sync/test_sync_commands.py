"""The `wms mall-sim` and `wms sync` commands, run as an operator would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sync_helpers import CATALOG, add_catalog

from warehouse.db import Database
from warehouse.models import Order
from warehouse_tui.cli import main


def test_wms_sync_once_pulls_from_wms_mall_sim_and_prints_the_summary(
    sqlite_database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_catalog(sqlite_database, CATALOG)
    monkeypatch.setenv("WMS_DATABASE_URL", sqlite_database.url)
    monkeypatch.setenv("WMS_MALL_TOKEN", "cli-token")
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    mall = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "warehouse_tui.cli",
            "--config",
            str(config),
            "mall-sim",
            "--port",
            "0",
            "--orders",
            "150",
            "--seed",
            "4",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert mall.stdout is not None
        first = mall.stdout.readline()
        assert "with 150 orders of the warehouse's SKUs" in first, first
        base_url = first.split(" at ", 1)[1].split(" with ", 1)[0]
        code = main(["--config", str(config), "sync", "--once", "--mall", base_url])
    finally:
        mall.terminate()
        mall.wait(timeout=60)
    out = capsys.readouterr().out
    assert code == 0
    assert "fetched 150, new 150, updated 0, held " in out and "failed 0" in out
    with sqlite_database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(func.count()).select_from(Order)) == 150


def test_wms_sync_without_a_token_says_what_to_set(
    sqlite_database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("WMS_DATABASE_URL", sqlite_database.url)
    monkeypatch.delenv("WMS_MALL_TOKEN", raising=False)
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    code = main(
        ["--config", str(config), "sync", "--once", "--mall", "http://127.0.0.1:9/api/wms/v1"]
    )
    assert code == 2
    assert "The mall token is missing: set WMS_MALL_TOKEN" in capsys.readouterr().err


def test_wms_mall_sim_keeps_its_orders_across_a_restart_with_a_state_file(tmp_path: Path) -> None:
    state = tmp_path / "mall.json"

    def start(orders: int) -> tuple[subprocess.Popen[str], str]:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "warehouse_tui.cli",
                "mall-sim",
                "--port",
                "0",
                "--orders",
                str(orders),
                "--demo-skus",
                "--state",
                str(state),
                "--token",
                "state-token",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        line = process.stdout.readline()
        return process, line.split(" at ", 1)[1].split("/api/", 1)[0]

    first, root = start(25)
    first.terminate()  # SIGTERM: stop serving and save
    assert first.wait(timeout=60) == 0 and state.exists()
    second, root = start(0)
    try:
        counters = httpx.get(
            f"{root}/_sim/counters", headers={"Authorization": "Bearer state-token"}
        ).json()
    finally:
        second.terminate()
        second.wait(timeout=60)
    assert counters["orders"] == 25
