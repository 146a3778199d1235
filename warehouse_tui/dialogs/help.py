"""F1: what this screen is for and which keys it takes."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from warehouse.words import Words
from warehouse_tui.i18n import tr


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("f1", "dismiss", "Close"),
        Binding("enter", "dismiss", "Close", show=False),
    ]
    """Esc, F1 or Enter closes the help."""

    def __init__(self, about: Screen[Any]) -> None:
        super().__init__()
        self._about = about

    def compose(self) -> ComposeResult:
        language = getattr(self.app, "language", "en")
        guide = getattr(self._about, "GUIDE", None)
        lines = [
            f"[b]{tr('help.title', language)}[/b]",
            escape(guide.render(language)) if isinstance(guide, Words) else "",
            "",
            f"[b]{tr('help.keys', language)}[/b]",
        ]
        seen: set[str] = set()
        for binding in [*self._about.BINDINGS, *self.app.BINDINGS]:
            if not isinstance(binding, Binding) or not binding.show or binding.key in seen:
                continue
            seen.add(binding.key)
            label = tr(f"key.{binding.id}", language) if binding.id else binding.description
            lines.append(f" {binding.key.upper():<8} {label}")
        lines += ["", tr("help.close", language)]
        with VerticalScroll(id="help-box"):
            yield Static("\n".join(lines), id="help-text")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
