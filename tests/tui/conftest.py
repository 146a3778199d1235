"""The terminal app on a demo database, driven by key presses through Textual's Pilot."""

from __future__ import annotations

from datetime import date

import pytest

from warehouse.config import Settings
from warehouse.db import Database
from warehouse.demo import seed_demo
from warehouse.pii import ReceiverCipher
from warehouse_tui.app import WmsApp


@pytest.fixture
def demo_database(
    sqlite_database: Database, settings: Settings, cipher: ReceiverCipher
) -> Database:
    with sqlite_database.unit_of_work() as session:
        seed_demo(session, settings, cipher, seed=7, orders=30, today=date(2026, 11, 24))
    return sqlite_database


@pytest.fixture
def app(demo_database: Database, settings: Settings) -> WmsApp:
    return WmsApp(settings.model_copy(update={"language": "en"}), demo_database)


async def type_and_enter(pilot: object, text: str) -> None:
    """What a keyboard-wedge scanner does: the characters, then Enter."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press(*list(text), "enter")
    await pilot.pause()
