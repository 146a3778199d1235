"""What the handheld shows, as text at 40x16, compared with files in ``snapshots/``.

Run with ``WMS_UPDATE_SNAPSHOTS=1`` to write the files again after an intended change (then
read the diff before committing it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.tui.test_picking import HANDHELD, build_cart, open_pick, scan
from warehouse.config import Settings
from warehouse.db import Database
from warehouse_tui.app import WmsApp

SNAPSHOTS = Path(__file__).parent / "snapshots"


def screen_text(app: WmsApp) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips) + "\n"


def matches(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("WMS_UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name}: screen differs from {path}"


@pytest.fixture
def handheld_cart(sqlite_database: Database) -> None:
    with sqlite_database.unit_of_work() as session:
        build_cart(session)


@pytest.fixture
def pick_app(sqlite_database: Database, settings: Settings, handheld_cart: None) -> WmsApp:
    return WmsApp(settings.model_copy(update={"language": "en"}), sqlite_database)


@pytest.fixture
def zh_app(sqlite_database: Database, settings: Settings, handheld_cart: None) -> WmsApp:
    return WmsApp(settings.model_copy(update={"language": "zh_CN"}), sqlite_database)


class TestHandheldScreens:
    async def test_go_to_the_first_shelf(self, pick_app: WmsApp) -> None:
        async with pick_app.run_test(size=HANDHELD) as pilot:
            await open_pick(pick_app, pilot)
            matches("pick_location_en", screen_text(pick_app))

    async def test_scan_item_in_chinese(self, zh_app: WmsApp) -> None:
        async with zh_app.run_test(size=HANDHELD) as pilot:
            await open_pick(zh_app, pilot)
            await scan(zh_app, pilot, "A-01-05-1-A")
            matches("pick_item_zh", screen_text(zh_app))

    async def test_a_wrong_location_is_told(self, pick_app: WmsApp) -> None:
        async with pick_app.run_test(size=HANDHELD) as pilot:
            await open_pick(pick_app, pilot)
            await scan(pick_app, pilot, "B-01-04-1-A")
            matches("pick_wrong_location_en", screen_text(pick_app))

    async def test_the_short_pick_dialog(self, pick_app: WmsApp) -> None:
        async with pick_app.run_test(size=HANDHELD) as pilot:
            await open_pick(pick_app, pilot)
            await scan(pick_app, pilot, "A-01-05-1-A")
            await pilot.press("f2")
            await pilot.pause()
            matches("short_pick_en", screen_text(pick_app))

    async def test_comfortable_at_80x24(self, pick_app: WmsApp) -> None:
        async with pick_app.run_test(size=(80, 24)) as pilot:
            await open_pick(pick_app, pilot)
            await scan(pick_app, pilot, "A-01-05-1-A")
            await scan(pick_app, pilot, "2")
            matches("pick_wrong_item_80x24", screen_text(pick_app))
