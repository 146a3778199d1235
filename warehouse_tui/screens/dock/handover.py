"""Packer / supervisor: hand parcels over to a carrier's courier (出库交接).

Type the carrier code and Enter to open its handover; then scan each parcel. A refused parcel
rings the bell and says why. F5 closes the handover and prints the manifest.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from shipping.handover import ScanAnswer
from shipping.handover_day import ClosedHandover
from warehouse.words import Words
from warehouse_tui.screens.dock.jobs import DockJobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app


class HandoverScreen(Screen[None]):
    GUIDE = Words(
        en="Type the carrier (e.g. SF) and Enter, then scan each parcel. A refused parcel rings "
        "the bell: keep it aside. F5 closes the handover and prints the manifest. Esc goes back.",
        zh="输入承运商（如 SF）后回车，然后逐件扫描包裹。被拒的包裹会响铃：请放到一边。"
        "F5 关闭交接并打印交接单。Esc 返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "close_handover", "Close", id="handover_close"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.carrier = ""

    def compose(self) -> ComposeResult:
        yield Static(id="handover-title", classes="title", markup=False)
        yield Input(id="handover-input")
        yield Static(id="handover-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        app = wms_app(self)
        assert app.operator is not None
        self.jobs = DockJobs(app.database, app.settings, app.operator.actor)
        self.refresh_language()
        carriers = ", ".join(c.code for c in app.settings.carriers)
        self._say(app.tr("handover.ask_carrier", carriers=carriers))
        self.query_one("#handover-input", Input).focus()

    def refresh_language(self) -> None:
        app = wms_app(self)
        title = app.tr("handover.title") + (f" · {self.carrier}" if self.carrier else "")
        self.query_one("#handover-title", Static).update(Text(title))
        field = self.query_one("#handover-input", Input)
        field.placeholder = app.tr("handover.scan_parcel" if self.carrier else "handover.carrier")

    def _say(self, text: str) -> None:
        self.query_one("#handover-message", Static).update(Text(text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        if not self.carrier:
            code = text.upper()[:8]
            run_in_background(
                self,
                lambda: self.jobs.open(code),
                lambda name: self._opened(code, name),
                self._failed,
                group="handover",
            )
            return
        carrier = self.carrier
        run_in_background(
            self,
            lambda: self.jobs.scan(carrier, text),
            self._scanned,
            self._failed,
            group="handover-scan",
        )

    def _opened(self, carrier: str, name: str) -> None:
        self.carrier = carrier
        self.refresh_language()
        self._say(wms_app(self).tr("handover.opened", name=name, carrier=carrier))

    def _scanned(self, answer: ScanAnswer) -> None:
        if answer.bell:
            self.app.bell()
        self._say(answer.message.render(wms_app(self).language))

    def action_close_handover(self) -> None:
        if not self.carrier:
            return
        carrier = self.carrier
        run_in_background(
            self,
            lambda: self.jobs.close(carrier),
            self._handover_closed,
            self._failed,
            group="handover",
        )

    def _handover_closed(self, closed: ClosedHandover) -> None:
        m = closed.manifest
        self._say(
            wms_app(self).tr(
                "handover.closed_line",
                name=closed.name,
                count=len(m.rows),
                left=len(m.left_behind),
                cod=f"{m.total_cod:.2f}",
            )
        )
        self.carrier = ""
        self.refresh_language()

    def _failed(self, error: BaseException) -> None:
        self.app.bell()
        self._say(wms_app(self).error_sentence(error))
