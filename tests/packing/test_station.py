"""The verification session without a screen: keys, serials, roles, reopening a parcel."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from labels.documents import shipping_document
from labels.errors import LabelError
from labels.gather import find_parcels
from packing import station
from packing.station.parcel import parcel_expected
from shipping.handover import open_handover, scan_parcel
from tests import builders as f
from tests.labels.conftest import decode, render
from tests.packing.station_helpers import Station, picked_for_packing, station_settings
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.errors import PermissionDenied
from warehouse.models import AuditEvent, Order, PackDiscrepancy, PackSession, Parcel
from warehouse.pii import ReceiverCipher
from warehouse.states import Role


def scan(
    db: Database, st: Station, settings: Settings, text: str, key: str = ""
) -> station.StationView:
    with db.unit_of_work() as s:
        return station.handle_scan(s, st.packer, text, key or f.key(), f.NOW, settings=settings)


def weigh_right(db: Database, st: Station, settings: Settings) -> station.StationView:
    with db.unit_of_work(read_only=True) as s:
        pack = s.scalars(select(PackSession).where(PackSession.state == "open")).one()
        weight = parcel_expected(s, settings, pack)
        assert weight is not None
    return scan(db, st, settings, str(weight.total_kg))


def test_a_repeated_key_counts_one_unit(
    database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    settings = station_settings(tmp_path)
    st = picked_for_packing(database, cipher, [[("TEA", 3)]])
    scan(database, st, settings, st.cart.code)
    first = scan(database, st, settings, st.cart.barcodes["TEA"], key="k-1")
    again = scan(database, st, settings, st.cart.barcodes["TEA"], key="k-1")
    assert first.lines[0].packed == again.lines[0].packed == 1


def test_the_same_serial_twice_is_refused(
    database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    settings = station_settings(tmp_path)
    st = picked_for_packing(database, cipher, [[("PHONE", 2)]], high_value=["PHONE"])
    phone = st.cart.barcodes["PHONE"]
    scan(database, st, settings, st.cart.code)
    scan(database, st, settings, f"(01)0{phone}(21)SN0001")
    view = scan(database, st, settings, f"(01)0{phone}(21)SN0001")
    assert view.bell and view.message is not None
    assert (
        view.message.render("en")
        == "Serial SN0001 of PHONE was scanned already: scan the next unit."
    )
    assert view.lines[0].packed == 1
    with database.unit_of_work(read_only=True) as s:
        assert s.scalars(select(PackDiscrepancy.kind)).all() == ["serial_twice"]


def test_only_packers_and_supervisors_pack(
    database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    settings = station_settings(tmp_path)
    st = picked_for_packing(database, cipher, [[("TEA", 1)]])
    with database.unit_of_work() as s, pytest.raises(PermissionDenied):
        station.handle_scan(s, st.cart.picker, st.cart.code, f.key(), f.NOW, settings=settings)
    with database.unit_of_work() as s:
        boss = f.user(s, "", Role.SUPERVISOR)
    with database.unit_of_work() as s:
        view = station.handle_scan(s, boss, st.cart.code, f.key(), f.NOW, settings=settings)
    assert view.stage == "scan"


def test_a_closed_parcel_reopens_until_it_is_handed_over(
    database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    settings = station_settings(tmp_path)
    st = picked_for_packing(database, cipher, [[("TEA", 1)]])
    scan(database, st, settings, st.cart.code)
    scan(database, st, settings, st.cart.barcodes["TEA"])
    assert weigh_right(database, st, settings).stage == "done"
    with database.unit_of_work(read_only=True) as s:
        (first,) = s.scalars(select(Parcel)).all()
        old, carrier = first.tracking_no, first.carrier_code
    view = scan(database, st, settings, st.orders[0])
    assert view.stage == "weigh" and view.message is not None and view.bell
    assert view.message.render("en") == (
        f"Parcel 1 of order {st.orders[0]} is open again: label {old} is void, take it off "
        "(closing prints a new one)."
    )
    assert [(p.tracking_no, p.voided) for p in view.parcels] == [(old, True)]
    with database.unit_of_work(read_only=True) as s:
        order = s.scalars(select(Order).where(Order.order_sn == st.orders[0])).one()
        assert order.state == "packing" and order.lines[0].packed == 0
        (kept,) = s.scalars(select(Parcel)).all()
        assert (kept.tracking_no, kept.state) == (old, "voided")
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "parcel.voided")).one()
        assert audit.entity_id == old and audit.user_id == st.packer.user_id
    assert weigh_right(database, st, settings).stage == "done"
    with database.unit_of_work(read_only=True) as s:
        rows = s.scalars(select(Parcel).order_by(Parcel.id)).all()
        assert [p.state for p in rows] == ["voided", "packed"]
        new = rows[1].tracking_no
        assert new and new != old and rows[0].shipment_id == rows[1].shipment_id
        labels = shipping_document(s, st.orders[0], settings, cipher, format="pdf")
        printed = [text for text, _ in decode(render(labels.content))]
        assert new in printed and old not in printed
        assert [p.tracking_no for p in find_parcels(s, st.orders[0])[1]] == [new]
        with pytest.raises(LabelError) as void_label:
            find_parcels(s, old)
    assert "is void" in str(void_label.value)
    with database.unit_of_work() as s:
        boss = f.user(s, "", Role.SUPERVISOR)
        open_handover(s, boss, carrier, settings)
    with database.unit_of_work() as s:
        refused = scan_parcel(s, boss, carrier, old)
    assert not refused.accepted and refused.message.render("en") == (
        f"Label {old} is void: its parcel of order {st.orders[0]} was reopened at packing. "
        f"Take the label off; the parcel goes under its new label ({new})."
    )
    with database.unit_of_work() as s:
        assert scan_parcel(s, boss, carrier, new).accepted
    with database.unit_of_work() as s, pytest.raises(station.messages.StationError):
        station.handle_scan(s, st.packer, st.orders[0], f.key(), f.NOW, settings=settings)


def test_a_line_shorted_after_the_first_parcel_closes_the_order(
    database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    settings = station_settings(tmp_path)
    st = picked_for_packing(database, cipher, [[("TEA", 1), ("CUP", 1)]])
    scan(database, st, settings, st.cart.code)
    scan(database, st, settings, st.cart.barcodes["TEA"])
    with database.unit_of_work() as s:
        station.close_parcel(s, st.packer, f.key(), f.NOW, settings=settings)
    assert weigh_right(database, st, settings).message is not None
    with database.unit_of_work() as s:
        view = station.short_line(s, st.packer, None, f.key(), f.NOW, settings=settings)
    assert view.stage == "done"
    with database.unit_of_work(read_only=True) as s:
        order = s.scalars(select(Order).where(Order.order_sn == st.orders[0])).one()
        assert order.state == "packed" and [line.short for line in order.lines] == [0, 1]
