"""Helpers shared by the sync tests (a module with a unique name, importable from them)."""

from __future__ import annotations

import random

from sqlalchemy import select

from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import Merchant, Order, Sku
from warehouse.orders import (
    ALLOCATED,
    PACKED,
    PACKING,
    PICKED,
    PICKING,
    RELEASED,
    SHIPPED,
    transition,
)

CATALOG: dict[tuple[str, str], list[str]] = {
    ("17", "华为官方旗舰店"): ["HW-P20-GOLD-64", "HW-MATE-BLK-128", "HW-BAND-4"],
    ("23", "小米之家"): ["MI-8-BLK-64", "MI-RED5A-16", "MI-BAND-3"],
    ("31", "三只松鼠"): ["SZSS-NUT-500G", "SZSS-MANGO-100G"],
}


def add_catalog(
    database: Database, catalog: dict[tuple[str, str], list[str]] | None = None
) -> None:
    """Merchants and SKUs in the warehouse, the same the reference mall will order."""
    with database.unit_of_work() as session:
        for (mall_id, name), codes in (catalog or CATALOG).items():
            merchant = Merchant(mall_id=mall_id, name=name)
            session.add(merchant)
            session.flush()
            for code in codes:
                session.add(Sku(merchant_id=merchant.id, code=code, name_zh=f"商品 {code}"))


def advance_floor(database: Database, rng: random.Random, *, count: int) -> int:
    """Stand-in for the floor: move some open orders one step (pick, pack, ship) through the
    core's state machine, which queues the progress and shipment messages for the mall."""
    steps = {
        RELEASED: ALLOCATED,
        ALLOCATED: PICKING,
        PICKING: PICKED,
        PICKED: PACKING,
        PACKING: PACKED,
        PACKED: SHIPPED,
    }
    moved = 0
    with database.unit_of_work() as session:
        query = select(Order).where(Order.state.in_(steps)).order_by(Order.id)
        if database.dialect == "postgresql":
            query = query.with_for_update(skip_locked=True)
        candidates = list(session.scalars(query))
        for order in rng.sample(candidates, k=min(count, len(candidates))):
            target = steps[order.state]
            notify = None
            if target == SHIPPED:
                lines = [
                    {"line_id": line.line_id, "qty": line.qty}
                    for line in order.lines
                    if not line.cancelled
                ]
                notify = (
                    "shipment",
                    {
                        "final": True,
                        "packages": [
                            {
                                "carrier_code": "SF",
                                "tracking_no": f"SF{rng.randrange(10**12):012d}",
                                "weight_kg": "1.250",
                                "lines": lines,
                            }
                        ],
                    },
                )
            transition(session, order, target, Actor.system("floor-test"), notify=notify)
            moved += 1
    return moved
