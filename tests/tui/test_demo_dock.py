"""The demo's dock as a new user meets it: on a site made by ``wms demo seed``, with the
built-in carrier running on loopback and its real poller, the demo packer hands the packed SF
parcels over on the handover screen (menu 3) and watches them reach signed; the demo
supervisor then finds the one refused parcel in the delivery-exception queue (menu 4)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.delivery.helpers import ROOT
from tests.tui.terminal import Terminal
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.models import DeliveryException, Parcel, Shipment
from warehouse_tui.app import WmsApp
from warehouse_tui.builtin_carrier import BuiltinCarrier
from warehouse_tui.cli import main
from warehouse_tui.context import Context
from warehouse_tui.screens.dock.exceptions import DeliveryExceptionsScreen
from warehouse_tui.screens.dock.handover import HandoverScreen

STEP_S = 0.3
WAIT_S = 60.0


def _seeded_demo(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    shutil.copy(ROOT / "config.toml", tmp_path / "config.toml")
    monkeypatch.setenv("WMS_DATABASE_URL", database.url)
    monkeypatch.chdir(tmp_path)
    assert main(["--config", str(tmp_path / "config.toml"), "demo", "seed"]) == 0
    settings = Context(tmp_path / "config.toml").settings
    return settings.model_copy(update={"language": "en"})


def _packed(database: Database, carrier: str) -> list[str]:
    with database.unit_of_work(read_only=True) as session:
        return list(
            session.scalars(
                select(Parcel.tracking_no)
                .join(Shipment, Shipment.id == Parcel.shipment_id)
                .where(Shipment.carrier_code == carrier, Parcel.state == "packed")
                .where(Parcel.handover_id.is_(None))
                .order_by(Parcel.tracking_no)
            )
        )


async def test_a_new_user_hands_the_demo_parcels_over_and_sees_them_signed_or_refused(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _seeded_demo(database, tmp_path, monkeypatch)
    sf, zto = _packed(database, "SF"), _packed(database, "ZTO")
    assert len(sf) >= 3, "the demo leaves packed SF parcels for the dock"
    carrier = BuiltinCarrier(settings, database, state=tmp_path / "carrier.json", step_s=STEP_S)
    carrier.start()
    try:
        app = WmsApp(settings, database)
        async with app.run_test(size=(80, 24)) as pilot:
            terminal = Terminal(app, pilot)
            await terminal.log_in("K001", "2222")
            await terminal.press("3")
            assert isinstance(app.screen, HandoverScreen)
            assert f"SF {len(sf)}" in terminal.text("#handover-prompt")
            await terminal.scan("SF")
            assert terminal.message().endswith("for SF is open: scan the parcels.")
            for number in sf:
                await terminal.scan(number)
            assert terminal.message().endswith(f"(parcels on it: {len(sf)}).")
            for number in zto:
                await terminal.scan(number)
                assert (
                    terminal.message() == f"Parcel {number} goes with ZTO, not SF: keep it aside."
                )
            await terminal.press("f5")
            assert terminal.message().startswith(f"H00001 closed. Parcels: {len(sf)}, COD")

            # The courier has them: the carrier moves them on and the poller hears it.
            refused = sf[0]  # the first parcel the built-in carrier collects
            deadline = time.monotonic() + WAIT_S
            while time.monotonic() < deadline:
                await pilot.pause(0.2)
                text = terminal.screen_text()
                if text.count("signed") == len(sf) - 1 and "coming back" in text:
                    break
            text = terminal.screen_text()
            assert text.count("signed") == len(sf) - 1, text
            assert f"SF {refused}" in text and "coming back" in text, text
            assert all(number in text for number in sf), "every parcel fits on 80x24"

            await terminal.press("escape")  # back home
            await terminal.press("escape", "enter")  # log out, yes
            await terminal.log_in("S001", "3333")
            await terminal.press("4")
            assert isinstance(app.screen, DeliveryExceptionsScreen)
            text = terminal.screen_text()
            assert "refused" in text and refused in text, text
            entries = app.screen.entries
            assert [(e.kind, e.tracking_no) for e in entries] == [("refused", refused)]
            assert f"To do: The receiver refused parcel {refused}" in text, text
            await terminal.press("s")
            assert terminal.message().startswith("Only a lost or damaged parcel is re-shipped")
            with database.unit_of_work(read_only=True) as session:
                rows = session.scalars(select(DeliveryException)).all()
                assert [(r.kind, r.state) for r in rows] == [("refused", "open")]

            # The parcel comes back: received at the returns station, the entry is over.
            await terminal.press("escape", "5")
            await terminal.scan(refused)
            assert terminal.message() == f"Received REFUSED-{refused}: scan each item."
            await terminal.press("escape", "4")
            assert app.screen.entries == []
            assert terminal.message().startswith("No delivery exceptions")
    finally:
        carrier.stop()
