"""A packing station's world: the documented carriers and boxes, a folder label printer, a
packer, and carts picked by the real pick service with receivers sealed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tests import builders as f
from tests.labels.builders import RECEIVER
from tests.packing.helpers import documented
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.config_printing import PrinterSettings
from warehouse.db import Database
from warehouse.models import Order, Sku
from warehouse.pii import ReceiverCipher
from warehouse.states import Role
from warehouse.users import SITE_SETUP, add_user

PIN = "2468"


def station_settings(tmp_path: Path) -> Settings:
    printer = PrinterSettings(
        name="labels", kind="file", target=str(tmp_path / "labels"), format="pdf",
        label_size="100x150mm",
    )  # fmt: skip
    return documented().model_copy(
        update={"printers": [printer], "source": tmp_path / "config.toml", "language": "en"}
    )


@dataclass(frozen=True)
class Station:
    cart: f.PickedCart
    packer: Actor
    orders: list[str]
    """order_sn per tote, in tote order."""


def picked_for_packing(
    database: Database,
    cipher: ReceiverCipher,
    lines_per_order: Sequence[Sequence[tuple[str, int]]],
    *,
    fragile: Sequence[str] = (),
    high_value: Sequence[str] = (),
    lot_controlled: Sequence[str] = (),
    packer_badge: str = "",
) -> Station:
    cart = f.picked_cart(database, lines_per_order, lot_controlled=lot_controlled)
    with database.unit_of_work() as session:
        for code in {c for lines in lines_per_order for c, _ in lines}:
            sku = session.query(Sku).filter(Sku.code == code).order_by(Sku.id.desc()).first()
            assert sku is not None
            sku.length_mm, sku.width_mm, sku.height_mm = 120, 80, 60
            sku.weight_kg = Decimal("0.300")
            sku.fragile, sku.high_value = code in fragile, code in high_value
        orders = []
        for _, order_id in sorted(cart.totes.items()):
            order = session.get_one(Order, order_id)
            order.receiver_sealed = cipher.seal(RECEIVER, bound_to=order.fo_id)
            order.ship_province, order.ship_city = RECEIVER.province, RECEIVER.city
            for line in order.lines:
                line.unit_price = Decimal("99.00")
            orders.append(order.order_sn)
        if packer_badge:
            row = add_user(
                session, SITE_SETUP, badge=packer_badge, name="王打包",
                role=Role.PACKER, pin=PIN,
            )  # fmt: skip
            packer = Actor.of(row)
        else:
            packer = f.user(session, "", Role.PACKER)
    return Station(cart, packer, orders)
