"""Supervisor: held orders, each closed here. Type a reason (or an address as
``province / city / district / street``) above the table, then R release, X reject,
A correct the address and release, W wait for payment."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from warehouse.supervision.holds import HeldOrder
from warehouse.words import Words
from warehouse_tui.screens.supervisor.queue import supervisor_jobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class HeldScreen(Screen[None]):
    GUIDE = Words(
        en="Held orders and why. Type a reason above the table, then R releases or X rejects; "
        "type 'province / city / district / street' then A corrects the address (the mall is "
        "told) and releases; W leaves an unpaid order waiting. Esc: back.",
        zh="挂起订单及原因。在表格上方输入原因后，R 放行、X 拒绝；输入“省 / 市 / 区 / 街道”后按 A "
        "更正地址（通知商城）并放行；W 让未付款订单继续等待。Esc：返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("R", "act('release')", "Release", id="held.release"),
        Binding("X", "act('reject')", "Reject", id="held.reject"),
        Binding("A", "act('address')", "Address", id="held.address"),
        Binding("W", "act('wait')", "Wait", id="held.wait"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="held-title", classes="title")
        yield Input(id="held-text")
        yield DataTable(id="held-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="held-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._held: list[HeldOrder] = []
        self._note = ""
        self.refresh_language()
        self.query_one(DataTable).focus()

    def refresh_language(self) -> None:
        app = wms_app(self)
        self.query_one("#held-title", Static).update(app.tr("held.title"))
        self.query_one("#held-text", Input).placeholder = app.tr("held.text")
        self._refresh()

    def _refresh(self) -> None:
        jobs, language = supervisor_jobs(self), wms_app(self).language
        run_in_background(self, lambda: jobs.held(language), self._show, self._failed, group="held")

    def _failed(self, error: BaseException) -> None:
        self.query_one("#held-message", Static).update(wms_app(self).error_sentence(error))

    def _show(self, held: list[HeldOrder]) -> None:
        app = wms_app(self)
        self._held = held
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(
            *(app.tr(f"held.col.{c}") for c in ("order", "merchant", "paid", "reason"))
        )
        for h in held:
            paid = app.tr("held.paid" if h.paid else "held.unpaid")
            table.add_row(
                Text(h.order_sn), Text(h.merchant), paid, Text(h.reason[:70]), key=h.fo_id
            )
        note, self._note = self._note, ""
        count = app.tr("held.count", count=len(held))
        self.query_one("#held-message", Static).update(f"{note} {count}" if note else count)

    def action_act(self, what: str) -> None:
        table = self.query_one(DataTable)
        if not self._held or not 0 <= table.cursor_row < len(self._held):
            return
        order = self._held[table.cursor_row]
        text = self.query_one("#held-text", Input).value
        jobs = supervisor_jobs(self)
        calls: dict[str, Callable[[], None]] = {
            "release": lambda: jobs.release(order.fo_id, text),
            "reject": lambda: jobs.reject(order.fo_id, text),
            "address": lambda: jobs.correct_address(order.fo_id, text),
            "wait": lambda: jobs.wait_payment(order.fo_id),
        }

        def done(_: None) -> None:
            self._note = wms_app(self).tr(f"held.done.{what}", order=order.order_sn)
            self.query_one("#held-text", Input).value = ""
            self._refresh()

        run_in_background(self, calls[what], done, self._failed, group="held-do")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()
