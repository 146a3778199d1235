"""What the handheld shows, as text at 40x16, compared with files in ``snapshots/``.

Run with ``WMS_UPDATE_SNAPSHOTS=1`` to write the files again after an intended change (then
read the diff before committing it); a missing file fails otherwise.
"""

from __future__ import annotations

import pytest

from tests import builders as f
from tests.tui.terminal import Terminal, matches_snapshot
from tests.tui.test_picking import HANDHELD, build_cart
from warehouse.db import Database
from warehouse_tui.app import WmsApp


@pytest.fixture
def handheld_cart(sqlite_database: Database) -> None:
    with sqlite_database.unit_of_work() as session:
        build_cart(session)


@pytest.fixture
def pick_app(sqlite_database: Database, handheld_cart: None) -> WmsApp:
    return WmsApp(f.SITE.model_copy(update={"language": "en"}), sqlite_database)


@pytest.fixture
def zh_app(sqlite_database: Database, handheld_cart: None) -> WmsApp:
    return WmsApp(f.SITE.model_copy(update={"language": "zh_CN"}), sqlite_database)


async def _open_pick(terminal: Terminal) -> None:
    await terminal.log_in("P100", "1234")
    await terminal.press("1")


class TestHandheldScreens:
    async def test_go_to_the_first_shelf(self, pick_app: WmsApp) -> None:
        async with pick_app.run_test(size=HANDHELD) as pilot:
            terminal = Terminal(pick_app, pilot)
            await _open_pick(terminal)
            matches_snapshot("pick_location_en", terminal.screen_text())

    async def test_scan_item_in_chinese(self, zh_app: WmsApp) -> None:
        async with zh_app.run_test(size=HANDHELD) as pilot:
            terminal = Terminal(zh_app, pilot)
            await _open_pick(terminal)
            await terminal.scan("A-01-05-1-A")
            matches_snapshot("pick_item_zh", terminal.screen_text())

    async def test_a_wrong_location_is_told(self, pick_app: WmsApp) -> None:
        async with pick_app.run_test(size=HANDHELD) as pilot:
            terminal = Terminal(pick_app, pilot)
            await _open_pick(terminal)
            await terminal.scan("B-01-04-1-A")
            matches_snapshot("pick_wrong_location_en", terminal.screen_text())

    async def test_the_short_pick_dialog(self, pick_app: WmsApp) -> None:
        async with pick_app.run_test(size=HANDHELD) as pilot:
            terminal = Terminal(pick_app, pilot)
            await _open_pick(terminal)
            await terminal.scan("A-01-05-1-A")
            await terminal.press("f2")
            matches_snapshot("short_pick_en", terminal.screen_text())

    async def test_comfortable_at_80x24(self, pick_app: WmsApp) -> None:
        async with pick_app.run_test(size=(80, 24)) as pilot:
            terminal = Terminal(pick_app, pilot)
            await _open_pick(terminal)
            await terminal.scan("A-01-05-1-A")
            await terminal.scan("2")
            matches_snapshot("pick_wrong_item_80x24", terminal.screen_text())
