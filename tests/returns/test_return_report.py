"""Return analytics on a real return: rates, grades, days and the SKUs to pack better; CSV."""

from __future__ import annotations

from pathlib import Path

from returns.report import report, to_csv
from tests.returns.site import ReturnSite, shipped_order
from tests.returns.test_return_flows import _grade, _open, _request


def test_the_report_names_a_sku_whose_returns_come_back_damaged(
    site: ReturnSite, tmp_path: Path
) -> None:
    fo_id = shipped_order(site, "FO-1010-W1", [(site.tea, 4)], "SF1010")
    rma = _request(
        site, fo_id, "SF-RET-1010", lines=[{"line_id": "L1", "sku_code": site.tea, "qty": 2}]
    )
    _open(site, rma)
    _grade(site, rma, site.tea_ean, "A")
    _grade(site, rma, site.tea_ean, "C", reason="crushed", note="corner")
    with site.db.unit_of_work(read_only=True) as session:
        rows = report(session, site.context.settings.returns)
    (tea,) = [r for r in rows if r.section == "sku" and r.name == f"31/{site.tea}"]
    assert (tea.shipped, tea.returned, tea.grades["C"]) == (4, 2, 1)
    assert tea.rate == 0.5 and tea.better_packing
    assert (
        tea.mean_days is not None and 1 <= tea.mean_days <= 2
    )  # delivered 2 days before the mall asked
    (carrier,) = [r for r in rows if r.section == "carrier" and r.name == "SF"]
    assert carrier.grades["C"] == 1
    text = to_csv(rows)
    assert text.splitlines()[0].startswith("section,name,shipped,returned")
    assert f"sku,31/{site.tea},4,2,0.500" in text


def test_wms_returns_report_writes_a_csv(tmp_path: Path, sqlite_database: object) -> None:
    from warehouse_tui.cli import main

    out = tmp_path / "returns.csv"
    config = tmp_path / "config.toml"
    url = sqlite_database.url  # type: ignore[attr-defined]
    config.write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
    assert main(["--config", str(config), "returns", "report", "--csv", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("section,name,shipped")
