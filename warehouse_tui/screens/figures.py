"""Supervisor: open orders per merchant and state, with the earliest due time."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from warehouse.orders import OPEN_STATES, state_name
from warehouse.queues import MerchantQueue, open_orders_by_merchant
from warehouse.words import Words
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app

COLUMNS = ["held", "released", "allocated", "short", "picking", "picked", "packing", "packed"]


class FiguresScreen(Screen[None]):
    GUIDE = Words(
        en="Open orders per merchant by state; 'due' is the earliest due time. R refreshes, Esc goes back.",
        zh="各商家未完成订单按状态统计；“最早到期”为最早的截止时间。R 刷新，Esc 返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="figures-title", classes="title")
        yield DataTable(id="figures-table", zebra_stripes=True, cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_language()
        self.action_refresh()

    def refresh_language(self) -> None:
        self.query_one("#figures-title", Static).update(wms_app(self).tr("figures.title"))
        self.action_refresh()

    def action_refresh(self) -> None:
        app = wms_app(self)

        def job() -> list[MerchantQueue]:
            with app.database.unit_of_work(read_only=True) as session:
                return open_orders_by_merchant(session)

        run_in_background(self, job, self._show, self._failed, group="figures")

    def _failed(self, error: BaseException) -> None:
        self.query_one("#figures-title", Static).update(wms_app(self).error_sentence(error))

    def _show(self, queues: list[MerchantQueue]) -> None:
        app = wms_app(self)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        states = [s for s in COLUMNS if s in OPEN_STATES]
        table.add_columns(
            app.tr("figures.merchant"),
            *(state_name(s, app.language) for s in states),
            app.tr("figures.due"),
        )
        for queue in queues:
            due = f"{queue.next_due:%m-%d %H:%M}" if queue.next_due else "-"
            table.add_row(
                Text(queue.merchant), *(str(queue.by_state.get(s, 0)) for s in states), due
            )
