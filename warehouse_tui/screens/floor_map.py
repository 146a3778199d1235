"""Supervisor: the floor now, drawn from the layout, refreshed by a worker every few seconds.

``@`` the chosen picker at their last scanned location, with their remaining route numbered in
walking order; ``P`` the other pickers; ``C`` shelves with an open count task; ``D`` the depot.
N (or Tab) chooses the next picker.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from picking.layout import Layout
from warehouse.words import Words
from warehouse_tui.i18n import tr
from warehouse_tui.screens.figures_jobs import FloorView, load_floor
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app

REFRESH_SECONDS = 5.0


def pickers_table(view: FloorView, language: str) -> Table:
    table = Table(expand=False)
    for column in ("picker", "cart", "at", "scanned", "left", "metres"):
        justify = "right" if column in ("left", "metres") else "left"
        table.add_column(tr(f"map.col.{column}", language), justify=justify)  # type: ignore[arg-type]
    for index, p in enumerate(view.now.pickers):
        mark = "@ " if index == view.selected else "  "
        table.add_row(
            Text(f"{mark}{p.badge} {p.name}"),
            Text(p.cart),
            Text(p.location or "-"),
            f"{p.scanned_at:%H:%M}" if p.scanned_at else "-",
            str(len(p.remaining)),
            f"{view.metres[index]:.0f}",
        )
    return table


class FloorMapScreen(Screen[None]):
    DEFAULT_CSS = """
    #map-body { height: 1fr; }
    #map-floor { width: auto; padding: 0 1; }
    #map-side { width: 1fr; }
    """
    GUIDE = Words(
        en="The floor now: @ is the chosen picker at their last scan, 1, 2, 3... their remaining "
        "stops, P the other pickers, C shelves waiting for a count, D the depot. N chooses the "
        "next picker; the map refreshes every 5 seconds (R now). Esc goes back.",
        zh="当前仓库：@ 为所选拣货员最后扫描的位置，1、2、3…为其剩余停靠点，P 为其他拣货员，"
        "C 为待盘点库位，D 为出发点。N 选择下一位拣货员；地图每 5 秒刷新（R 立即刷新）。Esc 返回。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_picker", "Next picker", id="map_next"),
        Binding("tab", "next_picker", "Next picker", show=False),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected = 0
        self._view: FloorView | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="map-title", classes="title", markup=False)
        with Horizontal(id="map-body"):
            yield Static(id="map-floor", markup=False)
            with VerticalScroll(id="map-side"):
                yield Static(id="map-pickers", markup=False)
        yield Static(id="map-message", classes="message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.layout_ = Layout.from_settings(wms_app(self).settings.layout)
        self.refresh_language()
        self.set_interval(REFRESH_SECONDS, self.action_refresh)

    def refresh_language(self) -> None:
        self.query_one("#map-title", Static).update(wms_app(self).tr("map.title"))
        if self._view is not None:
            self._show(self._view)
        self.action_refresh()

    def _map_size(self) -> tuple[int, int]:
        width, height = self.app.size
        return max(40, min(48, width // 2)), max(10, height - 4)

    def action_refresh(self) -> None:
        app = wms_app(self)
        operator, selected, size, layout = (
            app.operator,
            self.selected,
            self._map_size(),
            self.layout_,
        )
        if operator is None:
            return

        def job() -> FloorView:
            return load_floor(app.database, layout, operator.actor, selected, size)

        run_in_background(self, job, self._show, self._failed, group="floor-map")

    def action_next_picker(self) -> None:
        self.selected += 1
        self.action_refresh()

    def _failed(self, error: BaseException) -> None:
        message = self.query_one("#map-message", Static)
        message.set_class(True, "error")
        message.update(wms_app(self).error_sentence(error))

    def _show(self, view: FloorView) -> None:
        self._view = view
        language = wms_app(self).language
        self.query_one("#map-floor", Static).update(Text("\n".join(view.lines)))
        self.query_one("#map-pickers", Static).update(pickers_table(view, language))
        message = self.query_one("#map-message", Static)
        message.set_class(False, "error")
        message.update(
            tr("map.counts", language, n=len(view.now.count_locations))
            if view.now.pickers
            else tr("map.nobody", language, n=len(view.now.count_locations))
        )
