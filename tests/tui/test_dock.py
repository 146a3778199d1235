"""At the dock: a packer hands parcels to the SF courier on the terminal; one ZTO parcel rings
the bell; the supervisor then sees the parcel left behind in the exception queue."""

from __future__ import annotations

from pathlib import Path

from shipping.handover_day import end_of_day
from tests import builders as f
from tests.delivery.helpers import site
from tests.tui.terminal import Terminal
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.users import SITE_SETUP, add_user
from warehouse_tui.app import WmsApp
from warehouse_tui.screens.dock.exceptions import DeliveryExceptionsScreen
from warehouse_tui.screens.dock.handover import HandoverScreen


async def test_a_packer_hands_over_to_sf_and_the_supervisor_sees_what_stayed(
    sqlite_database: Database, tmp_path: Path
) -> None:
    settings = site(tmp_path).model_copy(update={"language": "en"})
    with sqlite_database.unit_of_work() as session:
        shop = f.merchant(session)
        tea = f.sku(session, shop, "TEA")
        sf = [
            f.packed_parcel(session, shop, tea, carrier=settings.carrier("SF")).tracking_no
            for _ in range(2)
        ]
        zto = f.packed_parcel(session, shop, tea, carrier=settings.carrier("ZTO")).tracking_no
        add_user(session, SITE_SETUP, badge="K100", name="王打包", role="packer", pin="1234")
        add_user(
            session,
            SITE_SETUP,
            badge="S100",
            name="张主管",
            role="supervisor",
            pin="1234",
        )
    app = WmsApp(settings, sqlite_database)
    async with app.run_test(size=(60, 20)) as pilot:
        terminal = Terminal(app, pilot)
        await terminal.log_in("K100", "1234")
        await terminal.press("3")
        assert isinstance(app.screen, HandoverScreen)
        await terminal.scan("SF")
        assert terminal.message().endswith("is open: scan the parcels.")
        for number in sf:
            await terminal.scan(number)
        assert terminal.message() == f"Parcel {sf[1]} is on handover H00001 (parcels on it: 2)."
        await terminal.scan(zto)
        assert terminal.message() == f"Parcel {zto} goes with ZTO, not SF: keep it aside."
        await terminal.press("f5")
        assert terminal.message().startswith("H00001 closed. Parcels: 2, COD 0.00, left behind: 0.")
    end_of_day(sqlite_database, settings, Actor.system("test"))
    app = WmsApp(settings, sqlite_database)
    async with app.run_test(size=(100, 20)) as pilot:
        terminal = Terminal(app, pilot)
        await terminal.log_in("S100", "1234")
        await terminal.press("4")
        assert isinstance(app.screen, DeliveryExceptionsScreen)
        text = terminal.screen_text()
        assert "left behind" in text and zto in text
