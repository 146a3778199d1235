"""Billing a merchant: the statement for a period (on SQLite and PostgreSQL), as CSV and as a
PDF whose Chinese text is real text in an embedded font."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from labels.statement_pdf import statement_pdf_for
from tests.labels.conftest import fonts, pdf_tool
from tests.reports.shift import record_shift
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.reports.statement import merchant_statements
from warehouse.reports.statement_csv import statement_csv
from warehouse.reports.window import Window
from warehouse_tui.cli import main

DAY = Window.days(date(2026, 11, 24), date(2026, 11, 24))
TWO_DAYS = Window.days(date(2026, 11, 23), date(2026, 11, 24))


def test_a_merchants_statement_for_a_day(database: Database) -> None:
    shift = record_shift(database)
    with database.unit_of_work(read_only=True) as session:
        (statement,) = merchant_statements(session, shift.supervisor, DAY, shift.merchant)
        (earlier,) = merchant_statements(session, shift.supervisor, TWO_DAYS, shift.merchant)
    assert (statement.orders, statement.lines, statement.units_picked) == (2, 3, 4)
    assert statement.parcels_by_box == {"M": 1, "S": 1} and statement.parcels == 2
    assert statement.materials == {"bubble": 4}
    assert statement.returns_units == 1
    # Tea, cup and the shelf received on the 24th: 3 locations at the end of the 24th; on the
    # 23rd (before the receipt) only tea and cup held stock.
    assert statement.location_days == 3
    assert earlier.location_days == 5
    assert earlier.orders == 2


def test_statement_csv_one_row_per_merchant(database: Database) -> None:
    shift = record_shift(database)
    with database.unit_of_work(read_only=True) as session:
        statements = merchant_statements(session, shift.supervisor, DAY)
    rows = list(csv.DictReader(io.StringIO(statement_csv(DAY, statements))))
    row = next(r for r in rows if r["merchant"] == shift.merchant)
    assert (row["from"], row["to"]) == ("2026-11-24", "2026-11-24")
    assert (row["orders"], row["units_picked"], row["box:S"], row["box:M"]) == ("2", "4", "1", "1")
    assert (row["material:bubble"], row["returns_units"], row["location_days"]) == ("4", "1", "3")


def test_statement_pdf_has_chinese_text_in_an_embedded_font(sqlite_database: Database) -> None:
    shift = record_shift(sqlite_database)
    with sqlite_database.unit_of_work(read_only=True) as session:
        statements = merchant_statements(session, shift.supervisor, DAY, shift.merchant)
    pdf = statement_pdf_for(Settings(), DAY, statements)
    text = pdf_tool("pdftotext", pdf)
    assert "商家结算单" in text and f"({shift.merchant})" in text and "店铺" in text
    assert "2026-11-24" in text and "库位·天" in text
    assert fonts(pdf) and all(embedded == "yes" for _, embedded in fonts(pdf))


def test_wms_statement_writes_csv_and_pdf(
    sqlite_database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shift = record_shift(sqlite_database)
    monkeypatch.setenv("WMS_DATABASE_URL", sqlite_database.url)
    monkeypatch.chdir(tmp_path)
    out_csv, out_pdf = tmp_path / "s.csv", tmp_path / "s.pdf"
    argv = ["statement", "--merchant", shift.merchant, "--from", "2026-11-24", "--to", "2026-11-24"]
    assert main([*argv, "--csv", str(out_csv), "--pdf", str(out_pdf)]) == 0
    assert shift.merchant in out_csv.read_text(encoding="utf-8")
    assert out_pdf.read_bytes().startswith(b"%PDF")
    assert main(["statement", "--merchant", "NOBODY", "--from", "2026-11-24"]) == 2
    assert "NOBODY" in capsys.readouterr().err
    figures_csv = tmp_path / "f.csv"
    assert main(["figures", "--from", "2026-11-24", "--csv", str(figures_csv)]) == 0
    assert "lines_picked,3" in figures_csv.read_text(encoding="utf-8")
