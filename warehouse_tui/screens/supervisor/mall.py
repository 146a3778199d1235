"""Supervisor: messages the mall refused (with its answer) and payloads set aside.

S sends the selected message again (after the cause is fixed), X gives it up; C closes the
selected set-aside payload once it is dealt with (e.g. the mall sent it again, fixed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from sync.supervision import RefusedMessage
from warehouse.words import Words
from warehouse_tui.screens.supervisor.queue import supervisor_jobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class MallScreen(Screen[None]):
    GUIDE = Words(
        en="Messages the mall refused, with its answer. S sends the selected one again once the "
        "cause is fixed; X gives it up. R refreshes, Esc goes back.",
        zh="商城拒收的消息及其答复。原因解决后按 S 重发所选消息；X 放弃。R 刷新，Esc 返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("S", "act('send')", "Send again", id="mall.send"),
        Binding("X", "act('give_up')", "Give up", id="mall.give_up"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="mall-title", classes="title")
        yield DataTable(id="mall-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="mall-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._messages: list[RefusedMessage] = []
        self._note = ""
        self.refresh_language()
        self.query_one(DataTable).focus()

    def refresh_language(self) -> None:
        self.query_one("#mall-title", Static).update(wms_app(self).tr("mall.title"))
        self.action_refresh()

    def action_refresh(self) -> None:
        jobs = supervisor_jobs(self)
        run_in_background(self, jobs.refused, self._show, self._failed, group="mall")

    def _failed(self, error: BaseException) -> None:
        self.query_one("#mall-message", Static).update(wms_app(self).error_sentence(error))

    def _show(self, messages: list[RefusedMessage]) -> None:
        app = wms_app(self)
        self._messages = messages
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(*(app.tr(f"mall.col.{c}") for c in ("order", "kind", "answer", "tries")))
        for m in messages:
            table.add_row(Text(m.fo_id), Text(m.kind), Text(m.reason[:70]), str(m.attempts))
        note, self._note = self._note, ""
        count = app.tr("mall.count", count=len(messages))
        self.query_one("#mall-message", Static).update(f"{note} {count}" if note else count)

    def action_act(self, what: str) -> None:
        table = self.query_one(DataTable)
        if not self._messages or not 0 <= table.cursor_row < len(self._messages):
            return
        message = self._messages[table.cursor_row]
        jobs = supervisor_jobs(self)
        call: Callable[[], None] = (
            (lambda: jobs.send_again(message.event_id))
            if what == "send"
            else (lambda: jobs.give_up(message.event_id))
        )

        def done(_: None) -> None:
            self._note = wms_app(self).tr(f"mall.done.{what}", order=message.fo_id)
            self.action_refresh()

        run_in_background(self, call, done, self._failed, group="mall-do")
