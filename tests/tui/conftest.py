"""The terminal app on a demo database, driven by key presses through Textual's Pilot."""

from __future__ import annotations

import base64
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from warehouse.config import Settings
from warehouse.db import Database
from warehouse.demo import seed_demo
from warehouse.pii import ReceiverCipher
from warehouse_tui.app import WmsApp


@pytest.fixture(scope="session")
def _demo_template(_sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeded once per run; each test gets its own copy of the file."""
    from tests.conftest import TEST_KEY

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy(_sqlite_template, path)
    database = Database.from_url(f"sqlite:///{path}")
    cipher = ReceiverCipher(base64.b64decode(TEST_KEY))
    with database.unit_of_work() as session:
        seed_demo(session, Settings(), cipher, seed=7, orders=30, today=date(2026, 11, 24))
    database.dispose()
    return path


@pytest.fixture
def demo_database(_demo_template: Path, tmp_path: Path) -> Any:
    path = tmp_path / "demo.db"
    shutil.copy(_demo_template, path)
    database = Database.from_url(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.fixture
def app(demo_database: Database, settings: Settings) -> WmsApp:
    return WmsApp(settings.model_copy(update={"language": "en"}), demo_database)


async def type_and_enter(pilot: object, text: str) -> None:
    """What a keyboard-wedge scanner does: the characters, then Enter."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press(*list(text), "enter")
    await pilot.pause()
