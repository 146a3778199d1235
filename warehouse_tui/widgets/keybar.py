"""The key line at the bottom of every screen, in the operator's language.

Textual's Footer shows each binding's fixed description; a terminal used in two languages
needs the words from ``i18n`` (``key.<binding id>``), so this bar renders them itself.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static

from warehouse_tui.i18n import TEXTS, tr

SHORT_NAMES = {"escape": "Esc", "enter": "Enter", "ctrl+q": "^Q", "space": "Space"}


def key_name(key: str) -> str:
    """Short names that fit a 40-column handheld: F1, Esc, ^Q."""
    return SHORT_NAMES.get(key, key.upper() if len(key) <= 3 else key)


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $text;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.refresh_keys()
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh_keys())

    def refresh_keys(self) -> None:
        language = getattr(self.app, "language", "en")
        parts: list[str] = []
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding: Binding = active.binding
            if not binding.show or not active.enabled or key in seen:
                continue
            seen.add(key)
            own = getattr(self.screen, "key_label", None)  # a screen may rename a key by stage
            word = (own(binding.id) if callable(own) else None) or f"key.{binding.id}"
            label = tr(word, language) if word in TEXTS else binding.description
            shown = (binding.key_display or key_name(binding.key)).replace("[", "\\[")
            parts.append(f"[b]{shown}[/b] {label}")
        self.update("  ".join(parts))
