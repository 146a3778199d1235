"""One set of row builders for every test, and the test site.

Plain functions that add rows to a session and flush (so ids exist); the caller commits.
Batches are built the way the wave planner builds them (one task per reservation, one tote
per order, tasks in walking order), and :func:`picked_cart` runs the real pick service over a
cart, which is what arrives at the packing station.

``SITE`` is a test site whose floor differs from the built-in defaults (fewer aisles, other
pitches, a shorter abandonment timeout): a service that forgot the site's floor and fell back
on the defaults would walk, route and time out differently, and its test would fail.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from picking import floor as pick
from picking.layout import Layout
from picking.routing import plan_route
from shipping.tracking import draw_tracking_number
from warehouse.audit import Actor
from warehouse.barcodes import ean13_check_digit
from warehouse.config import BlockSettings, LayoutSettings, PickingSettings, Settings
from warehouse.config_shipping import CarrierSettings
from warehouse.db import Database
from warehouse.models import (
    Location,
    Merchant,
    Order,
    OrderLine,
    Parcel,
    ParcelLine,
    PickBatch,
    PickTask,
    Reservation,
    Shipment,
    Sku,
    SkuBarcode,
    StockQuant,
    User,
)
from warehouse.states import OrderState, Role

SITE = Settings(
    layout=LayoutSettings(
        aisles=6,
        aisle_pitch_m=2.5,
        bay_pitch_m=1.2,
        end_gap_m=1.5,
        blocks=[BlockSettings(zone="A", bays=12), BlockSettings(zone="B", bays=10)],
    ),
    picking=PickingSettings(abandon_after_min=12),
)
"""The test site: 2 blocks (A: 12 bays, B: 10) of 6 aisles; carts given back after 12 idle min."""
LAYOUT = Layout.from_settings(SITE.layout)
FLOOR = pick.Floor.from_settings(SITE)
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)

_seq = itertools.count(1)
_shelves = itertools.count(0)


def key() -> str:
    """A client key, as a terminal makes one per action."""
    return uuid.uuid4().hex


def merchant(session: Session, mall_id: str = "", *, whole_order_only: bool = False) -> Merchant:
    n = next(_seq)
    row = Merchant(
        mall_id=mall_id or f"M{n}",
        name=f"店铺 {mall_id or n}",
        name_en=f"Shop {mall_id or n}",
        whole_order_only=whole_order_only,
    )
    session.add(row)
    session.flush()
    return row


def user(session: Session, badge: str = "", role: str = Role.PICKER) -> Actor:
    """A user (PIN hashing is skipped: these users never log in through the service)."""
    row = User(badge=badge or f"U{next(_seq):04d}", name="操作员", role=role, pin_hash="-")
    session.add(row)
    session.flush()
    return Actor.of(row)


def picker(session: Session, badge: str = "", role: str = Role.PICKER) -> Actor:
    return user(session, badge or f"P{next(_seq):04d}", role)


def ean(n: int) -> str:
    body = f"69{n:010d}"
    return body + str(ean13_check_digit(body))


def sku(
    session: Session,
    owner: Merchant,
    code: str = "",
    *,
    lot_controlled: bool = False,
    min_remaining_days: int = 0,
    pick_face_min: int = 0,
    pick_face_max: int = 0,
    reorder_point: int = 0,
) -> Sku:
    """A SKU with an EAN-13 and an internal code as its barcodes."""
    n = next(_seq)
    row = Sku(
        merchant_id=owner.id,
        code=code or f"SKU{n}",
        name_zh=f"商品{n}",
        name_en=f"Item {n}",
        lot_controlled=lot_controlled,
        min_remaining_days=min_remaining_days,
        pick_face_min=pick_face_min,
        pick_face_max=pick_face_max,
        reorder_point=reorder_point,
    )
    row.barcodes.append(SkuBarcode(code=ean(n), kind="EAN13"))
    row.barcodes.append(SkuBarcode(code=f"WMS{n:06d}", kind="INTERNAL"))
    session.add(row)
    session.flush()
    return row


def barcode(item: Sku) -> str:
    return next(b.code for b in item.barcodes if b.kind == "EAN13")


def _next_shelf_code() -> str:
    """Shelf codes that exist on the test site's floor, all different within one test."""
    cells = []
    for block in SITE.layout.blocks:
        cells += [(block.zone, block.bays)]
    n = next(_shelves)
    for zone, bays in cells:
        size = SITE.layout.aisles * bays * SITE.layout.levels * len(SITE.layout.bins)
        if n < size:
            aisle, rest = divmod(n, bays * SITE.layout.levels * len(SITE.layout.bins))
            bay, rest = divmod(rest, SITE.layout.levels * len(SITE.layout.bins))
            level, bin_ = divmod(rest, len(SITE.layout.bins))
            return f"{zone}-{aisle + 1:02d}-{bay + 1:02d}-{level + 1}-{SITE.layout.bins[bin_]}"
        n -= size
    raise AssertionError("the test site has no more shelves")


