"""The terminal app on a fresh database with a supervisor who logs in as on the floor."""

from __future__ import annotations

import pytest

from warehouse.config import Settings
from warehouse.db import Database
from warehouse.users import SITE_SETUP, add_user
from warehouse_tui.app import WmsApp

BADGE, PIN = "S-SUP", "3579"
SCREEN, SMALL = (120, 40), (80, 24)


@pytest.fixture
def supervisor_app(sqlite_database: Database, settings: Settings) -> WmsApp:
    with sqlite_database.unit_of_work() as session:
        add_user(session, SITE_SETUP, badge=BADGE, name="主管", role="supervisor", pin=PIN)
    return WmsApp(settings.model_copy(update={"language": "en"}), sqlite_database)
