"""A supervisor's report for a period: a day or seven (site time), moved with [ and ], widened
with W, loaded in the background and shown again in the other language. The figures and the
merchant statement are such screens; each says only what it loads, writes and shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse_tui.screens.figures_jobs import Period
from warehouse_tui.work import run_in_background, wms_app

Loaded = TypeVar("Loaded")

PERIOD_KEYS: list[BindingType] = [
    Binding("left_square_bracket", "shift(-1)", "-1 day", id="figures_earlier", key_display="["),
    Binding("right_square_bracket", "shift(1)", "+1 day", id="figures_later", key_display="]"),
    Binding("w", "widen", "Day/week", id="figures_widen"),
]
"""The period keys; a screen adds its own, then :data:`LAST_KEYS`."""
LAST_KEYS: list[BindingType] = [
    Binding("r", "refresh", "Refresh", id="refresh"),
    Binding("escape", "app.pop_screen", "Back", id="back"),
]


class PeriodScreen(Screen[None], Generic[Loaded]):
    NAME: ClassVar[str]
    """The screen's name: its widget ids (``<name>-title``, ``<name>-message``), title word
    (``<name>.title``) and background group."""

    def __init__(self, period: Period | None = None) -> None:
        super().__init__()
        self._period = period
        self._loaded: Loaded | None = None

    def load(self, database: Database, actor: Actor, period: Period) -> Loaded:
        raise NotImplementedError

    def show(self, loaded: Loaded) -> None:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.period = self._period or Period.today(wms_app(self).settings.site.timezone)
        self.refresh_language()

    def refresh_language(self) -> None:
        app = wms_app(self)
        self.query_one(f"#{self.NAME}-title", Static).update(
            app.tr(f"{self.NAME}.title", period=self.period.label())
        )
        if self._loaded is not None:
            self._show(self._loaded)
        self.action_refresh()

    def action_refresh(self) -> None:
        app = wms_app(self)
        operator, period = app.operator, self.period
        if operator is None:
            return

        def job() -> Loaded:
            return self.load(app.database, operator.actor, period)

        run_in_background(self, job, self._show, self._failed, group=self.NAME)

    def action_shift(self, days: int) -> None:
        self.period = self.period.shifted(days)
        self.refresh_language()

    def action_widen(self) -> None:
        self.period = self.period.widened()
        self.refresh_language()

    def export(self, write: Callable[[Database, Settings, Actor, Period], Path]) -> None:
        """Write a file in the background and say where it went."""
        app = wms_app(self)
        operator, period = app.operator, self.period
        if operator is None:
            return

        def job() -> Path:
            return write(app.database, app.settings, operator.actor, period)

        def done(path: Path) -> None:
            self._say(app.tr("figures.exported", path=str(path)))

        run_in_background(self, job, done, self._failed, group=f"{self.NAME}-export")

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one(f"#{self.NAME}-message", Static)
        message.set_class(error, "error")
        message.update(text)

    def _failed(self, error: BaseException) -> None:
        self._say(wms_app(self).error_sentence(error), error=True)

    def _show(self, loaded: Loaded) -> None:
        self._loaded = loaded
        self.show(loaded)
