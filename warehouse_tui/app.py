"""The Textual application: login, then the operator's role home screen.

Kept small: screens live in ``screens/``, dialogs in ``dialogs/``, words in ``i18n.py``.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from warehouse.config import Settings
from warehouse.db import Database
from warehouse.errors import WarehouseError
from warehouse_tui.context import Context
from warehouse_tui.crashlog import write_crash_log
from warehouse_tui.i18n import other_language, tr
from warehouse_tui.operator import Operator
from warehouse_tui.widgets.keybar import KeyBar


class WmsApp(App[None]):
    """One operator session at one terminal."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "wms"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="help"),
        Binding("f9", "toggle_language", "中文/EN", id="language"),
        Binding("ctrl+q", "quit_terminal", "Quit", id="quit", priority=True),
    ]
    """F1 help everywhere, F9 switches language, Ctrl+Q quits (after a yes)."""

    language: reactive[str] = reactive("zh_CN")

    def __init__(self, settings: Settings, database: Database) -> None:
        super().__init__()
        self.settings = settings
        self.database = database
        self.operator: Operator | None = None
        self.set_reactive(WmsApp.language, settings.language)

    def tr(self, key: str, **params: object) -> str:
        return tr(key, self.language, **params)

    def on_mount(self) -> None:
        from warehouse_tui.screens.login import LoginScreen

        self.title = self.tr("app.title")
        self.sub_title = f"{self.settings.site.code} {self.settings.site.name}"
        self.push_screen(LoginScreen())

    def signed_in(self, operator: Operator) -> None:
        from warehouse_tui.screens.home import HomeScreen

        self.operator = operator
        if operator.language:
            self.language = operator.language
        self.switch_screen(HomeScreen())

    def sign_out(self) -> None:
        from warehouse_tui.screens.login import LoginScreen

        if self.operator is not None:
            self._give_back_work(self.operator)
        self.operator = None
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(LoginScreen())

    def _give_back_work(self, operator: Operator) -> None:
        """Logging out gives a held pick batch back to the queue, its progress kept."""
        from picking.floor import release_batch

        def job() -> None:
            with self.database.unit_of_work() as session:
                release_batch(session, operator.actor, note="logged out")

        self.run_worker(job, thread=True, group="logout", exit_on_error=False)

    def watch_language(self, language: str) -> None:
        self.title = self.tr("app.title")
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_language", None)
            if callable(refresh):
                refresh()
        self.refresh_bindings()
        for keybar in self.screen.query(KeyBar):
            keybar.refresh_keys()

    def action_toggle_language(self) -> None:
        self.language = other_language(self.language)

    def action_help(self) -> None:
        from warehouse_tui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_quit_terminal(self) -> None:
        from warehouse_tui.dialogs.confirm import ConfirmScreen

        def _answer(yes: bool | None) -> None:
            if yes:
                self.exit()

        if not isinstance(self.screen, ConfirmScreen):
            self.push_screen(ConfirmScreen(self.tr("confirm.quit")), _answer)

    def error_sentence(self, error: BaseException) -> str:
        """One sentence for the operator; unexpected errors are logged in full."""
        if isinstance(error, WarehouseError):
            return error.localized(self.language)
        from sqlalchemy.exc import OperationalError

        if isinstance(error, OperationalError):
            return self.tr("error.database")
        log = write_crash_log(error)
        return self.tr("error.unexpected", detail=type(error).__name__, log=log)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Any worker that fails without handling it: one sentence, the bell, nothing lost."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.bell()
            self.notify(
                self.error_sentence(event.worker.error), severity="error", timeout=8, markup=False
            )


def make_app(ctx: Context) -> WmsApp:
    """Build the app for the command line and for tests alike."""
    return WmsApp(ctx.settings, ctx.database)


def run_app(ctx: Context) -> int:
    from warehouse.migrate import is_up_to_date

    if not is_up_to_date(ctx.database):
        raise WarehouseError("The database schema is not up to date: run 'wms db upgrade' first.")
    from warehouse.key_rotation import opening_cipher

    opening_cipher(ctx.settings, ctx.database)  # a key that opens no stored receiver: refused
    mall = None
    if ctx.settings.mall.base_url == "builtin":
        from warehouse_tui.builtin_mall import BuiltinMall

        mall = BuiltinMall(ctx.settings, ctx.database)
        mall.start()
    from warehouse_tui.tracking_work import builtin_carriers

    carrier = None
    if builtin_carriers(ctx.settings):
        from warehouse_tui.builtin_carrier import BuiltinCarrier

        carrier = BuiltinCarrier(ctx.settings, ctx.database)
        carrier.start()
    try:
        make_app(ctx).run()
    finally:
        if carrier is not None:
            carrier.stop()
        if mall is not None:
            mall.stop()
    return 0
