"""A yes/no question answered with Enter (yes) or Esc (no)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from warehouse_tui.i18n import tr


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "answer(True)", "Yes"),
        Binding("escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        language = getattr(self.app, "language", "en")
        with Vertical(id="confirm-box"):
            yield Static(self._question, classes="title")
            yield Static(f"{tr('confirm.yes', language)}   {tr('confirm.no', language)}")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
