"""A recorded shift for the report tests: one cart of two orders picked by the real pick
service, then packed (one discrepancy found at packing), parcels, a return and stock received,
with every recorded time placed on 24 November 2026."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from tests import builders as f
from warehouse.audit import Actor, record
from warehouse.db import Database
from warehouse.models import (
    AuditEvent,
    Order,
    PackDiscrepancy,
    PackSession,
    Parcel,
    PickBatch,
    Shipment,
    StockMove,
    StockQuant,
)
from warehouse.states import Role

NOW = f.NOW  # 10:00 UTC


def at(minutes: int) -> object:
    return NOW + timedelta(minutes=minutes)


@dataclass(frozen=True)
class Shift:
    picker: Actor
    packer: Actor
    supervisor: Actor
    orders: tuple[str, str]
    merchant: str
    cart: str


def record_shift(database: Database) -> Shift:
    cart = f.picked_cart(database, [[("TEA", 2)], [("TEA", 1), ("CUP", 1)]])
    with database.unit_of_work() as session:
        one, two = (session.get_one(Order, i) for i in sorted(cart.totes.values()))
        packer = f.user(session, "K900", Role.PACKER)
        supervisor = f.user(session, "S900", Role.SUPERVISOR)
        fos = (one.fo_id, two.fo_id)
        # Picked at 10:10 and 10:20; allocated at 09:30 (the builder allocates unrecorded).
        for fo, minutes in zip(fos, (10, 20), strict=True):
            session.execute(
                update(AuditEvent)
                .where(AuditEvent.entity_id == fo, AuditEvent.action == "order.state")
                .values(at=at(minutes))
            )
            record(session, supervisor, "order.state", "order", fo, after={"state": "allocated"})
        session.flush()
        session.execute(
            update(AuditEvent)
            .where(AuditEvent.action == "order.state", AuditEvent.after.is_not(None))
            .where(AuditEvent.actor == supervisor.name)
            .values(at=at(-30))
        )
        session.execute(
            update(AuditEvent).where(AuditEvent.action == "pick.batch_done").values(at=at(20))
        )
        session.execute(update(StockMove).values(at=at(5)))
        # Packed at 10:40 and 11:00 by the packer; one discrepancy found.
        for fo, minutes, box in ((fos[0], 40, "S"), (fos[1], 60, "M")):
            event = record(session, packer, "order.state", "order", fo, after={"state": "packed"})
            event.at = at(minutes)
            material = record(
                session,
                packer,
                "pack.material",
                "order",
                fo,
                after={"material": "bubble", "qty": 2},
            )
            material.at = at(minutes)
            order = session.scalar(select(Order).where(Order.fo_id == fo))
            assert order is not None
            order.carrier_code = "SF"
            order.due_at = at(30) if fo == fos[0] else at(300)  # the first is late
            shipment = Shipment(order_id=order.id, carrier_code="SF", created_at=at(minutes))
            session.add(shipment)
            session.flush()
            session.add(Parcel(shipment_id=shipment.id, box_code=box))
        station = PackSession(order_id=one.id, packer_id=packer.user_id, opened_at=at(35))
        session.add(station)
        session.flush()
        for kind in ("wrong_item", "damaged"):  # a picking error, and one that is not
            session.add(
                PackDiscrepancy(
                    session_id=station.id,
                    order_id=one.id,
                    kind=kind,
                    scanned="TEA",
                    user_id=packer.user_id,
                    at=at(40),
                )
            )
        shop = session.get_one(Order, one.id).merchant
        # A return of one tea at 10:50; stock received on a new shelf at 10:00.
        tea_quant = session.scalars(select(StockQuant).order_by(StockQuant.id)).first()
        assert tea_quant is not None
        session.add(
            StockMove(
                at=at(50),
                sku_id=tea_quant.sku_id,
                owner_id=shop.id,
                from_location_id=None,
                to_location_id=tea_quant.location_id,
                qty=1,
                reason="return",
            )
        )
        tea_quant.on_hand += 1
        shelf = f.location(session)
        session.add(
            StockQuant(sku_id=tea_quant.sku_id, location_id=shelf.id, owner_id=shop.id, on_hand=3)
        )
        session.add(
            StockMove(
                at=at(0),
                sku_id=tea_quant.sku_id,
                owner_id=shop.id,
                from_location_id=None,
                to_location_id=shelf.id,
                qty=3,
                reason="receive",
            )
        )
        code = session.scalar(select(PickBatch.code))
        assert code is not None
        return Shift(cart.picker, packer, supervisor, fos, shop.mall_id, code)
