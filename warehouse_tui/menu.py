"""The home screen's menu: which screens each role can open, by digit.

A new role screen registers here; the home screen shows only what the operator's role may use.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from textual.screen import Screen


@dataclass(frozen=True)
class MenuEntry:
    key: str
    """The digit that opens it (a handheld has digits, Enter and Esc)."""
    english: str
    chinese: str
    roles: frozenset[str]
    screen: str
    """``module:Class`` of the screen, imported when opened (start-up stays fast)."""

    def label(self, language: str) -> str:
        return self.chinese if language.startswith("zh") else self.english

    def build(self) -> Screen[Any]:
        module_name, class_name = self.screen.split(":")
        screen_class = getattr(importlib.import_module(module_name), class_name)
        return screen_class()  # type: ignore[no-any-return,unused-ignore]


ALL = frozenset({"picker", "packer", "supervisor", "admin"})
MENU: list[MenuEntry] = [
    MenuEntry(
        "1",
        "Pick",
        "拣货",
        frozenset({"picker", "supervisor", "admin"}),
        "warehouse_tui.screens.picker.pick:PickScreen",
    ),
    MenuEntry(
        "9",
        "Shift figures",
        "班次数据",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.figures:FiguresScreen",
    ),
]


def menu_for(role: str) -> list[MenuEntry]:
    return sorted((entry for entry in MENU if role in entry.roles), key=lambda e: e.key)
