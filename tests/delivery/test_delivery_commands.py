"""`wms handover` and `wms tracking` as the dock and the supervisor run them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from shipping.carrier_sim.server import start_carrier_sim
from tests import builders as b
from tests.delivery.helpers import pdf_text, site
from warehouse.db import Database
from warehouse.models import Parcel
from warehouse.states import ParcelState, Role
from warehouse_tui.cli import main


def test_the_dock_hands_over_and_hears_the_carrier_from_the_command_line(
    sqlite_database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    documented = site(tmp_path)
    with sqlite_database.unit_of_work() as session:
        b.user(session, "K7", Role.PACKER)
        shop = b.merchant(session)
        tea = b.sku(session, shop, "TEA")
        sf = [
            b.packed_parcel(session, shop, tea, carrier=documented.carrier("SF")).tracking_no
            for _ in range(2)
        ]
        zto = b.packed_parcel(session, shop, tea, carrier=documented.carrier("ZTO")).tracking_no
    carrier = start_carrier_sim()
    monkeypatch.setenv("WMS_DATABASE_URL", sqlite_database.url)
    config = tmp_path / "config.toml"
    config.write_text(
        f'language = "en"\n[delivery]\nmanifest_dir = "{tmp_path / "out"}"\n'
        f'[[delivery.tracking]]\ncarrier = "SF"\nbase_url = "{carrier.base_url}"\n',
        encoding="utf-8",
    )
    base = ["--config", str(config)]
    try:
        assert main([*base, "handover", "open", "SF"]) == 0
        assert main([*base, "handover", "scan", "SF", *sf, zto, "--badge", "K7"]) == 1
        out = capsys.readouterr().out
        assert f"\aParcel {zto} goes with ZTO, not SF: keep it aside." in out
        assert main([*base, "handover", "close", "SF"]) == 0
        out = capsys.readouterr().out
        assert ": 2 parcels," in out and "left behind 0" in out
        pdf = next((tmp_path / "out").glob("*-SF.pdf")).read_bytes()
        assert all(n in pdf_text(pdf, tmp_path) for n in sf)

        for number in sf:
            carrier.store.register(number, "SF", "signed")
        carrier.store.advance(steps=4)
        assert main([*base, "tracking", "--once"]) == 0
        assert "SF: 8 new, 8 changes" in capsys.readouterr().out
        with sqlite_database.unit_of_work(read_only=True) as session:
            states = {p.tracking_no: p.state for p in session.scalars(select(Parcel))}
        assert [states[n] for n in sf] == [ParcelState.DELIVERED] * 2
        assert states[zto] == ParcelState.PACKED
    finally:
        carrier.stop()
