"""Regenerate the README's screenshots: ``.venv/bin/python docs/make_screenshots.py``.

Drives the real app on throw-away demo databases with Textual's Pilot and saves SVGs: the
handheld and the supervisor's home on a seeded site, then the packing station and the handover
on a site made by ``wms demo seed`` (carts picked and orders packed by the real services).
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from textual.pilot import Pilot

from picking.waves import plan_wave
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.demo import seed_demo
from warehouse.migrate import upgrade
from warehouse.models import PickBatch
from warehouse.pii import ReceiverCipher
from warehouse_tui.app import WmsApp
from warehouse_tui.cli import main as wms
from warehouse_tui.context import Context

OUT = Path(__file__).with_name("screenshots")
ROOT = Path(__file__).resolve().parents[1]


async def settle(app: WmsApp, pilot: Pilot[None], rounds: int = 3) -> None:
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)


async def type_in(app: WmsApp, pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text, "enter")
    await settle(app, pilot)


async def dock_and_station() -> None:
    """The packer's station with a cart scanned, and the handover with the SF parcels on it."""
    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp)
        shutil.copy(ROOT / "config.toml", here / "config.toml")
        os.environ["WMS_DATABASE_URL"] = f"sqlite:///{here}/demo.db"
        os.chdir(here)
        assert wms(["--config", str(here / "config.toml"), "demo", "seed"]) == 0
        context = Context(here / "config.toml")
        settings = context.settings.model_copy(update={"language": "en"})
        database = context.database
        with database.unit_of_work(read_only=True) as session:
            cart = session.scalars(
                select(PickBatch.code).where(PickBatch.state == "done").order_by(PickBatch.id)
            ).first()
        app = WmsApp(settings, database)
        async with app.run_test(size=(100, 30)) as pilot:
            await type_in(app, pilot, "K001")
            await type_in(app, pilot, "2222")
            await pilot.press("2")
            await settle(app, pilot)
            if cart:
                await type_in(app, pilot, cart)
            app.save_screenshot(str(OUT / "pack.svg"))
        app = WmsApp(settings, database)
        async with app.run_test(size=(80, 24)) as pilot:
            await type_in(app, pilot, "K001")
            await type_in(app, pilot, "2222")
            await pilot.press("3")
            await settle(app, pilot)
            await type_in(app, pilot, "SF")
            app.save_screenshot(str(OUT / "handover.svg"))
        database.dispose()
        os.chdir(ROOT)


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
    await dock_and_station()


if __name__ == "__main__":
    asyncio.run(main())
