"""A day at the dock: parcels scanned onto the courier's handover, the manifest signed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shipping.handover import open_handover, scan_parcel
from shipping.handover_day import close_and_print, end_of_day
from tests import builders as b
from tests.delivery.helpers import pdf_text, site
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import DeliveryException, Order, OutboxEvent, Parcel, Shipment, StockTask
from warehouse.orders import transition
from warehouse.states import OrderState, ParcelState, Role


def tracking_numbers(session: Session, order: Order) -> list[str]:
    return list(
        session.scalars(
            select(Parcel.tracking_no)
            .join(Shipment, Shipment.id == Parcel.shipment_id)
            .where(Shipment.order_id == order.id)
            .order_by(Parcel.id)
        )
    )


def test_a_day_of_handover_to_sf(database: Database, tmp_path: Path) -> None:
    settings = site(tmp_path)
    sf, zto = settings.carrier("SF"), settings.carrier("ZTO")
    with database.unit_of_work() as session:
        packer = b.user(session, "K1", Role.PACKER)
        shop = b.merchant(session)
        tea, cup = b.sku(session, shop, "TEA"), b.sku(session, shop, "CUP")
        two_parcels = b.packed_order(session, shop, [[(tea, 2)], [(cup, 1)]], carrier=sf)
        cod = b.packed_order(session, shop, [[(tea, 1)]], carrier=sf, cod=Decimal("129.00"))
        split = b.packed_order(session, shop, [[(tea, 1)], [(cup, 1)]], carrier=sf)
        other = b.packed_parcel(session, shop, cup, carrier=zto)
        cancelled = b.packed_order(session, shop, [[(cup, 3)]], carrier=sf)
        transition(session, cancelled, OrderState.CANCELLED, Actor.system("sync"))
        numbers = {
            o.fo_id: tracking_numbers(session, o) for o in (two_parcels, cod, split, cancelled)
        }
        ids = {"two": two_parcels.fo_id, "cod": cod.fo_id, "split": split.fo_id}
        other_no, cancelled_no = other.tracking_no, numbers[cancelled.fo_id][0]
    behind = numbers[ids["split"]][1]
    to_scan = numbers[ids["two"]] + numbers[ids["cod"]] + numbers[ids["split"]][:1]

    with database.unit_of_work() as session:
        open_handover(session, packer, "SF", settings)
    answers = []
    for number in [*to_scan, to_scan[0], other_no, cancelled_no]:
        with database.unit_of_work() as session:
            answers.append(scan_parcel(session, packer, "SF", number))
    assert [a.accepted for a in answers] == [True] * 5 + [False, False]
    assert answers[3].count == 4 and answers[4].count == 4, "a repeated scan counts once"
    assert answers[4].message.render("en").endswith("it counts once.")
    assert answers[5].bell and answers[5].message.render("en") == (
        f"Parcel {other_no} goes with ZTO, not SF: keep it aside."
    )
    assert "unpacked and put away" in answers[6].message.render("en")

    closed = close_and_print(database, settings, packer, "SF")
    text = pdf_text(closed.pdf, tmp_path)
    assert "出库交接单" in text and "顺丰速运" in text
    for number in to_scan:
        assert text.count(number) == 1
    assert "4 件 parcels" in text and "¥129.00" in text
    assert behind in text and "Left behind: 1" in text
    assert other_no not in text and cancelled_no not in text
    assert "快递员签字" in text
    assert closed.path is not None and closed.path.read_bytes() == closed.pdf

    with database.unit_of_work() as session:
        states = {o.fo_id: o.state for o in session.scalars(select(Order))}
        assert states[ids["two"]] == OrderState.SHIPPED
        assert states[ids["cod"]] == OrderState.SHIPPED
        assert states[ids["split"]] == OrderState.PARTIALLY_SHIPPED
        shipments = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "shipment")).all()
        assert sorted(e.fo_id for e in shipments) == sorted(ids.values())
        two = next(e for e in shipments if e.fo_id == ids["two"]).payload
        assert two["final"] is True
        assert [(p["tracking_no"], p["lines"]) for p in two["packages"]] == [
            (numbers[ids["two"]][0], [{"line_id": "L1", "qty": 2}]),
            (numbers[ids["two"]][1], [{"line_id": "L2", "qty": 1}]),
        ]
        assert next(e for e in shipments if e.fo_id == ids["split"]).payload["final"] is False
        task = session.scalars(select(StockTask).where(StockTask.kind == "unpack")).one()
        assert task.reference.startswith("parcel:")

    # The next morning the rest of the split order goes: shipped, with its own message.
    with database.unit_of_work() as session:
        open_handover(session, packer, "SF", settings)
    with database.unit_of_work() as session:
        again = scan_parcel(session, packer, "SF", to_scan[0])
        assert not again.accepted and "already handed over" in again.message.render("en")
        assert scan_parcel(session, packer, "SF", behind).accepted
    closed_days, queued = end_of_day(database, settings, packer)
    assert [c.manifest.carrier_code for c in closed_days] == ["SF"] and queued == 1
    with database.unit_of_work() as session:
        split_order = session.scalars(select(Order).where(Order.fo_id == ids["split"])).one()
        assert split_order.state == OrderState.SHIPPED
        count = session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.kind == "shipment")
        )
        assert count == 4
        left = session.scalars(select(DeliveryException)).one()
        assert left.kind == "left_behind"
        assert session.get(Parcel, left.parcel_id).tracking_no == other_no
        assert session.get(Parcel, left.parcel_id).state == ParcelState.PACKED
