"""The returns station: scan the parcel, then each unit and its grade; F5 closes the return.

One input takes the scanner and the keyboard. The steps: parcel (tracking number, RMA or
order number; the same unknown scan twice receives it as an unknown return) → item → grade
(A, B, C, D) → for C and D a reason and a note or photo path. Each action is one call with
its own key; after a crash the service says which return the clerk had open.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from returns.inspect import Graded
from returns.views import ReturnView
from warehouse.words import Words
from warehouse_tui.retry import new_key
from warehouse_tui.screens.returns.jobs import ReturnJobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app

STEPS = ("parcel", "item", "grade", "reason", "note")


class ReturnStationScreen(Screen[None]):
    GUIDE = Words(
        en="Scan the return parcel's tracking number, the RMA or the order number (scan an unknown parcel twice to receive it as an unknown return). Then scan each item and type its grade: A resellable, B open box, C damaged, D wrong item or not ours; C and D ask for a reason and a note or a photo path. F5 closes the return and tells the mall; Esc goes back.",
        zh="扫描退货包裹运单号、退货单号或原订单号（未知包裹扫两次即按“未知退货”收货）。然后逐件扫描商品并输入等级：A 可再售，B 已拆封/需重新包装，C 破损，D 错货或非本店商品；C、D 需填写原因及备注或照片路径。F5 关闭退货单并通知商城；Esc 返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "close_return", "Close", id="close_return"),
        Binding("escape", "home", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.step = "parcel"
        self.view: ReturnView | None = None
        self._item = self._grade = self._reason = ""
        self._unknown = ""
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="returns"):
            yield Static(id="returns-head", classes="title", markup=False)
            yield Static(id="returns-lines", markup=False)
            yield Static(id="returns-prompt", markup=False)
            yield Input(id="scan", restrict=r"[ -~\x1d\u4e00-\u9fff]*")
            yield Static(id="returns-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        app = wms_app(self)
        assert app.operator is not None
        self.jobs = ReturnJobs(app.database, app.settings, app.operator.actor, lambda: app.language)
        self.query_one("#scan", Input).focus()
        self._say(app.tr("home.loading"))
        self._busy = True
        run_in_background(self, self.jobs.current, self._resumed, self._failed, group="returns")

    def refresh_language(self) -> None:
        self._paint()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_return":
            return self.view is not None and self.view.state != "closed"
        return True

    # -- showing ----------------------------------------------------------------------------
    def _say(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        message = self.query_one("#returns-message", Static)
        message.update(text)
        message.set_class(error, "error")
        message.set_class(ok, "ok")
        if error:
            self.app.bell()

    def _paint(self) -> None:
        app = wms_app(self)
        view = self.view
        head = self.query_one("#returns-head", Static)
        lines = self.query_one("#returns-lines", Static)
        if view is None:
            head.update(app.tr("returns.station"))
            lines.update("")
        else:
            head.update(
                app.tr(
                    "returns.head",
                    rma=view.rma_id,
                    order=view.order_sn or "-",
                    kind=app.tr(f"returns.kind.{view.kind}"),
                )
            )
            rows = [
                app.tr(
                    "returns.line", line=ln.line_id, sku=ln.sku_code, got=ln.received, qty=ln.qty
                )
                for ln in view.lines
            ]
            if view.extra_units:
                rows.append(app.tr("returns.extra", n=view.extra_units))
            if view.flags:
                rows.append("! " + view.flags)
            lines.update(Text("\n".join(rows)))
        self.query_one("#returns-prompt", Static).update(app.tr(f"returns.step.{self.step}"))
        self.refresh_bindings()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._say(wms_app(self).error_sentence(error), error=True)

    def _resumed(self, view: ReturnView | None) -> None:
        self._busy = False
        self.view = view
        self.step = "item" if view is not None else "parcel"
        self._paint()
        app = wms_app(self)
        self._say(app.tr("returns.resumed", rma=view.rma_id) if view else app.tr("returns.ready"))

    # -- input ------------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        event.input.value = ""
        if self._busy or not text:
            return
        if self.step == "parcel" or (self.step == "item" and self._is_parcel(text)):
            self._open(text)
        elif self.step == "item":
            self._item, self.step = text, "grade"
            self._paint()
            self._say(wms_app(self).tr("returns.scanned", item=text[:40]))
        elif self.step == "grade":
            grade = text.upper()
            if grade not in ("A", "B", "C", "D"):
                self._say(wms_app(self).tr("returns.bad_grade"), error=True)
                return
            self._grade = grade
            if grade in ("C", "D"):
                self.step = "reason"
                self._paint()
            else:
                self._send("", "")
        elif self.step == "reason":
            self._reason, self.step = text, "note"
            self._paint()
        else:
            self._send(self._reason, text)

    def _is_parcel(self, text: str) -> bool:
        return self.view is not None and self.view.state == "closed"

    def _open(self, text: str) -> None:
        unknown_ok = text == self._unknown
        self._busy = True
        key = new_key()
        run_in_background(
            self,
            lambda: self.jobs.open(text, key, unknown_ok),
            self._opened,
            lambda e: self._open_failed(text, e),
            group="returns",
        )

    def _open_failed(self, text: str, error: BaseException) -> None:
        self._unknown = text
        self._failed(error)

    def _opened(self, view: ReturnView | None) -> None:
        self._busy = False
        self._unknown = ""
        self.view, self.step = view, "item"
        self._paint()
        if view is not None:
            self._say(wms_app(self).tr("returns.opened", rma=view.rma_id), ok=True)

    def _send(self, reason: str, note: str) -> None:
        assert self.view is not None
        rma, item, grade, key = self.view.rma_id, self._item, self._grade, new_key()
        self._busy = True
        run_in_background(
            self,
            lambda: self.jobs.grade(rma, item, grade, reason, note, key),
            self._graded,
            self._grade_failed,
            group="returns",
        )

    def _grade_failed(self, error: BaseException) -> None:
        self.step = "item"
        self._paint()
        self._failed(error)

    def _graded(self, result: tuple[Graded, ReturnView | None]) -> None:
        self._busy = False
        graded, self.view = result
        self.step = "item"
        self._paint()
        app = wms_app(self)
        where = app.tr(f"returns.to.{graded.disposition}", location=graded.location)
        refusal = f" ({app.tr('returns.refusal.' + graded.refusal)})" if graded.refusal else ""
        self._say(f"✓ {graded.sku_code} {graded.grade} → {where}{refusal}", ok=not graded.refusal)

    # -- keys -------------------------------------------------------------------------------
    def action_close_return(self) -> None:
        if self._busy or self.view is None:
            return
        rma, key = self.view.rma_id, new_key()
        self._busy = True
        run_in_background(
            self,
            lambda: self.jobs.close(rma, key),
            self._return_closed,
            self._failed,
            group="returns",
        )

    def _return_closed(self, view: ReturnView | None) -> None:
        self._busy = False
        self.view, self.step = view, "parcel"
        self._paint()
        if view is not None:
            self._say(wms_app(self).tr("returns.closed", rma=view.rma_id), ok=True)

    def action_home(self) -> None:
        self.app.pop_screen()
