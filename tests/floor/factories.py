"""Small builders of picking data: shelves, stock, allocated orders and pick batches.

Plain functions that add rows and flush (so ids exist); the caller commits. Batches are built
the way the wave planner builds them: one task per reservation, one tote per order, tasks in
the walking order of the configured layout.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from picking.layout import Layout
from picking.routes import plan_route
from warehouse.audit import Actor
from warehouse.barcodes import ean13_check_digit
from warehouse.config import LayoutSettings
from warehouse.models import (
    Location,
    Merchant,
    Order,
    OrderLine,
    PickBatch,
    PickTask,
    Reservation,
    Sku,
    SkuBarcode,
    StockQuant,
    User,
)

_seq = itertools.count(1)
LAYOUT = Layout.from_settings(LayoutSettings())


def merchant(session: Session, mall_id: str = "") -> Merchant:
    n = next(_seq)
    row = Merchant(mall_id=mall_id or f"M{n}", name=f"店铺{n}", name_en=f"Shop {n}")
    session.add(row)
    session.flush()
    return row


def picker(session: Session, badge: str = "", role: str = "picker") -> Actor:
    """A user (PIN hashing is skipped: these users never log in through the service)."""
    row = User(badge=badge or f"P{next(_seq):04d}", name="拣货员", role=role, pin_hash="-")
    session.add(row)
    session.flush()
    return Actor.of(row)


def ean(n: int) -> str:
    body = f"69{n:010d}"
    return body + str(ean13_check_digit(body))


def sku(session: Session, owner: Merchant, code: str = "", *, lot_controlled: bool = False) -> Sku:
    n = next(_seq)
    row = Sku(
        merchant_id=owner.id,
        code=code or f"SKU{n}",
        name_zh=f"商品{n}",
        name_en=f"Item {n}",
        lot_controlled=lot_controlled,
    )
    row.barcodes.append(SkuBarcode(code=ean(n), kind="EAN13"))
    row.barcodes.append(SkuBarcode(code=f"WMS{n:06d}", kind="INTERNAL"))
    session.add(row)
    session.flush()
    return row


def barcode(item: Sku) -> str:
    return next(b.code for b in item.barcodes if b.kind == "EAN13")


def location(session: Session, code: str) -> Location:
    """A shelf by code, e.g. A-03-12-2-B (zone, aisle, bay, level, bin)."""
    zone, aisle, bay, level, bin_ = code.split("-")
    row = Location(code=code, zone=zone, aisle=int(aisle), bay=int(bay), level=int(level), bin=bin_)
    session.add(row)
    session.flush()
    return row


def stock(
    session: Session,
    item: Sku,
    where: Location,
    on_hand: int,
    *,
    lot: str = "",
    expiry: date | None = None,
) -> StockQuant:
    row = StockQuant(
        sku_id=item.id,
        location_id=where.id,
        owner_id=item.merchant_id,
        lot=lot,
        expiry=expiry,
        on_hand=on_hand,
        reserved=0,
    )
    session.add(row)
    session.flush()
    return row


def allocated_order(
    session: Session,
    owner: Merchant,
    picks: Sequence[tuple[StockQuant, int]],
    *,
    priority: int = 0,
    due_at: datetime | None = None,
) -> Order:
    """An allocated order, one line per (quant, qty), each reserved from that quant."""
    n = next(_seq)
    order = Order(
        fo_id=f"FO-{n}",
        version=1,
        order_sn=f"SN{n:08d}",
        merchant_id=owner.id,
        state="allocated",
        priority=priority,
        due_at=due_at,
        placed_at=datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
    )
    session.add(order)
    for i, (quant, qty) in enumerate(picks, start=1):
        item = session.get(Sku, quant.sku_id)
        assert item is not None
        line = OrderLine(
            line_id=f"L{i}", sku_id=item.id, sku_code=item.code, qty=qty, allocated=qty
        )
        order.lines.append(line)
        session.flush()
        session.add(Reservation(order_line_id=line.id, quant_id=quant.id, qty=qty))
        quant.reserved += qty
    session.flush()
    return order


def batch(
    session: Session,
    orders: Sequence[Order],
    *,
    code: str = "",
    priority: int = 0,
    due_at: datetime | None = None,
    layout: Layout = LAYOUT,
) -> PickBatch:
    """A cart of ``orders`` (tote n for the n-th order), tasks in walking order."""
    cart = PickBatch(
        code=code or f"B{next(_seq):05d}", state="open", priority=priority, due_at=due_at
    )
    session.add(cart)
    session.flush()
    picks = []
    for tote, order in enumerate(orders, start=1):
        for line in order.lines:
            for reservation in session.query(Reservation).filter_by(order_line_id=line.id):
                quant = session.get(StockQuant, reservation.quant_id)
                place = session.get(Location, quant.location_id) if quant else None
                assert quant is not None and place is not None
                picks.append((place.code, tote, order, line, reservation, quant))
    route = plan_route(layout, [p[0] for p in picks])
    stop_index = {c: i for i, stop in enumerate(route.stops) for c in stop.codes}
    picks.sort(key=lambda p: (stop_index[p[0]], p[1]))
    for sequence, (_, tote, order, line, reservation, quant) in enumerate(picks, start=1):
        session.add(
            PickTask(
                batch_id=cart.id,
                order_id=order.id,
                order_line_id=line.id,
                reservation_id=reservation.id,
                location_id=quant.location_id,
                sku_id=quant.sku_id,
                lot=quant.lot,
                qty=reservation.qty,
                tote=tote,
                sequence=sequence,
            )
        )
    cart.route_length_m = route.length_m
    session.flush()
    return cart
