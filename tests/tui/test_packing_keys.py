"""The packer's keys that end a parcel differently (F7 another carrier with a reason, F8 the
serial scale) and a label printer that is dead when the order finishes (F4 prints again once
it is back), driven through Pilot at the 120x40 station."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.labels.listener import Listener, free_port
from tests.tui.test_packing import assert_packed, expected_kg, order_of, packing_desk, world
from tests.tui.test_packing import parcels_of as parcels
from warehouse.config import Settings
from warehouse.config_printing import PrinterSettings
from warehouse.config_shipping import ScaleSettings
from warehouse.db import Database
from warehouse.models import PrintJob
from warehouse.pii import ReceiverCipher
from warehouse.words import decode
from warehouse_tui.screens.packer.carrier_dialog import CarrierDialog


@pytest.fixture
def psettings(tmp_path: Path) -> Settings:
    from tests.packing.station_helpers import station_settings

    return station_settings(tmp_path)


async def test_f7_ships_with_another_carrier_for_a_reason(
    sqlite_database: Database, cipher: ReceiverCipher, psettings: Settings, tmp_path: Path
) -> None:
    db = sqlite_database
    st = world(db, cipher, [[("TEA", 1)]])
    async with packing_desk(psettings, db) as t:
        app = t.app
        await t.scan(st.cart.code)
        await t.scan(st.cart.barcodes["TEA"])
        assert app.screen.view.stage == "weigh"  # type: ignore[attr-defined]
        assert "F5 Back to scan" in t.screen_text()  # F5 while weighing goes back
        await t.press("f7")
        assert isinstance(app.screen, CarrierDialog)
        dialog = t.screen_text()
        assert "Services:" in dialog and "Esc: cancel" in dialog
        for service in ("SF/standard", "SF/express", "ZTO/standard", "EMS/standard"):
            assert service in dialog
        await t.scan("XX/fast")
        await t.scan("customer asked")
        assert t.message() == "Carrier XX is not in the configuration."
        await t.press("f7")
        await t.scan("EMS/standard")
        await t.scan("")  # no reason
        assert t.message() == "Say why you choose another carrier or service."
        await t.press("f7")
        await t.scan("EMS/standard")
        await t.scan("customer asked for EMS")
        assert "carrier EMS/standard" in t.screen_text()
        assert not isinstance(app.screen, CarrierDialog)
        await t.scan(expected_kg(db, psettings))
        assert t.message() == f"Order {st.orders[0]} packed: 1 parcel(s)."
        await t.scan(st.cart.code)
        assert t.message() == (
            f"Every order on cart {st.cart.code} is packed already: scan the next cart or tote."
        )
    order = assert_packed(db, tmp_path / "labels", st.orders[0], 1)
    (parcel,) = parcels(db, order.id)
    assert (parcel.carrier_code, parcel.service) == ("EMS", "standard")
    assert parcel.tracking_no.startswith("EA") and parcel.tracking_no.endswith("CN")
    (why,) = decode(parcel.carrier_reason)
    assert why.key == "shipping.overridden"
    assert why.params["reason"] == "customer asked for EMS"


@pytest.fixture
def scale_port() -> Iterator[tuple[int, str]]:
    master, slave = os.openpty()
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


def streaming_scale(master: int, line: bytes, stop: threading.Event) -> threading.Thread:
    """A scale that sends its reading every 50 ms, as a streaming serial scale does."""

    def run() -> None:
        while not stop.wait(0.05):
            try:
                os.write(master, line)
            except OSError:
                return

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


async def test_f8_reads_the_serial_scale_and_closes_the_parcel(
    sqlite_database: Database,
    cipher: ReceiverCipher,
    psettings: Settings,
    tmp_path: Path,
    scale_port: tuple[int, str],
) -> None:
    db = sqlite_database
    st = world(db, cipher, [[("TEA", 2)]])
    async with packing_desk(psettings, db) as t:
        app = t.app
        await t.scan(st.cart.code)
        await t.scan(st.cart.barcodes["TEA"])
        await t.scan("2")
        await t.press("f8")  # no scale set up at this station
        assert t.message() == (
            "No serial scale is set up for this station ([packing.scale] port): type the weight."
        )
        expected = expected_kg(db, psettings)
    master, port = scale_port
    scale = ScaleSettings(port=port, stable_pattern=r"^ST", timeout_s=3)
    with_scale = psettings.model_copy(
        update={"packing": psettings.packing.model_copy(update={"scale": scale})}
    )
    stop = threading.Event()
    streaming_scale(master, f"ST,GS,+  {expected}kg\r\n".encode(), stop)
    try:
        async with packing_desk(with_scale, db) as t:
            app = t.app
            assert app.screen.view.stage == "weigh"  # type: ignore[attr-defined]
            await t.press("f8")
            assert "packed" in t.message() or t.message().startswith("Order ")
    finally:
        stop.set()
    order = assert_packed(db, tmp_path / "labels", st.orders[0], 1)
    (parcel,) = parcels(db, order.id)
    assert parcel.actual_weight_kg == Decimal(expected)


async def test_a_dead_label_printer_keeps_the_order_packed_and_f4_prints_once_it_is_back(
    database: Database, cipher: ReceiverCipher, psettings: Settings, tmp_path: Path
) -> None:
    db = database
    port = free_port()  # nobody listens: the printer is off
    zebra = PrinterSettings(
        name="zebra", kind="raw9100", target=f"127.0.0.1:{port}", format="zpl", timeout_s=1.0
    )
    settings = psettings.model_copy(
        update={
            "printers": [*psettings.printers, zebra],
            "station": psettings.station.model_copy(update={"label_printer": "zebra"}),
        }
    )
    st = world(db, cipher, [[("TEA", 1)]])
    async with packing_desk(settings, db) as t:
        await t.scan(st.cart.code)
        await t.scan(st.cart.barcodes["TEA"])
        await t.scan(expected_kg(db, settings))
        assert order_of(db, st.orders[0]).state == "packed"
        with db.unit_of_work(read_only=True) as s:
            jobs = {j.document: (j.id, j.state) for j in s.scalars(select(PrintJob))}
        label_job = jobs["label"][0]
        assert jobs == {"slip": (jobs["slip"][0], "printed"), "label": (label_job, "failed")}
        line = t.text("#pack-parcel").splitlines()[-1]
        assert line == (
            f"Not printed (Printer zebra at 127.0.0.1:{port} refused the connection: check that "
            f"it is switched on and on the network): kept as job {label_job}; F4 prints again "
            "once the printer is back."
        )
        printer = Listener(port=port)  # the printer is back
        try:
            await t.press("f4")
            (received,) = printer.wait(1)
        finally:
            printer.close()
        assert t.message().startswith("Printed: the slip and 1 label(s) on printer zebra")
        assert "Printed: the slip" in t.text("#pack-parcel")
    with db.unit_of_work(read_only=True) as s:
        assert s.get_one(PrintJob, label_job).state == "printed"
        assert received.data == s.get_one(PrintJob, label_job).content
        (parcel,) = parcels(db, order_of(db, st.orders[0]).id)
    assert received.data.startswith(b"^XA") and parcel.tracking_no.encode() in received.data
