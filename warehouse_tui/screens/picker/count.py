"""A count task on the handheld: scan the shelf, then for each SKU scan it and type how many
are there (Enter); F5 when the shelf is done. Each count is sent once (a client key)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from picking.floor.counts import CountView
from warehouse.words import Words
from warehouse_tui.retry import new_key
from warehouse_tui.screens.picker.jobs import CountJobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class CountScreen(Screen[None]):
    GUIDE = Words(
        en="Go to the shelf shown and scan it. Then scan each SKU and type how many are on the "
        "shelf, Enter. F5 when every SKU is counted. Esc: back (the task stays yours).",
        zh="到显示的库位并扫描。然后逐个扫描 SKU 并输入库位上的数量，回车。全部盘点后按 F5。"
        "Esc：返回（任务仍归您）。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "finish", "Done", id="count.finish"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="count"):
            yield Static(id="count-where", classes="title", markup=False)
            yield Static(id="count-prompt", classes="prompt", markup=False)
            yield Input(id="count-scan", restrict=r"[ -~]*")
            yield Static(id="count-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        app = wms_app(self)
        assert app.operator is not None
        self.jobs = CountJobs(app.database, app.operator.actor)
        self.view: CountView | None = None
        self.at_shelf = False
        self.sku: str | None = None
        self.query_one("#count-scan", Input).focus()
        run_in_background(self, self.jobs.next_task, self._show_task, self._failed, group="count")

    def refresh_language(self) -> None:
        self._prompt()

    def _t(self, key: str, **params: object) -> str:
        return wms_app(self).tr(key, **params)

    def _say(self, text: str) -> None:
        self.query_one("#count-message", Static).update(text)

    def _failed(self, error: BaseException) -> None:
        self._say(wms_app(self).error_sentence(error))

    def _show_task(self, view: CountView | None) -> None:
        self.view, self.at_shelf, self.sku = view, False, None
        self._prompt()

    def _prompt(self) -> None:
        where = self.query_one("#count-where", Static)
        prompt = self.query_one("#count-prompt", Static)
        if self.view is None:
            where.update(self._t("count.none"))
            prompt.update("")
            return
        left = [s for s in self.view.skus if s not in self.view.counted]
        where.update(self.view.location)
        if not self.at_shelf:
            prompt.update(self._t("count.scan_shelf"))
        elif self.sku is None:
            prompt.update(self._t("count.scan_sku", left=", ".join(left) or "-"))
        else:
            prompt.update(self._t("count.how_many", sku=self.sku))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        view = self.view
        if view is None or not text:
            return
        if not self.at_shelf:
            if text != view.location:
                self._say(self._t("count.wrong_shelf", location=view.location))
            else:
                self.at_shelf = True
                self._say("")
        elif self.sku is None:
            self.sku = text[:64]
        elif not text.isdigit():
            self._say(self._t("count.type_number"))
        else:
            sku, qty, key = self.sku, int(text), new_key()

            def done(difference: int) -> None:
                self.view = CountView(view.task_id, view.location, view.skus, (*view.counted, sku))
                self.sku = None
                self._say(self._t("count.counted", sku=sku, qty=qty, difference=difference))
                self._prompt()

            run_in_background(
                self,
                lambda: self.jobs.count(view.task_id, view.location, sku, qty, key),
                done,
                self._failed,
                group="count",
            )
        self._prompt()

    def action_finish(self) -> None:
        if self.view is None:
            return
        task_id = self.view.task_id

        def done(view: CountView | None) -> None:
            self._show_task(view)
            self._say(self._t("count.done"))

        run_in_background(
            self, lambda: self.jobs.finish(task_id), done, self._failed, group="count"
        )
