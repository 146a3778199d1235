"""Supervisor: one order's whole history, oldest first (data shown literally)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from warehouse.supervision.history import HistoryEntry
from warehouse.words import Words
from warehouse_tui.screens.supervisor.queue import supervisor_jobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class HistoryScreen(Screen[None]):
    GUIDE = Words(
        en="Everything that happened to the order: state changes, picks, packing, labels, mall "
        "messages and audit events, oldest first. Esc: back.",
        zh="订单的全部经历：状态变化、拣货、打包、面单、商城消息和审计事件，按时间先后。Esc：返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def __init__(self, fo_id: str) -> None:
        super().__init__()
        self.fo_id = fo_id

    def compose(self) -> ComposeResult:
        yield Static(id="history-title", classes="title", markup=False)
        yield DataTable(id="history-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="history-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_language()

    def refresh_language(self) -> None:
        app = wms_app(self)
        self.query_one("#history-title", Static).update(app.tr("history.title", order=self.fo_id))
        jobs, fo_id = supervisor_jobs(self), self.fo_id
        run_in_background(
            self, lambda: jobs.history(fo_id), self._show, self._failed, group="history"
        )

    def _failed(self, error: BaseException) -> None:
        self.query_one("#history-message", Static).update(wms_app(self).error_sentence(error))

    def _show(self, entries: list[HistoryEntry]) -> None:
        app = wms_app(self)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(
            *(app.tr(f"history.col.{c}") for c in ("at", "kind", "what", "detail", "who"))
        )
        for e in entries:
            table.add_row(
                f"{e.at:%m-%d %H:%M:%S}", e.kind, Text(e.what), Text(e.detail[:80]), Text(e.who)
            )
