"""The packing station: scan a tote, an order or a cart, then every unit; weigh and close
each parcel; the last one prints the slip and the labels.

The scanner types into the one input and presses Enter; scans go to the station service one
at a time, in order, each with its own key. Nothing about the order lives here: after a crash
the service says where the packer was.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from packing.station import StationView
from warehouse.words import Words
from warehouse_tui.retry import new_key
from warehouse_tui.screens.packer import panels
from warehouse_tui.screens.packer.jobs import PackJobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class PackScreen(Screen[None]):
    GUIDE = Words(
        en="Scan a tote, an order number or a cart, then every unit (or scan one and type the count; high-value goods one by one). Answer Y or N when asked whether the packaging is intact. F2 shorts the first incomplete line, F3 takes the last unit off, F4 prints again after a failed print, F5 closes the parcel (weigh it: scale or typed weight; again goes back to scanning), F6 the next box, F7 another carrier with a reason, F8 reads the scale. Scanning a packed order opens its last parcel again (its label becomes void; closing prints a new one). Esc goes home (the order stays yours).",
        zh="扫描周转箱、订单号或拣货车，再逐件扫描（或扫一件后输入数量；贵重商品须逐件扫描）。询问包装是否完好时回答 Y 或 N。F2 对第一条未完成的行报缺，F3 撤销最后一件，F4 打印失败后重新打印，F5 封箱称重（秤或手动输入重量；再按返回扫描），F6 换下一个纸箱，F7 改承运商（需说明原因），F8 读秤。扫描已包装订单会重新打开其最后一个包裹（原面单作废，封箱时打印新面单）。Esc 返回主页（订单仍归您）。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "short", "Short", id="pack_short"),
        Binding("f3", "unscan", "Un-scan", id="unscan"),
        Binding("f4", "reprint", "Reprint", id="pack_reprint"),
        Binding("f5", "close_parcel", "Close parcel", id="close_parcel"),
        Binding("f6", "next_box", "Box", id="next_box"),
        Binding("f7", "carrier", "Carrier", id="carrier"),
        Binding("f8", "read_scale", "Scale", id="scale"),
        Binding("escape", "home", "Back", id="back"),
    ]
    """F2 short, F3 un-scan, F4 reprint (after a failed print), F5 close parcel, F6 next box, F7 carrier, F8 scale, Esc home."""

    def __init__(self) -> None:
        super().__init__()
        self.view = StationView(stage="idle")
        self._queue: list[tuple[str, str]] = []
        self._busy = False
        self._shown: dict[str, Text] = {}
        self._shown_once = False

    def compose(self) -> ComposeResult:
        with Vertical(id="pack"):
            yield Static(id="pack-head", classes="title", markup=False)
            with VerticalScroll(id="pack-lines-box"):
                yield Static(id="pack-lines", markup=False)
            yield Static(id="pack-parcel", markup=False)
            yield Static(id="pack-discrepancies", markup=False)
            yield Static(id="pack-prompt", classes="prompt", markup=False)
            yield Input(id="scan", restrict=r"[ -~\x1d\u4e00-\u9fff]*")
            yield Static(id="pack-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        app = wms_app(self)
        assert app.operator is not None
        self.jobs = PackJobs(app.database, app.settings, app.operator.actor)
        self._say(app.tr("home.loading"))
        scan = self.query_one("#scan", Input)
        scan.placeholder = app.tr("pick.scan_here")
        scan.focus()
        self._busy = True
        run_in_background(self, self.jobs.current, self._answered, self._failed, group="pack")

    def refresh_language(self) -> None:
        self._shown.clear()
        self._show(self.view)
        self.query_one("#scan", Input).placeholder = wms_app(self).tr("pick.scan_here")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        stage = self.view.stage
        if action in ("short", "unscan"):
            return stage in ("scan", "weigh")
        if action in ("close_parcel",):
            return stage in ("scan", "weigh")
        if action in ("next_box", "carrier", "read_scale"):
            return stage == "weigh"
        if action == "reprint":
            return stage == "done" and self.view.print_state == "failed"
        return True

    def key_label(self, binding_id: str) -> str | None:
        """F5 while weighing goes back to scanning: say so on the key bar."""
        if binding_id == "close_parcel" and self.view.stage == "weigh":
            return "key.back_to_scan"
        return None

    # -- feedback ---------------------------------------------------------------------------
    def _say(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        message = self.query_one("#pack-message", Static)
        message.update(text)
        message.set_class(error, "error")
        message.set_class(ok, "ok")
        self.query_one("#pack").set_class(error, "scan-bad")
        if error:
            self.app.bell()

    def _show(self, view: StationView) -> None:
        """Repaint what changed only (a unit scan changes the head and the lines)."""
        before, self.view = self.view, view
        app = wms_app(self)
        language = app.language
        width = self.size.width or 120
        parts = (
            ("#pack-head", panels.head_text(view, language)),
            ("#pack-lines", panels.lines_text(view, language, width)),
            ("#pack-parcel", panels.parcel_text(view, language)),
            ("#pack-discrepancies", panels.discrepancies_text(view, language)),
            ("#pack-prompt", Text(app.tr(panels.prompt_key(view), parcel=view.parcel_no))),
        )
        for selector, text in parts:
            shown = self._shown.get(selector)
            if shown != text:
                self._shown[selector] = text
                # as many lines as before (a unit counted): no new layout, only a repaint
                same = shown is not None and shown.plain.count("\n") == text.plain.count("\n")
                self.query_one(selector, Static).update(text, layout=not same)
        if (before.stage, before.print_state) != (
            view.stage,
            view.print_state,
        ) or not self._shown_once:
            self._shown_once = True
            self.refresh_bindings()

    def _answered(self, view: StationView) -> None:
        self._busy = False
        self._show(view)
        language = wms_app(self).language
        text = view.message.render(language) if view.message else ""
        self._say(text, error=view.bell, ok=not view.bell)
        self._next()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._say(wms_app(self).error_sentence(error), error=True)
        self._next()

    # -- work -------------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        event.input.value = ""
        self._queue.append((text, new_key()))
        self._next()

    def _next(self) -> None:
        if self._busy or not self._queue:
            return
        text, key = self._queue.pop(0)
        self._run(lambda: self.jobs.scan(text, key))

    def _run(self, job: object) -> None:
        assert callable(job)
        self._busy = True
        run_in_background(self, job, self._answered, self._failed, group="pack")

    # -- keys -------------------------------------------------------------------------------
    def action_short(self) -> None:
        if not self._busy:
            key = new_key()
            self._run(lambda: self.jobs.short(None, key))

    def action_reprint(self) -> None:
        if not self._busy:
            self._run(self.jobs.reprint)

    def action_unscan(self) -> None:
        if not self._busy:
            key = new_key()
            self._run(lambda: self.jobs.unscan(key))

    def action_close_parcel(self) -> None:
        if not self._busy:
            key = new_key()
            self._run(lambda: self.jobs.close_parcel(key))

    def action_next_box(self) -> None:
        if not self._busy:
            key = new_key()
            self._run(lambda: self.jobs.next_box(key))

    def action_carrier(self) -> None:
        from warehouse_tui.screens.packer.carrier_dialog import CarrierDialog

        def answer(result: tuple[str, str] | None) -> None:
            self.query_one("#scan", Input).focus()
            if result is None or self._busy:
                return
            key = new_key()
            self._run(lambda: self.jobs.carrier(result[0], result[1], key))

        choices = [
            f"{c.code}/{v.code}" for c in wms_app(self).settings.carriers for v in c.services
        ]
        self.app.push_screen(CarrierDialog(choices), answer)

    def action_read_scale(self) -> None:
        if self._busy:
            return
        key = new_key()
        settings = wms_app(self).settings

        def job() -> StationView:
            from packing.scale import SerialScale

            with SerialScale(settings.packing.scale) as scale:
                weight: Decimal = scale.read_weight()
            return self.jobs.weigh(weight, key)

        self._run(job)

    def action_home(self) -> None:
        self.app.pop_screen()
