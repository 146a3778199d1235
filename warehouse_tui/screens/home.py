"""The role home screen: who is logged in, what they can open, and the work waiting now."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from warehouse.orders import state_name
from warehouse.queues import Figures, current_figures
from warehouse.words import Words
from warehouse_tui.i18n import tr
from warehouse_tui.menu import MENU_KEYS, menu_for
from warehouse_tui.widgets.keybar import KeyBar
from warehouse_tui.work import run_in_background, wms_app

REFRESH_SECONDS = 15


class HomeScreen(Screen[None]):
    GUIDE = Words(
        en="Press the digit of a task to open it. The figures below refresh every 15 seconds (R refreshes now). Esc logs you out.",
        zh="按任务前的数字键打开该任务。下方数据每 15 秒刷新一次（按 R 立即刷新）。按 Esc 注销。",
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, f"open('{key}')", show=False) for key in MENU_KEYS),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("escape", "logout", "Log out", id="logout"),
    ]
    """Menu keys (digits, then letters) open entries; R refreshes; Esc logs out."""

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static(id="home-who", classes="title", markup=False)
            yield Static(id="home-menu")
            yield Static(id="home-figures")
            yield Static(id="home-sync", classes="dim")
        yield KeyBar()

    def on_mount(self) -> None:
        self._figures: Figures | None = None
        self.refresh_language()
        self.action_refresh()
        self.set_interval(REFRESH_SECONDS, self._tick)

    def refresh_language(self) -> None:
        app = wms_app(self)
        operator = app.operator
        if operator is None:
            return
        language = app.language
        self.query_one("#home-who", Static).update(
            f"{operator.name} · {app.tr('role.' + operator.role)} · {app.settings.site.code}"
        )
        entries = menu_for(operator.role)
        lines = [app.tr("home.menu")] if entries else [app.tr("home.no_menu")]
        lines += [f" [b]{e.key}[/b]  {e.label(language)}" for e in entries]
        self.query_one("#home-menu", Static).update("\n".join(lines))
        self._show_figures()

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def _tick(self) -> None:
        """The 15-second refresh, only while the home screen is shown (not behind a station)."""
        if self.is_current:
            self.action_refresh()

    def action_refresh(self) -> None:
        app = wms_app(self)

        def job() -> Figures:
            with app.database.unit_of_work(read_only=True, replica=True) as session:
                return current_figures(session)

        run_in_background(self, job, self._loaded, self._failed, group="home-figures")

    def _loaded(self, figures: Figures) -> None:
        self._figures = figures
        self._show_figures()

    def _failed(self, error: BaseException) -> None:
        self.query_one("#home-sync", Static).update(wms_app(self).error_sentence(error))

    def _show_figures(self) -> None:
        app = wms_app(self)
        figures = self._figures
        panel = self.query_one("#home-figures", Static)
        if figures is None:
            panel.update(app.tr("home.loading"))
            return
        rows = [f"[b]{app.tr('home.figures')}[/b]"]
        for state, count in sorted(figures.orders_by_state.items()):
            rows.append(f" {_cells(state_name(state, app.language), 12)}{count:>6}")
        if figures.open_shortages:
            rows.append(f" {_cells(app.tr('home.shortages'), 12)}{figures.open_shortages:>6}")
        for kind, word in (("put_back", "put_backs"), ("unpack", "unpacks"), ("count", "counts")):
            if figures.stock_tasks.get(kind):
                label = _cells(app.tr(f"home.{word}"), 12)
                rows.append(f" {label}{figures.stock_tasks[kind]:>6}")
        panel.update("\n".join(rows))
        sync = figures.sync
        text = (
            tr(
                "home.sync",
                app.language,
                when=f"{sync.last_success_at:%H:%M:%S}",
                backlog=sync.backlog,
            )
            if sync.last_success_at
            else app.tr("home.sync_never")
        )
        self.query_one("#home-sync", Static).update(text)

    def action_open(self, key: str) -> None:
        operator = wms_app(self).operator
        if operator is None:
            return
        for entry in menu_for(operator.role):
            if entry.key == key:
                self.app.push_screen(entry.build())
                return
        self.app.bell()

    def action_logout(self) -> None:
        from warehouse_tui.dialogs.confirm import ConfirmScreen

        app = wms_app(self)

        def _answer(yes: bool | None) -> None:
            if yes:
                app.sign_out()

        self.app.push_screen(ConfirmScreen(app.tr("confirm.logout")), _answer)


def _cells(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal cells (a Chinese character takes two)."""
    return text + " " * max(0, width - cell_len(text))
