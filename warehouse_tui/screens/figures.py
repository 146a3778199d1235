"""Supervisor: the shift's figures (seed 四.5) for a day or a week, with CSV export.

Throughput overall and per person, lines per hour as a sparkline, stage durations with the
slowest stage marked, short-pick rate, pick accuracy, walking per line, late orders per carrier.
``[`` / ``]`` move a day, W switches one day / seven days, E exports CSV, S opens the merchant
statement, M the floor map.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from warehouse.reports.figures import ShiftFigures
from warehouse.words import Words
from warehouse_tui.screens.figures_jobs import Period, export_figures, load_figures
from warehouse_tui.screens.figures_view import hours_line, summary, tables
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class FiguresScreen(Screen[None]):
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
        Binding(
            "left_square_bracket", "shift(-1)", "-1 day", id="figures_earlier", key_display="["
        ),
        Binding("right_square_bracket", "shift(1)", "+1 day", id="figures_later", key_display="]"),
        Binding("w", "widen", "Day/week", id="figures_widen"),
        Binding("e", "export", "CSV", id="figures_export"),
        Binding("s", "statement", "Statement", id="figures_statement"),
        Binding("m", "map", "Map", id="figures_map"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, period: Period | None = None) -> None:
        super().__init__()
        self._period = period
        self._figures: ShiftFigures | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="figures-title", classes="title", markup=False)
        yield Static(id="figures-summary", markup=False)
        yield Static(id="figures-hours", markup=False)
        with VerticalScroll(id="figures-scroll"):
            yield Static(id="figures-tables", markup=False)
        yield Static(id="figures-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.period = self._period or Period.today(wms_app(self).settings.site.timezone)
        self.refresh_language()

    def refresh_language(self) -> None:
        app = wms_app(self)
        self.query_one("#figures-title", Static).update(
            app.tr("figures.title", period=self.period.label())
        )
        if self._figures is not None:
            self._show(self._figures)
        self.action_refresh()

    def action_refresh(self) -> None:
        app = wms_app(self)
        operator, period = app.operator, self.period
        if operator is None:
            return

        def job() -> ShiftFigures:
            return load_figures(app.database, operator.actor, period)

        run_in_background(self, job, self._show, self._failed, group="figures")

    def action_shift(self, days: int) -> None:
        self.period = self.period.shifted(days)
        self.refresh_language()

    def action_widen(self) -> None:
        self.period = self.period.widened()
        self.refresh_language()

    def action_export(self) -> None:
        app = wms_app(self)
        operator, period = app.operator, self.period
        if operator is None:
            return

        def job() -> Path:
            return export_figures(app.database, app.settings, operator.actor, period)

        def done(path: Path) -> None:
            self._say(app.tr("figures.exported", path=str(path)))

        run_in_background(self, job, done, self._failed, group="figures-export")

    def action_statement(self) -> None:
        from warehouse_tui.screens.statement import StatementScreen

        self.app.push_screen(StatementScreen(self.period))

    def action_map(self) -> None:
        from warehouse_tui.screens.floor_map import FloorMapScreen

        self.app.push_screen(FloorMapScreen())

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#figures-message", Static)
        message.set_class(error, "error")
        message.update(text)

    def _failed(self, error: BaseException) -> None:
        self._say(wms_app(self).error_sentence(error), error=True)

    def _show(self, figures: ShiftFigures) -> None:
        self._figures = figures
        language = wms_app(self).language
        self.query_one("#figures-summary", Static).update(summary(figures, language))
        self.query_one("#figures-hours", Static).update(hours_line(figures, language))
        self.query_one("#figures-tables", Static).update(tables(figures, language))
