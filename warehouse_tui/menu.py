"""The home screen's menu: which screens each role can open, by digit.

A new role screen registers here; the home screen shows only what the operator's role may use.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from textual.screen import Screen

from warehouse_tui.i18n import tr


@dataclass(frozen=True)
class MenuEntry:
    key: str
    """The digit that opens it (a handheld has digits, Enter and Esc)."""
    label_key: str
    """Its words in ``i18n.TEXTS``."""
    roles: frozenset[str]
    screen: str
    """``module:Class`` of the screen, imported when opened (start-up stays fast)."""

    def label(self, language: str) -> str:
        return tr(self.label_key, language)

    def build(self) -> Screen[Any]:
        module_name, class_name = self.screen.split(":")
        screen_class = getattr(importlib.import_module(module_name), class_name)
        return screen_class()  # type: ignore[no-any-return,unused-ignore]


ALL = frozenset({"picker", "packer", "supervisor", "admin"})
MENU: list[MenuEntry] = [
    MenuEntry(
        "1",
        "menu.pick",
        frozenset({"picker", "supervisor", "admin"}),
        "warehouse_tui.screens.picker.pick:PickScreen",
    ),
    MenuEntry(
        "3",
        "menu.handover",
        frozenset({"packer", "supervisor", "admin"}),
        "warehouse_tui.screens.dock.handover:HandoverScreen",
    ),
    MenuEntry(
        "4",
        "menu.exceptions",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.dock.exceptions:DeliveryExceptionsScreen",
    ),
    MenuEntry(
        "9",
        "menu.figures",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.figures:FiguresScreen",
    ),
]


def menu_for(role: str) -> list[MenuEntry]:
    return sorted((entry for entry in MENU if role in entry.roles), key=lambda e: e.key)
