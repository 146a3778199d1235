"""wms route: the benchmark interface prints the proven optimum; the map shows the walk."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from warehouse_tui.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "sprp-ss"


def optima() -> list[tuple[str, bool, float]]:
    with (DATA / "optima.csv").open(newline="") as handle:
        return [
            (r["file"], r["two_block"] == "1", float(r["optimum"])) for r in csv.DictReader(handle)
        ]


@pytest.mark.parametrize(("name", "two_block", "optimum"), optima()[:6])
def test_route_json_reports_the_proven_optimum(
    name: str, two_block: bool, optimum: float, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["route", "--sprp", str(DATA / "instances" / name), "--json"] + (
        ["--two-block"] if two_block else []
    )
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["length"] == optimum
    assert result["ms"] >= 0 and result["stops"]


def test_a_route_on_the_configured_layout_draws_a_map(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("LINES", "24")
    assert main(["route", "--locations", "A-03-12-2-B,B-07-01-1-A", "--map"]) == 0
    out = capsys.readouterr().out
    assert "1. " in out and "D" in out


def test_an_unknown_location_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["route", "--locations", "A-03-12-2-B,Z-01-01-1-A"]) == 2
    assert "Z-01-01-1-A" in capsys.readouterr().err
