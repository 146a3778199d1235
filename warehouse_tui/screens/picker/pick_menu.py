"""F4 on the pick screen: give the batch back, or go back to the home screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from warehouse_tui.i18n import tr

CHOICES = ("release", "home")


class PickMenu(ModalScreen[str | None]):
    """Answers ``release``, ``home`` or None (Esc: carry on picking)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "choose('release')", show=False),
        Binding("2", "choose('home')", show=False),
        Binding("escape", "choose('')", "Back", id="back"),
        Binding("f4", "choose('')", show=False),
    ]
    """1 gives the batch back, 2 goes home, Esc or F4 closes the menu."""

    def compose(self) -> ComposeResult:
        language = getattr(self.app, "language", "en")
        lines = [f" {n}  {tr('menu.' + c, language)}" for n, c in enumerate(CHOICES, start=1)]
        with Vertical(id="pick-menu-box"):
            yield Static(tr("menu.title", language), classes="title")
            yield Static("\n".join(lines))
            yield Static(tr("menu.close", language), classes="dim")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)
