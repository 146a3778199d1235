"""Supervisor: the per-merchant statement for billing, for a day or a week; CSV and PDF."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.reports.statement import MerchantStatement
from warehouse.words import Words
from warehouse_tui.i18n import tr
from warehouse_tui.screens.figures_jobs import Period, export_statements, load_statements
from warehouse_tui.screens.period import LAST_KEYS, PERIOD_KEYS, PeriodScreen
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import wms_app

COLUMNS = ("merchant", "orders", "lines", "units", "parcels", "boxes", "returns", "location_days")


def statement_table(statements: list[MerchantStatement], language: str) -> Table:
    table = Table(expand=False)
    for column in COLUMNS:
        justify = "left" if column in ("merchant", "boxes") else "right"
        table.add_column(tr(f"statement.col.{column}", language), justify=justify)  # type: ignore[arg-type]
    for s in statements:
        boxes = " ".join(f"{box}×{n}" for box, n in s.parcels_by_box.items()) or "-"
        table.add_row(
            Text(f"{s.mall_id} {s.name}"),
            str(s.orders),
            str(s.lines),
            str(s.units_picked),
            str(s.parcels),
            Text(boxes),
            str(s.returns_units),
            str(s.location_days),
        )
    return table


class StatementScreen(PeriodScreen[list[MerchantStatement]]):
    NAME = "statement"
    DEFAULT_CSS = """
    #statement-scroll { height: 1fr; }
    """
    GUIDE = Words(
        en="What each merchant is billed for in the period shown (site time): orders, lines and units "
        "picked, parcels by box size, returns received and storage in location-days. [ and ] "
        "move a day, W switches one day / seven, E writes CSV, P writes PDF, Esc goes back.",
        zh="所示期间（仓库时区）各商家的计费项目：拣货订单、订单行与件数，按箱型的包裹，退货入库及库位·天。"
        "[ 和 ] 前后移动一天，W 在一天和七天之间切换，E 导出 CSV，P 导出 PDF，Esc 返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *PERIOD_KEYS,
        Binding("e", "export('csv')", "CSV", id="figures_export"),
        Binding("p", "export('pdf')", "PDF", id="statement_pdf"),
        *LAST_KEYS,
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="statement-title", classes="title", markup=False)
        with VerticalScroll(id="statement-scroll"):
            yield Static(id="statement-table", markup=False)
        yield Static(id="statement-message", classes="message", markup=False)
        yield KeyBar()

    def load(self, database: Database, actor: Actor, period: Period) -> list[MerchantStatement]:
        return load_statements(database, actor, period)

    def action_export(self, kind: str) -> None:
        self.export(
            lambda db, settings, actor, period: export_statements(db, settings, actor, period, kind)
        )

    def show(self, statements: list[MerchantStatement]) -> None:
        language = wms_app(self).language
        self.query_one("#statement-table", Static).update(statement_table(statements, language))
