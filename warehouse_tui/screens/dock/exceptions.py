"""Supervisor: the delivery-exception queue (refused, returned, problem, delayed, lost,
damaged, not signed, left behind), with the latest carrier event. R refreshes; on a lost or
damaged parcel, S re-ships a replacement (and opens the insurance claim where insured)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from shipping.delivery_exceptions import QueueEntry
from warehouse.words import Words, render_all
from warehouse_tui.screens.dock.jobs import DockJobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app

REFRESH_SECONDS = 5.0
LATEST_WIDTH = 22
"""Characters of the latest event in the table (all of it below, for the chosen row)."""


class DeliveryExceptionsScreen(Screen[None]):
    GUIDE = Words(
        en="Parcels that did not reach the customer as planned, refreshed every few seconds (R "
        "at once). On a lost or damaged parcel, S re-ships a replacement from the owner's "
        "stock. A refused or returned parcel is received at the returns station (5) when it "
        "comes back. Esc goes back.",
        zh="未按计划送达的包裹，每隔几秒刷新（R 立即刷新）。遗失或破损的包裹按 S 从货主库存补发。"
        "拒收或退回的包裹回来后在退货台（5）收货。Esc 返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("s", "reship", "Re-ship", id="reship"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="exceptions-title", classes="title", markup=False)
        yield DataTable(id="exceptions-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="exceptions-detail", classes="detail", markup=False)
        yield Static(id="exceptions-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        app = wms_app(self)
        assert app.operator is not None
        self.jobs = DockJobs(app.database, app.settings, app.operator.actor)
        self.entries: list[QueueEntry] = []
        self.said_none = False
        self.refresh_language()
        self.set_interval(REFRESH_SECONDS, self.action_refresh)

    def refresh_language(self) -> None:
        self.query_one("#exceptions-title", Static).update(
            Text(wms_app(self).tr("exceptions.title"))
        )
        self.action_refresh()

    def action_refresh(self) -> None:
        run_in_background(self, self.jobs.queue, self._show, self._failed, group="exceptions")

    def _show(self, entries: list[QueueEntry]) -> None:
        app = wms_app(self)
        self.entries = entries
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns(
            *(app.tr(f"exceptions.{c}") for c in ("kind", "parcel", "order", "latest"))
        )
        for e in entries:
            table.add_row(
                Text(app.tr(f"exceptions.kind.{e.kind}")),
                Text(f"{e.carrier_code} {e.tracking_no}"),
                Text(e.order_sn),
                Text(e.latest_event[:LATEST_WIDTH]),
            )
        if entries:
            table.move_cursor(row=min(row, len(entries) - 1))
        self._detail()
        if not entries:
            self._say(app.tr("exceptions.none"))
            self.said_none = True
        elif self.said_none:
            self._say("")
            self.said_none = False

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def _detail(self) -> None:
        """The chosen entry in full: the carrier's latest event and what to do."""
        app = wms_app(self)
        row = self.query_one(DataTable).cursor_row
        text = ""
        if self.entries and 0 <= row < len(self.entries):
            e = self.entries[row]
            text = app.tr(
                "exceptions.detail", latest=e.latest_event, what=render_all(e.note, app.language)
            )
        self.query_one("#exceptions-detail", Static).update(Text(text))

    def action_reship(self) -> None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row >= len(self.entries):
            return
        entry = self.entries[table.cursor_row]
        if entry.kind not in ("lost", "damaged"):
            self.app.bell()
            self._say(wms_app(self).tr("exceptions.not_reshippable"))
            return
        run_in_background(
            self,
            lambda: self.jobs.reship(entry.id),
            self._reshipped,
            self._failed,
            group="exceptions-act",
        )

    def _reshipped(self, result: tuple[str, bool]) -> None:
        number, claimed = result
        self._say(
            wms_app(self).tr("exceptions.reshipped", number=number)
            + (" " + wms_app(self).tr("exceptions.claimed") if claimed else "")
        )
        self.action_refresh()

    def _say(self, text: str) -> None:
        self.query_one("#exceptions-message", Static).update(Text(text))

    def _failed(self, error: BaseException) -> None:
        self.app.bell()
        self._say(wms_app(self).error_sentence(error))
