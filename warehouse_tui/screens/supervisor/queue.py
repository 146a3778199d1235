"""Supervisor: open orders soonest cut-off first, late and at-risk marked, filtered as typed,
loaded a page at a time in a worker (PgDn loads the next page), Enter opens the history."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from warehouse.orders import state_name
from warehouse.supervision.queue import PageKey, QueueFilter, QueuePage, QueueRow
from warehouse.supervision.search import Hit
from warehouse.words import Words
from warehouse_tui.screens.supervisor.filters import read_filter
from warehouse_tui.screens.supervisor.jobs import SupervisorJobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app

MARK_STYLE = {"late": "bold red", "at_risk": "yellow"}


def supervisor_jobs(screen: Screen[Any]) -> SupervisorJobs:
    app = wms_app(screen)
    assert app.operator is not None
    return SupervisorJobs(app.database, app.settings, app.operator.actor)


class QueueScreen(Screen[None]):
    GUIDE = Words(
        en="Type a filter and Enter: merchant=SHOP carrier=SF prio=100 due=2h state=held,short; "
        "a plain word searches order, tracking, SKU and location. PgDn: next page. Enter on a "
        "row: its history. + / -: priority. Esc: back.",
        zh="输入筛选后回车：merchant=店铺 carrier=SF prio=100 due=2h state=held,short；"
        "不带等号的词按订单号、运单号、SKU 和库位搜索。PgDn：下一页。在行上回车：历史。"
        "+ / -：优先级。Esc：返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "next_page", "Next page", id="queue.next", priority=True),
        Binding("plus", "priority(100)", "Raise", id="queue.raise"),
        Binding("minus", "priority(-100)", "Lower", id="queue.lower"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="queue-title", classes="title")
        yield Input(id="queue-filter")
        yield DataTable(id="queue-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="queue-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._wanted = QueueFilter()
        self._next: PageKey | None = None
        self._rows: list[str] = []
        self.refresh_language()
        self.query_one("#queue-filter", Input).focus()

    def refresh_language(self) -> None:
        app = wms_app(self)
        self.query_one("#queue-title", Static).update(app.tr("queue.title"))
        self.query_one("#queue-filter", Input).placeholder = app.tr("queue.filter_hint")
        self._load(first=True)

    def _say(self, text: str) -> None:
        self.query_one("#queue-message", Static).update(text)

    def _failed(self, error: BaseException) -> None:
        self._say(wms_app(self).error_sentence(error))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = read_filter(event.value, datetime.now(UTC))
        if typed.unknown:
            self._say(wms_app(self).tr("queue.unknown", words=" ".join(typed.unknown)))
            return
        if typed.search:
            jobs = supervisor_jobs(self)
            run_in_background(
                self,
                lambda: jobs.search(typed.search),
                self._show_hits,
                self._failed,
                group="queue",
            )
            return
        self._wanted = typed.wanted
        self._load(first=True)

    def _load(self, *, first: bool) -> None:
        jobs, after, wanted = supervisor_jobs(self), None if first else self._next, self._wanted
        if not first and after is None:
            return

        def done(page: QueuePage) -> None:
            self._show(page, first=first)

        run_in_background(
            self, lambda: jobs.queue(wanted, after), done, self._failed, group="queue"
        )

    def action_next_page(self) -> None:
        self._load(first=False)

    def _columns(self, table: DataTable[object]) -> None:
        app = wms_app(self)
        table.clear(columns=True)
        table.add_columns(
            *(
                app.tr(f"queue.col.{c}")
                for c in ("order", "merchant", "state", "prio", "carrier", "due", "mark")
            )
        )

    def _show(self, page: QueuePage, *, first: bool) -> None:
        app = wms_app(self)
        table = self.query_one(DataTable)
        if first:
            self._columns(table)
            self._rows = []
        for row in page.rows:
            table.add_row(*self._cells(row), key=row.fo_id)
            self._rows.append(row.fo_id)
        self._next = page.next_key
        more = app.tr("queue.more") if page.next_key else app.tr("queue.end")
        self._say(app.tr("queue.shown", count=len(self._rows)) + " " + more)

    def _cells(self, row: QueueRow) -> list[object]:
        app = wms_app(self)
        due = f"{row.due_at:%m-%d %H:%M}" if row.due_at else "-"
        mark = Text(
            app.tr(f"queue.mark.{row.mark}") if row.mark else "", style=MARK_STYLE.get(row.mark, "")
        )
        return [
            Text(row.order_sn),
            Text(row.merchant),
            state_name(row.state, app.language),
            str(row.priority),
            Text(row.carrier or "-"),
            due,
            mark,
        ]

    def _show_hits(self, hits: list[Hit]) -> None:
        app = wms_app(self)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(
            app.tr("queue.col.order"), app.tr("queue.col.state"), app.tr("queue.col.matched")
        )
        self._rows = []
        for hit in hits:
            table.add_row(
                Text(hit.order_sn),
                state_name(hit.state, app.language),
                app.tr(f"queue.matched.{hit.matched}"),
                key=hit.fo_id,
            )
            self._rows.append(hit.fo_id)
        self._next = None
        self._say(app.tr("queue.found", count=len(hits)))

    def _selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not self._rows or table.cursor_row < 0 or table.cursor_row >= len(self._rows):
            return None
        return self._rows[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from warehouse_tui.screens.supervisor.history import HistoryScreen

        if event.row_key.value:
            self.app.push_screen(HistoryScreen(event.row_key.value))

    def action_priority(self, step: int) -> None:
        fo_id = self._selected()
        if fo_id is None:
            return
        jobs = supervisor_jobs(self)
        table = self.query_one(DataTable)
        current = int(str(table.get_row_at(table.cursor_row)[3]))

        row = table.cursor_row

        def done(value: int) -> None:
            table.update_cell_at(Coordinate(row, 3), str(value))
            self._say(wms_app(self).tr("queue.priority_set", value=value))

        run_in_background(
            self,
            lambda: jobs.set_priority(fo_id, current + step),
            done,
            self._failed,
            group="queue-priority",
        )
