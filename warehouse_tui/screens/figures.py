"""Supervisor: the shift's figures (seed 四.5) for a day or a week, with CSV export.

Throughput overall and per person, lines per hour as a sparkline, stage durations with the
slowest stage marked, short-pick rate, pick accuracy, walking per line, late orders per carrier.
``[`` / ``]`` move a day, W switches one day / seven days, E exports CSV, S opens the merchant
statement, M the floor map.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.reports.figures import ShiftFigures
from warehouse.words import Words
from warehouse_tui.screens.figures_jobs import Period, export_figures, load_figures
from warehouse_tui.screens.figures_view import hours_line, summary, tables
from warehouse_tui.screens.period import LAST_KEYS, PERIOD_KEYS, PeriodScreen
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import wms_app


class FiguresScreen(PeriodScreen[ShiftFigures]):
    NAME = "figures"
    DEFAULT_CSS = """
    #figures-scroll { height: 1fr; }
    """
    GUIDE = Words(
        en="The shift's figures for the day shown (site time). [ and ] move a day, W switches between "
        "one day and seven, E writes them to a CSV file, S opens the merchant statement, M the "
        "floor map, R refreshes, arrows scroll, Esc goes back.",
        zh="所示日期（仓库时区）的班次数据。[ 和 ] 前后移动一天，W 在一天和七天之间切换，E 导出 CSV 文件，"
        "S 打开商家结算单，M 打开仓库地图，R 刷新，方向键滚动，Esc 返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *PERIOD_KEYS,
        Binding("e", "export", "CSV", id="figures_export"),
        Binding("s", "statement", "Statement", id="figures_statement"),
        Binding("m", "map", "Map", id="figures_map"),
        *LAST_KEYS,
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="figures-title", classes="title", markup=False)
        yield Static(id="figures-summary", markup=False)
        yield Static(id="figures-hours", markup=False)
        with VerticalScroll(id="figures-scroll"):
            yield Static(id="figures-tables", markup=False)
        yield Static(id="figures-message", classes="message", markup=False)
        yield KeyBar()

    def load(self, database: Database, actor: Actor, period: Period) -> ShiftFigures:
        return load_figures(database, actor, period)

    def action_export(self) -> None:
        self.export(export_figures)

    def action_statement(self) -> None:
        from warehouse_tui.screens.statement import StatementScreen

        self.app.push_screen(StatementScreen(self.period))

    def action_map(self) -> None:
        from warehouse_tui.screens.floor_map import FloorMapScreen

        self.app.push_screen(FloorMapScreen())

    def show(self, figures: ShiftFigures) -> None:
        language = wms_app(self).language
        self.query_one("#figures-summary", Static).update(summary(figures, language))
        self.query_one("#figures-hours", Static).update(hours_line(figures, language))
        self.query_one("#figures-tables", Static).update(tables(figures, language))
