"""Supervisor: the returns queues (unknown returns, out-of-policy requests, discrepancies)
and the SKUs whose returns come back damaged. Scan or type an RMA and Enter to clear it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from returns.report import Row
from returns.supervision import QueueRow
from warehouse.words import Words
from warehouse_tui.screens.returns.jobs import ReturnJobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class ReturnQueuesScreen(Screen[None]):
    GUIDE = Words(
        en="Returns waiting for a supervisor: unknown parcels, requests outside the merchant's policy, and returns whose contents differ from the request; below, return rates and the SKUs whose damage rate suggests better packing. Scan an RMA and Enter to clear it after deciding; R refreshes; Esc goes back. 'wms returns report --csv FILE' writes the whole report.",
        zh="等待主管处理的退货：未知包裹、超出商家政策的申请、实收与申请不符的退货；下方为退货率及破损率偏高、建议改进包装的商品。处理后扫描退货单号并回车即可清除；R 刷新；Esc 返回。“wms returns report --csv 文件”导出完整报表。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "refresh", "Refresh", id="refresh"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="rq-title", classes="title", markup=False)
        with VerticalScroll():
            yield Static(id="rq-body", markup=False)
        yield Input(id="scan")
        yield Static(id="rq-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        app = wms_app(self)
        assert app.operator is not None
        self.jobs = ReturnJobs(app.database, app.settings, app.operator.actor, lambda: app.language)
        self.query_one("#scan", Input).focus()
        self.refresh_language()

    def refresh_language(self) -> None:
        app = wms_app(self)
        self.query_one("#rq-title", Static).update(app.tr("returns.queues"))
        self.query_one("#scan", Input).placeholder = app.tr("returns.clear_here")
        self.action_refresh()

    def action_refresh(self) -> None:
        run_in_background(self, self.jobs.queues, self._show, self._failed, group="rq")

    def _failed(self, error: BaseException) -> None:
        self.query_one("#rq-message", Static).update(wms_app(self).error_sentence(error))

    def _show(self, result: tuple[list[QueueRow], list[Row]]) -> None:
        app = wms_app(self)
        queues, rows = result
        lines = [
            f"[{app.tr('returns.queue.' + q.queue)}] {q.rma_id} {q.order_sn} {q.state}: {q.why}"
            + (f" → {q.replacement_fo_id}" if q.replacement_fo_id else "")
            for q in queues
        ] or [app.tr("returns.queues_empty")]
        lines.append("")
        lines.append(app.tr("returns.report_head"))
        for r in rows:
            if r.returned:
                flag = " ⚠ " + app.tr("returns.better_packing") if r.better_packing else ""
                lines.append(
                    f"{r.section} {r.name}: {r.returned}/{r.shipped} "
                    f"({r.rate:.0%}) A{r.grades['A']} B{r.grades['B']} C{r.grades['C']} "
                    f"D{r.grades['D']}{flag}"
                )
        self.query_one("#rq-body", Static).update(Text("\n".join(lines)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        rma = event.value.strip()
        event.input.value = ""
        if not rma:
            return
        run_in_background(
            self,
            lambda: self.jobs.clear(rma),
            lambda _: self._cleared(rma),
            self._failed,
            group="rq-clear",
        )

    def _cleared(self, rma: str) -> None:
        self.query_one("#rq-message", Static).update(wms_app(self).tr("returns.cleared", rma=rma))
        self.action_refresh()
