"""Supervisor: the per-merchant statement for billing, for a day or a week; CSV and PDF."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from warehouse.reports.statement import MerchantStatement
from warehouse.words import Words
from warehouse_tui.i18n import tr
from warehouse_tui.screens.figures_jobs import Period, export_statements, load_statements
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app

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


class StatementScreen(Screen[None]):
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
        Binding(
            "left_square_bracket", "shift(-1)", "-1 day", id="figures_earlier", key_display="["
        ),
        Binding("right_square_bracket", "shift(1)", "+1 day", id="figures_later", key_display="]"),
        Binding("w", "widen", "Day/week", id="figures_widen"),
        Binding("e", "export('csv')", "CSV", id="figures_export"),
        Binding("p", "export('pdf')", "PDF", id="statement_pdf"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, period: Period | None = None) -> None:
        super().__init__()
        self._period = period
        self._statements: list[MerchantStatement] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="statement-title", classes="title", markup=False)
        with VerticalScroll(id="statement-scroll"):
            yield Static(id="statement-table", markup=False)
        yield Static(id="statement-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.period = self._period or Period.today(wms_app(self).settings.site.timezone)
        self.refresh_language()

    def refresh_language(self) -> None:
        app = wms_app(self)
        self.query_one("#statement-title", Static).update(
            app.tr("statement.title", period=self.period.label())
        )
        if self._statements is not None:
            self._show(self._statements)
        self.action_refresh()

    def action_refresh(self) -> None:
        app = wms_app(self)
        operator, period = app.operator, self.period
        if operator is None:
            return

        def job() -> list[MerchantStatement]:
            return load_statements(app.database, operator.actor, period)

        run_in_background(self, job, self._show, self._failed, group="statement")

    def action_shift(self, days: int) -> None:
        self.period = self.period.shifted(days)
        self.refresh_language()

    def action_widen(self) -> None:
        self.period = self.period.widened()
        self.refresh_language()

    def action_export(self, kind: str) -> None:
        app = wms_app(self)
        operator, period = app.operator, self.period
        if operator is None:
            return

        def job() -> Path:
            return export_statements(app.database, app.settings, operator.actor, period, kind)

        def done(path: Path) -> None:
            self._say(app.tr("figures.exported", path=str(path)))

        run_in_background(self, job, done, self._failed, group="statement-export")

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#statement-message", Static)
        message.set_class(error, "error")
        message.update(text)

    def _failed(self, error: BaseException) -> None:
        self._say(wms_app(self).error_sentence(error), error=True)

    def _show(self, statements: list[MerchantStatement]) -> None:
        self._statements = statements
        language = wms_app(self).language
        self.query_one("#statement-table", Static).update(statement_table(statements, language))
