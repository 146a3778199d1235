"""The home screen's menu: which screens each role can open, by digit.

A new role screen registers here; the home screen shows only what the operator's role may use.
"""

from __future__ import annotations

import importlib
import importlib.util
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

    def available(self) -> bool:
        """The screen's module exists in this build."""
        try:
            return importlib.util.find_spec(self.screen.split(":")[0]) is not None
        except ModuleNotFoundError:
            return False

    def build(self) -> Screen[Any]:
        module_name, class_name = self.screen.split(":")
        screen_class = getattr(importlib.import_module(module_name), class_name)
        return screen_class()  # type: ignore[no-any-return,unused-ignore]


ALL = frozenset({"picker", "packer", "returns", "supervisor", "admin"})
MENU: list[MenuEntry] = [
    MenuEntry(
        "1",
        "menu.pick",
        frozenset({"picker", "supervisor", "admin"}),
        "warehouse_tui.screens.picker.pick:PickScreen",
    ),
    MenuEntry(
        "2",
        "menu.pack",
        frozenset({"packer", "supervisor", "admin"}),
        "warehouse_tui.screens.packer.pack:PackScreen",
    ),
    MenuEntry(
        "3",
        "menu.handover",
        frozenset({"packer", "supervisor", "admin"}),
        "warehouse_tui.screens.dock.handover:HandoverScreen",
    ),
    MenuEntry(
        "4",
        "menu.delivery_exceptions",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.dock.exceptions:DeliveryExceptionsScreen",
    ),
    MenuEntry(
        "5",
        "menu.returns",
        frozenset({"returns", "supervisor", "admin"}),
        "warehouse_tui.screens.returns.station:ReturnStationScreen",
    ),
    MenuEntry(
        "6",
        "menu.return_queues",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.returns.supervisor:ReturnQueuesScreen",
    ),
    MenuEntry(
        "7",
        "menu.count",
        frozenset({"picker", "supervisor", "admin"}),
        "warehouse_tui.screens.picker.count:CountScreen",
    ),
    MenuEntry(
        "0",
        "menu.stock_tasks",
        frozenset({"packer", "returns", "supervisor", "admin"}),
        "warehouse_tui.screens.stock_tasks.tasks:StockTasksScreen",
    ),
    MenuEntry(
        "8",
        "menu.statement",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.statement:StatementScreen",
    ),
    MenuEntry(
        "9",
        "menu.figures",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.figures:FiguresScreen",
    ),
    MenuEntry(
        "a",
        "menu.queue",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.supervisor.queue:QueueScreen",
    ),
    MenuEntry(
        "b",
        "menu.held",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.supervisor.held:HeldScreen",
    ),
    MenuEntry(
        "c",
        "menu.shortages",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.supervisor.shortages:ShortagesScreen",
    ),
    MenuEntry(
        "d",
        "menu.floor",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.supervisor.floor:FloorScreen",
    ),
    MenuEntry(
        "e",
        "menu.mall",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.supervisor.mall:MallScreen",
    ),
    MenuEntry(
        "f",
        "menu.setaside",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.supervisor.setaside:SetAsideScreen",
    ),
    MenuEntry(
        "g",
        "menu.floor_map",
        frozenset({"supervisor", "admin"}),
        "warehouse_tui.screens.floor_map:FloorMapScreen",
    ),
]
"""Floor roles open their work with a digit (a handheld has digits, Enter and Esc); the
supervisor's desk screens use letters after the digits. Keys are unique across the menu; 0
comes after 9, as on a keypad."""

KEY_ORDER = "1234567890abcdefghijklmnopqrstuvwxyz"


def menu_for(role: str) -> list[MenuEntry]:
    """What ``role`` may open, digits first, in key order (only screens this build has)."""
    return sorted(
        (entry for entry in MENU if role in entry.roles and entry.available()),
        key=lambda e: KEY_ORDER.index(e.key),
    )


MENU_KEYS = tuple(entry.key for entry in MENU)
assert len(set(MENU_KEYS)) == len(MENU_KEYS), "menu keys must be unique"
