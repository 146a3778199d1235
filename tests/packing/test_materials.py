"""Packing materials: the rules of ``[[packing.materials]]``, what the station records when a
parcel closes, and the merchant's statement that bills them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from packing.materials import materials_used
from tests import builders as f
from tests.packing.station_helpers import picked_for_packing, station_settings
from tests.packing.test_station import scan, weigh_right
from warehouse.config_shipping import MaterialSettings, PackingSettings
from warehouse.db import Database
from warehouse.models import AuditEvent, Order
from warehouse.pii import ReceiverCipher
from warehouse.reports.statement import MATERIAL_ACTION, merchant_statements
from warehouse.reports.window import Window
from warehouse.states import Role

RULES = [
    MaterialSettings(code="BUBBLE", per="fragile_unit"),
    MaterialSettings(code="TAPE", per="parcel", qty=2),
    MaterialSettings(code="TAPE", per="high_value_parcel"),
    MaterialSettings(code="GIFTWRAP", per="gift_parcel"),
    MaterialSettings(code="FILL", per="unit"),
]


def test_each_rule_counts_what_it_names() -> None:
    # 2 fragile vases, 3 plain teas, one high-value phone; not a gift.
    used = materials_used(RULES, [(2, True, False), (3, False, False), (1, False, True)], False)
    assert used == {"BUBBLE": 2, "TAPE": 3, "FILL": 6}
    assert materials_used(RULES, [(1, False, False)], True) == {
        "TAPE": 2,
        "GIFTWRAP": 1,
        "FILL": 1,
    }
    assert materials_used([], [(5, True, True)], True) == {}


def test_the_same_rule_twice_is_refused() -> None:
    with pytest.raises(ValidationError, match="same material rule twice"):
        PackingSettings(materials=[RULES[0], RULES[0]])


def test_a_closed_parcel_records_its_materials_for_the_statement(
    database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    settings = station_settings(tmp_path)  # the documented config.toml: BUBBLE and GIFTWRAP
    st = picked_for_packing(database, cipher, [[("VASE", 2), ("TEA", 1)]], fragile=["VASE"])
    with database.unit_of_work() as s:
        order = s.scalars(select(Order).where(Order.order_sn == st.orders[0])).one()
        order.gift = True
        fo_id, merchant = order.fo_id, order.merchant.mall_id
    scan(database, st, settings, st.cart.code)
    for _ in range(2):
        scan(database, st, settings, st.cart.barcodes["VASE"])
        scan(database, st, settings, "Y")  # the packaging is intact
    scan(database, st, settings, st.cart.barcodes["TEA"])
    view = weigh_right(database, st, settings)
    assert view.message is not None and "packed" in view.message.render("en")
    with database.unit_of_work(read_only=True) as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.action == MATERIAL_ACTION).order_by(AuditEvent.id)
        ).all()
        assert [(e.entity_id, e.after["material"], e.after["qty"]) for e in events] == [  # type: ignore[index]
            (fo_id, "BUBBLE", 2),
            (fo_id, "GIFTWRAP", 1),
        ]
    with database.unit_of_work() as s:
        boss = f.user(s, "", Role.SUPERVISOR)
    today = datetime.now(UTC).date()
    with database.unit_of_work(read_only=True) as s:
        (statement,) = merchant_statements(s, boss, Window.days(today, today), merchant)
    assert statement.materials == {"BUBBLE": 2, "GIFTWRAP": 1}


def test_a_reopened_parcel_bills_its_materials_once(
    database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    settings = station_settings(tmp_path)
    st = picked_for_packing(database, cipher, [[("VASE", 1)]], fragile=["VASE"])
    with database.unit_of_work() as s:
        merchant = s.scalars(select(Order).where(Order.order_sn == st.orders[0])).one()
        mall_id = merchant.merchant.mall_id
    scan(database, st, settings, st.cart.code)
    scan(database, st, settings, st.cart.barcodes["VASE"])
    scan(database, st, settings, "Y")
    assert weigh_right(database, st, settings).stage == "done"
    assert scan(database, st, settings, st.orders[0]).stage == "weigh"  # reopened: label void
    assert weigh_right(database, st, settings).stage == "done"
    with database.unit_of_work() as s:
        boss = f.user(s, "", Role.SUPERVISOR)
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == MATERIAL_ACTION)).all()
        assert len(events) == 2  # one per close, the first on the voided parcel
    today = datetime.now(UTC).date()
    with database.unit_of_work(read_only=True) as s:
        (statement,) = merchant_statements(s, boss, Window.days(today, today), mall_id)
    assert statement.materials == {"BUBBLE": 1}
    assert statement.parcels == 1
