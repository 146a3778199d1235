"""Supervisor: payloads from the mall set aside as unreadable, with the reason. R reads the
selected one again (after a fix), X gives up on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from sync.supervision import SetAsideOrder
from warehouse.words import Words
from warehouse_tui.screens.supervisor.queue import supervisor_jobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class SetAsideScreen(Screen[None]):
    GUIDE = Words(
        en="Payloads from the mall that could not be read, and why. R reads the selected one "
        "again once the cause is fixed; X gives up on it. Esc: back.",
        zh="无法读取的商城数据及原因。原因解决后按 R 重新读取所选项；X 放弃。Esc：返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("R", "act('read')", "Read again", id="setaside.read"),
        Binding("X", "act('give_up')", "Give up", id="setaside.give_up"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="setaside-title", classes="title")
        yield DataTable(id="setaside-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="setaside-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._entries: list[SetAsideOrder] = []
        self._note = ""
        self.refresh_language()
        self.query_one(DataTable).focus()

    def refresh_language(self) -> None:
        self.query_one("#setaside-title", Static).update(wms_app(self).tr("setaside.title"))
        self._refresh()

    def _refresh(self) -> None:
        jobs, language = supervisor_jobs(self), wms_app(self).language
        run_in_background(
            self, lambda: jobs.set_aside(language), self._show, self._failed, group="setaside"
        )

    def _failed(self, error: BaseException) -> None:
        self.query_one("#setaside-message", Static).update(wms_app(self).error_sentence(error))

    def _show(self, entries: list[SetAsideOrder]) -> None:
        app = wms_app(self)
        self._entries = entries
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(app.tr("mall.col.order"), app.tr("setaside.reason"))
        for e in entries:
            table.add_row(Text(e.fo_id or "-"), Text(e.reason[:90]))
        note, self._note = self._note, ""
        count = app.tr("setaside.count", count=len(entries))
        self.query_one("#setaside-message", Static).update(f"{note} {count}" if note else count)

    def action_act(self, what: str) -> None:
        table = self.query_one(DataTable)
        if not self._entries or not 0 <= table.cursor_row < len(self._entries):
            return
        entry = self._entries[table.cursor_row]
        jobs = supervisor_jobs(self)
        call: Callable[[], object] = (
            (lambda: jobs.read_again(entry.id))
            if what == "read"
            else (lambda: jobs.close_set_aside(entry.id))
        )

        def done(_: object) -> None:
            self._note = wms_app(self).tr(f"setaside.done.{what}", order=entry.fo_id)
            self._refresh()

        run_in_background(self, call, done, self._failed, group="setaside-do")
