"""Pick accuracy in the shift's figures counts what the real packing station found."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests import builders as f
from tests.packing.station_helpers import picked_for_packing, station_settings
from tests.packing.test_station import scan, weigh_right
from warehouse.db import Database
from warehouse.pii import ReceiverCipher
from warehouse.reports.figures import shift_figures
from warehouse.reports.window import Window
from warehouse.states import Role


def test_an_item_of_another_order_found_at_packing_lowers_pick_accuracy(
    database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    settings = station_settings(tmp_path)
    st = picked_for_packing(database, cipher, [[("TEA", 1), ("CUP", 1)], [("PEN", 1)]])
    scan(database, st, settings, st.cart.code)  # the first tote's order: tea and a cup
    refused = scan(database, st, settings, st.cart.barcodes["PEN"])
    assert refused.bell  # the pen is the second order's
    scan(database, st, settings, st.cart.barcodes["TEA"])
    scan(database, st, settings, st.cart.barcodes["CUP"])
    weigh_right(database, st, settings)
    with database.unit_of_work() as session:
        supervisor = f.user(session, "", Role.SUPERVISOR)
    today = datetime.now(UTC).date()
    window = Window.days(f.NOW.date(), today + timedelta(days=1))  # the station stamps f.NOW
    with database.unit_of_work(read_only=True) as session:
        figures = shift_figures(session, supervisor, window)
    assert figures.pick_accuracy == 0.5  # one error in the two lines packed