def location(session: Session, code: str = "", *, kind: str = "pick") -> Location:
    """A shelf by code, e.g. A-03-12-2-B (zone, aisle, bay, level, bin), or the next free one."""
    code = code or _next_shelf_code()
    zone, aisle, bay, level, bin_ = code.split("-")
    row = Location(
        code=code, zone=zone, aisle=int(aisle), bay=int(bay), level=int(level), bin=bin_, kind=kind
    )
    session.add(row)
    session.flush()
    return row


def stock(
    session: Session,
    item: Sku,
    where: Location,
    on_hand: int,
    *,
    owner: Merchant | None = None,
    lot: str = "",
    expiry: date | None = None,
    reserved: int = 0,
) -> StockQuant:
    row = StockQuant(
        sku_id=item.id,
        location_id=where.id,
        owner_id=owner.id if owner is not None else item.merchant_id,
        lot=lot,
        expiry=expiry,
        on_hand=on_hand,
        reserved=reserved,
    )
    session.add(row)
    session.flush()
    return row


def _order_row(
    owner: Merchant, state: str, priority: int, due_at: datetime | None, fo_id: str
) -> Order:
    n = next(_seq)
    return Order(
        fo_id=fo_id or f"FO-{n}",
        version=1,
        order_sn=f"SN{n:08d}",
        merchant_id=owner.id,
        state=state,
        priority=priority,
        due_at=due_at,
        placed_at=datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
    )


