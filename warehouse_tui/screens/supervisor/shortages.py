"""Supervisor: shortage cases, each brought to an end with one key.

1 re-allocate · 2 transfer (warehouse code) · 3 wait (promised date YYYY-MM-DD) ·
4 substitute (SKU) · 5 ship what is available · 6 cancel the line. Choices 2-4 take the
text typed in the line above the table."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from warehouse.orders import state_name
from warehouse.supervision.cases import CaseView
from warehouse.words import Words
from warehouse_tui.screens.supervisor.jobs import RESOLUTIONS
from warehouse_tui.screens.supervisor.queue import supervisor_jobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app

NEEDS_TEXT = frozenset({"transfer", "wait", "substitute"})


class ShortagesScreen(Screen[None]):
    GUIDE = Words(
        en="Each shortage case ends here. Pick a row, then 1 re-allocate, 2 transfer from the "
        "warehouse typed above, 3 wait until the date typed above (YYYY-MM-DD), 4 offer the SKU "
        "typed above, 5 ship what is available, 6 cancel the line (the mall refunds). R refreshes.",
        zh="缺货单在此结案。选中一行后：1 重新分配，2 从上方输入的仓库调拨，3 等到上方输入的日期"
        "（YYYY-MM-DD），4 提供上方输入的替代 SKU，5 按现有数量发货，6 取消该行（商城退款）。R 刷新。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"resolve('{choice}')", show=False)
            for n, choice in enumerate(RESOLUTIONS, start=1)
        ),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="cases-title", classes="title")
        yield Static(id="cases-keys", classes="dim")
        yield Input(id="cases-argument")
        yield DataTable(id="cases-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="cases-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._cases: list[CaseView] = []
        self._note = ""
        self.refresh_language()
        self.query_one(DataTable).focus()

    def refresh_language(self) -> None:
        app = wms_app(self)
        self.query_one("#cases-title", Static).update(app.tr("cases.title"))
        self.query_one("#cases-keys", Static).update(app.tr("cases.keys"))
        self.query_one("#cases-argument", Input).placeholder = app.tr("cases.argument")
        self.action_refresh()

    def action_refresh(self) -> None:
        jobs, language = supervisor_jobs(self), wms_app(self).language
        run_in_background(
            self, lambda: jobs.cases(language), self._show, self._failed, group="cases"
        )

    def _say(self, text: str) -> None:
        self.query_one("#cases-message", Static).update(text)

    def _failed(self, error: BaseException) -> None:
        self._say(wms_app(self).error_sentence(error))

    def _show(self, cases: list[CaseView]) -> None:
        app = wms_app(self)
        self._cases = cases
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(
            *(app.tr(f"cases.col.{c}") for c in ("order", "state", "sku", "qty", "case", "note"))
        )
        for c in cases:
            table.add_row(
                Text(c.order_sn),
                state_name(c.order_state, app.language),
                Text(c.sku_code),
                f"{c.available}/{c.ordered}",
                app.tr(f"cases.state.{c.state}"),
                Text(c.note[:60]),
                key=str(c.id),
            )
        note, self._note = self._note, ""
        count = app.tr("cases.count", count=len(cases))
        self._say(f"{note} {count}" if note else count)

    def action_resolve(self, choice: str) -> None:
        table = self.query_one(DataTable)
        if not self._cases or not 0 <= table.cursor_row < len(self._cases):
            return
        case = self._cases[table.cursor_row]
        argument = self.query_one("#cases-argument", Input).value.strip()
        app = wms_app(self)
        if choice in NEEDS_TEXT and not argument:
            self._say(app.tr(f"cases.need.{choice}"))
            self.query_one("#cases-argument", Input).focus()
            return
        jobs = supervisor_jobs(self)

        def done(_: None) -> None:
            self._note = app.tr(f"cases.done.{choice}", order=case.order_sn)
            self.query_one("#cases-argument", Input).value = ""
            self.action_refresh()

        run_in_background(
            self,
            lambda: jobs.resolve(choice, case.id, argument),
            done,
            self._failed,
            group="cases-do",
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()
