"""Packer / supervisor: hand parcels over to a carrier's courier (出库交接).

Type the carrier code and Enter to open its handover; then scan each parcel. A refused parcel
rings the bell and says why. F5 closes the handover and prints the manifest. Below, the
parcels handed over most recently and where their carrier says they are (refreshed every few
seconds), and how many packed parcels still wait per carrier.
"""

from __future__ import annotations

from typing import ClassVar
from zoneinfo import ZoneInfo

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from shipping.handover import OnTheWay, ScanAnswer
from shipping.handover_day import ClosedHandover
from warehouse.words import Words
from warehouse_tui.screens.dock.jobs import DockJobs
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app

REFRESH_SECONDS = 3.0


class HandoverScreen(Screen[None]):
    GUIDE = Words(
        en="Type the carrier (e.g. SF) and Enter, then scan each parcel. A refused parcel rings "
        "the bell: keep it aside. F5 closes the handover and prints the manifest: the courier "
        "takes the parcels. The table shows the parcels handed over and where the carrier says "
        "they are. Esc goes back.",
        zh="输入承运商（如 SF）后回车，然后逐件扫描包裹。被拒的包裹会响铃：请放到一边。"
        "F5 关闭交接并打印交接单：快递员取走包裹。下表显示已交接的包裹及承运商报告的位置。"
        "Esc 返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "close_handover", "Close", id="close_handover"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.carrier = ""
        self.waiting: dict[str, int] = {}
        self.parcels: list[OnTheWay] = []
        self._shown: tuple[list[str], list[tuple[str, str, str, str]]] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="handover-title", classes="title", markup=False)
        yield Static(id="handover-prompt", classes="prompt", markup=False)
        yield Input(id="handover-input")
        yield Static(id="handover-message", classes="message", markup=False)
        yield DataTable(id="handover-table", zebra_stripes=True, cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        app = wms_app(self)
        assert app.operator is not None
        self.jobs = DockJobs(app.database, app.settings, app.operator.actor)
        self.zone = ZoneInfo(app.settings.site.timezone)
        self.refresh_language()
        self.set_interval(REFRESH_SECONDS, self.action_refresh)

    def refresh_language(self) -> None:
        app = wms_app(self)
        title = app.tr("handover.title") + (f" · {self.carrier}" if self.carrier else "")
        self.query_one("#handover-title", Static).update(Text(title))
        self._prompt()
        self._show_board()
        self.action_refresh()

    def _prompt(self) -> None:
        app = wms_app(self)
        waiting = ", ".join(f"{code} {n}" for code, n in self.waiting.items()) or app.tr(
            "handover.none_waiting"
        )
        if self.carrier:
            text = app.tr(
                "handover.prompt_scan", carrier=self.carrier, left=self.waiting.get(self.carrier, 0)
            )
        else:
            codes = ", ".join(c.code for c in app.settings.carriers)
            text = app.tr("handover.prompt_carrier", carriers=codes, waiting=waiting)
        self.query_one("#handover-prompt", Static).update(Text(text))

    def action_refresh(self) -> None:
        run_in_background(self, self.jobs.board, self._board, self._failed, group="handover-board")

    def _board(self, board: tuple[dict[str, int], list[OnTheWay]]) -> None:
        self.waiting, self.parcels = board
        self._prompt()
        self._show_board()

    def _show_board(self) -> None:
        app = wms_app(self)
        header = [app.tr(f"handover.col.{c}") for c in ("parcel", "order", "status", "at")]
        rows = [
            (
                f"{p.carrier_code} {p.tracking_no}",
                p.order_sn,
                app.tr(f"parcel.state.{p.state}"),
                p.since.astimezone(self.zone).strftime("%H:%M:%S") if p.since else "",
            )
            for p in self.parcels
        ]
        if (header, rows) == self._shown:
            return  # refreshed and unchanged: keep the table (and its cursor) as it is
        self._shown = (header, rows)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # Widths from the content, set at once: a redraw never shows the columns cut short.
        for n, label in enumerate(header):
            width = max([cell_len(label), *(cell_len(row[n]) for row in rows)])
            table.add_column(label, width=width)
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))

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
        self.action_refresh()

    def action_close_handover(self) -> None:
        if not self.carrier:
            self.app.bell()
            self._say(wms_app(self).tr("handover.nothing_to_close"))
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
        self.carrier = ""
        self.refresh_language()
        self._say(
            wms_app(self).tr(
                "handover.closed_line",
                name=closed.name,
                count=len(m.rows),
                left=len(m.left_behind),
                cod=f"{m.total_cod:.2f}",
                where=str(closed.path) if closed.path else "-",
            )
        )

    def _failed(self, error: BaseException) -> None:
        self.app.bell()
        self._say(wms_app(self).error_sentence(error))