def order(
    session: Session,
    owner: Merchant,
    lines: Sequence[tuple[Sku | str, int]],
    *,
    state: str = OrderState.RELEASED,
    priority: int = 0,
    due_at: datetime | None = None,
    fo_id: str = "",
) -> Order:
    """A released order of ``owner`` with one line per (SKU or unknown code, quantity)."""
    row = _order_row(owner, state, priority, due_at, fo_id)
    for i, (item, qty) in enumerate(lines, start=1):
        code = item if isinstance(item, str) else item.code
        sku_id = None if isinstance(item, str) else item.id
        row.lines.append(OrderLine(line_id=f"L{i}", sku_id=sku_id, sku_code=code, qty=qty))
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
    row = _order_row(owner, OrderState.ALLOCATED, priority, due_at, "")
    session.add(row)
    for i, (quant, qty) in enumerate(picks, start=1):
        item = session.get(Sku, quant.sku_id)
        assert item is not None
        line = OrderLine(
            line_id=f"L{i}", sku_id=item.id, sku_code=item.code, qty=qty, allocated=qty
        )
        row.lines.append(line)
        session.flush()
        session.add(Reservation(order_line_id=line.id, quant_id=quant.id, qty=qty))
        quant.reserved += qty
    session.flush()
    return row


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
    for tote, row in enumerate(orders, start=1):
        for line in row.lines:
            for reservation in session.scalars(
                select(Reservation).where(Reservation.order_line_id == line.id)
            ):
                quant = session.get(StockQuant, reservation.quant_id)
                place = session.get(Location, quant.location_id) if quant else None
                assert quant is not None and place is not None
                picks.append((place.code, tote, row, line, reservation, quant))
    route = plan_route(layout, [p[0] for p in picks])
    stop_index = {c: i for i, stop in enumerate(route.stops) for c in stop.codes}
    picks.sort(key=lambda p: (stop_index[p[0]], p[1]))
    for sequence, (_, tote, row, line, reservation, quant) in enumerate(picks, start=1):
        session.add(
            PickTask(
                batch_id=cart.id,
                order_id=row.id,
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


@dataclass(frozen=True)
class PickedCart:
    """A cart the real pick service has picked: what the packing station receives."""

    code: str
    picker: Actor
    totes: dict[str, int]
    """Tote label (``T01``) -> order id."""
    barcodes: dict[str, str]
    """SKU code -> its EAN-13."""


def pick_whole_cart(
    database: Database, picker_actor: Actor, barcodes: dict[str, str], *, now: datetime = NOW
) -> str:
    """Claim the next cart and pick every task through the pick service, scan by scan, as a
    picker on a handheld does; the cart's code."""

    def scan(text: str) -> pick.Step:
        with database.unit_of_work() as session:
            return pick.handle_scan(session, picker_actor, text, key(), now, floor=FLOOR)

    with database.unit_of_work() as session:
        claimed = pick.claim_next_batch(session, picker_actor, now, floor=FLOOR)
        assert claimed is not None, "no cart to pick"
        step = pick.current_step(session, picker_actor, floor=FLOOR)
    while step.kind != "done":
        if step.kind == "location":
            step = scan(step.location)
        elif step.kind == "item":
            step = scan(barcodes[step.sku_code])
        elif step.kind == "quantity":
            step = scan(str(step.qty - step.in_hand))
        elif step.kind == "tote":
            step = scan(step.tote_label)
        else:
            raise AssertionError(f"unexpected step {step.kind}")
    return claimed.code


def picked_cart(
    database: Database,
    lines_per_order: Sequence[Sequence[tuple[str, int]]],
    *,
    lot_controlled: Sequence[str] = (),
) -> PickedCart:
    """Stock, allocated orders (one per entry of ``lines_per_order``: (SKU code, qty)), one
    cart holding them, picked completely by a picker through the real pick service."""
    with database.unit_of_work() as session:
        shop = merchant(session)
        codes = sorted({code for lines in lines_per_order for code, _ in lines})
        items = {c: sku(session, shop, c, lot_controlled=c in lot_controlled) for c in codes}
        needed = {c: sum(q for lines in lines_per_order for s, q in lines if s == c) for c in codes}
        quants = {
            c: stock(
                session,
                items[c],
                location(session),
                needed[c] + 5,
                lot="L1" if c in lot_controlled else "",
                expiry=date(2027, 12, 31) if c in lot_controlled else None,
            )
            for c in codes
        }
        orders = [
            allocated_order(session, shop, [(quants[c], q) for c, q in lines])
            for lines in lines_per_order
        ]
        batch(session, orders)
        who = picker(session)
        barcodes = {c: barcode(items[c]) for c in codes}
        totes = {pick.tote_label(i): o.id for i, o in enumerate(orders, start=1)}
    code = pick_whole_cart(database, who, barcodes)
    return PickedCart(code=code, picker=who, totes=totes, barcodes=barcodes)


def packed_order(
    session: Session,
    owner: Merchant,
    parcels: Sequence[Sequence[tuple[Sku, int]]],
    *,
    carrier: CarrierSettings,
    cod: Decimal | None = None,
    weight_kg: Decimal = Decimal("1.250"),
    province: str = "北京",
    city: str = "北京市",
) -> Order:
    """A packed order the way the packing station leaves it: one shipment for ``carrier``,
    one parcel per group of (SKU, qty) with its tracking number drawn from the carrier's
    ranges, weights, and the lines each parcel holds."""
    row = _order_row(owner, OrderState.PACKED, 0, None, "")
    row.ship_province, row.ship_city = province, city
    if cod is not None:
        row.payment_method, row.cod_amount = "cod", cod
    else:
        row.paid = True
    totals: dict[int, int] = {}
    for group in parcels:
        for item, qty in group:
            totals[item.id] = totals.get(item.id, 0) + qty
    lines: dict[int, OrderLine] = {}
    for i, (sku_id, qty) in enumerate(totals.items(), start=1):
        item = session.get(Sku, sku_id)
        assert item is not None
        line = OrderLine(
            line_id=f"L{i}",
            sku_id=sku_id,
            sku_code=item.code,
            qty=qty,
            allocated=qty,
            picked=qty,
            packed=qty,
        )
        row.lines.append(line)
        lines[sku_id] = line
    row.carrier_code = carrier.code
    session.add(row)
    session.flush()
    shipment = Shipment(
        order_id=row.id,
        state="packed",
        carrier_code=carrier.code,
        cod_amount=cod or Decimal("0"),
    )
    session.add(shipment)
    session.flush()
    for n, group in enumerate(parcels):
        parcel = Parcel(
            shipment_id=shipment.id,
            box_code="B1",
            expected_weight_kg=weight_kg,
            actual_weight_kg=weight_kg + Decimal("0.010") * n,
            tracking_no=draw_tracking_number(session, carrier),
            state="packed",
        )
        session.add(parcel)
        session.flush()
        for item, qty in group:
            session.add(ParcelLine(parcel_id=parcel.id, order_line_id=lines[item.id].id, qty=qty))
    session.flush()
    return row


def packed_parcel(
    session: Session,
    owner: Merchant,
    item: Sku,
    *,
    carrier: CarrierSettings,
    qty: int = 1,
    cod: Decimal | None = None,
) -> Parcel:
    """One packed parcel of one order (``packed_order`` with a single parcel)."""
    row = packed_order(session, owner, [[(item, qty)]], carrier=carrier, cod=cod)
    return session.scalars(select(Parcel).join(Shipment).where(Shipment.order_id == row.id)).one()
