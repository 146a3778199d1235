"""Regenerate the README's screenshots: ``.venv/bin/python docs/make_screenshots.py``.

Drives the real app on a throw-away demo database with Textual's Pilot and saves SVGs.
"""

from __future__ import annotations

import asyncio
import base64
import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from picking.waves import plan_wave
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.demo import seed_demo
from warehouse.migrate import upgrade
from warehouse.pii import ReceiverCipher
from warehouse_tui.app import WmsApp

OUT = Path(__file__).with_name("screenshots")


async def main() -> None:
    os.environ.setdefault("WMS_SECRET_KEY", base64.b64encode(os.urandom(32)).decode())
    with tempfile.TemporaryDirectory() as tmp:
        database = Database.from_url(f"sqlite:///{tmp}/demo.db")
        upgrade(database)
        settings = Settings(language="en")
        cipher = ReceiverCipher.from_settings(settings)
        with database.unit_of_work() as session:
            seed_demo(session, settings, cipher, seed=7, orders=120, today=date(2026, 11, 24))
        allocate_pending(
            database, actor=Actor.system("docs"), today=date(2026, 11, 24), keep_results=False
        )
        with database.unit_of_work() as session:
            plan_wave(session, settings, Actor.system("docs"), now=datetime.now(UTC))
        app = WmsApp(settings, database)
        async with app.run_test(size=(40, 16)) as pilot:
            await pilot.press(*"P001", "enter")
            await pilot.pause()
            app.save_screenshot(str(OUT / "login.svg"))
        app = WmsApp(settings.model_copy(update={"language": "zh_CN"}), database)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*"S001", "enter", *"3333", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause(0.5)
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.save_screenshot(str(OUT / "home.svg"))
        app = WmsApp(settings, database)
        async with app.run_test(size=(40, 16)) as pilot:
            await pilot.press(*"P001", "enter", *"1111", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("1")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause(0.3)
            app.save_screenshot(str(OUT / "pick.svg"))
        database.dispose()


if __name__ == "__main__":
    asyncio.run(main())
