"""Supervisor: carts on the floor (picker, progress, last scan) and waves.

G gives the selected cart back; type a badge above and A reassigns it; P previews a wave
(carts, orders, route lengths; nothing written), W releases it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from picking.floor.carts import CartView
from picking.waves import WavePlan
from warehouse.words import Words
from warehouse_tui.screens.supervisor.queue import supervisor_jobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class FloorScreen(Screen[None]):
    GUIDE = Words(
        en="Carts being picked, longest silent first. G gives the cart back; type a badge "
        "above, then A hands the cart to that picker. P previews a wave, W releases it. "
        "R refreshes, Esc goes back.",
        zh="拣货中的拣货车，最久无操作的在前。G 交回拣货车；在上方输入工号后按 A 转给该拣货员。"
        "P 预览波次，W 下发波次。R 刷新，Esc 返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("G", "give_back", "Give back", id="floor.give_back"),
        Binding("A", "reassign", "Reassign", id="floor.reassign"),
        Binding("P", "wave(False)", "Preview wave", id="floor.preview"),
        Binding("W", "wave(True)", "Release wave", id="floor.release"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="floor-title", classes="title")
        yield Input(id="floor-badge")
        yield DataTable(id="floor-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="floor-wave", markup=False)
        yield Static(id="floor-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._carts: list[CartView] = []
        self._note = ""
        self.refresh_language()
        self.query_one(DataTable).focus()

    def refresh_language(self) -> None:
        app = wms_app(self)
        self.query_one("#floor-title", Static).update(app.tr("floor.title"))
        self.query_one("#floor-badge", Input).placeholder = app.tr("floor.badge")
        self.action_refresh()

    def action_refresh(self) -> None:
        jobs = supervisor_jobs(self)
        run_in_background(self, jobs.carts, self._show, self._failed, group="floor")

    def _say(self, text: str) -> None:
        self.query_one("#floor-message", Static).update(text)

    def _failed(self, error: BaseException) -> None:
        self._say(wms_app(self).error_sentence(error))

    def _show(self, carts: list[CartView]) -> None:
        app = wms_app(self)
        self._carts = carts
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(*(app.tr(f"floor.col.{c}") for c in ("cart", "picker", "done", "last")))
        for c in carts:
            last = f"{c.last_scan_at:%H:%M} {c.last_location}" if c.last_scan_at else "-"
            table.add_row(Text(c.code), Text(c.picker or "-"), f"{c.done}/{c.total}", Text(last))
        note, self._note = self._note, ""
        count = app.tr("floor.count", count=len(carts))
        self._say(f"{note} {count}" if note else count)

    def _cart(self) -> CartView | None:
        table = self.query_one(DataTable)
        if not self._carts or not 0 <= table.cursor_row < len(self._carts):
            return None
        return self._carts[table.cursor_row]

    def _do(self, call: Callable[[], None], note: str) -> None:
        def done(_: None) -> None:
            self._note = note
            self.action_refresh()

        run_in_background(self, call, done, self._failed, group="floor-do")

    def action_give_back(self) -> None:
        cart = self._cart()
        if cart is not None:
            jobs = supervisor_jobs(self)
            note = wms_app(self).tr("floor.given_back", cart=cart.code)
            self._do(lambda: jobs.give_back(cart.code), note)

    def action_reassign(self) -> None:
        cart = self._cart()
        badge = self.query_one("#floor-badge", Input).value.strip()
        if cart is None or not badge:
            self._say(wms_app(self).tr("floor.badge_first"))
            return
        jobs = supervisor_jobs(self)
        note = wms_app(self).tr("floor.reassigned", cart=cart.code, badge=badge)
        self._do(lambda: jobs.reassign(cart.code, badge), note)

    def action_wave(self, release: bool) -> None:
        jobs = supervisor_jobs(self)

        def done(plan: WavePlan | None) -> None:
            self._show_wave(plan, release)
            if release:
                self.action_refresh()

        job = jobs.release_wave if release else jobs.preview_wave
        run_in_background(self, job, done, self._failed, group="floor-wave")

    def _show_wave(self, plan: WavePlan | None, released: bool) -> None:
        app = wms_app(self)
        if plan is None:
            self.query_one("#floor-wave", Static).update(app.tr("floor.no_wave"))
            return
        carts = ", ".join(f"{b.code} {len(b.order_sns)}×{b.length_m:.0f} m" for b in plan.batches)
        key = "floor.wave_released" if released else "floor.wave_preview"
        head = app.tr(key, code=plan.code, carts=len(plan.batches), orders=plan.orders)
        self.query_one("#floor-wave", Static).update(f"{head} {carts}"[:400])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()
