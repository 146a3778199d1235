"""Small builders of floor data: merchants, SKUs, shelves, stock and released orders.

Plain functions that add rows to a session and flush, so that ids exist; the caller commits.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from warehouse.models import Location, Merchant, Order, OrderLine, Sku, StockQuant

_seq = itertools.count(1)


def merchant(session: Session, mall_id: str = "", *, whole_order_only: bool = False) -> Merchant:
    n = next(_seq)
    row = Merchant(
        mall_id=mall_id or f"M{n}", name=f"Shop {mall_id or n}", whole_order_only=whole_order_only
    )
    session.add(row)
    session.flush()
    return row


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
    row = Sku(
        merchant_id=owner.id,
        code=code or f"SKU{next(_seq)}",
        name_zh="商品",
        lot_controlled=lot_controlled,
        min_remaining_days=min_remaining_days,
        pick_face_min=pick_face_min,
        pick_face_max=pick_face_max,
        reorder_point=reorder_point,
    )
    session.add(row)
    session.flush()
    return row


def location(session: Session, code: str = "", *, kind: str = "pick") -> Location:
    """A shelf; codes look like A-01-02-1-A (zone, aisle, bay, level, bin)."""
    n = next(_seq)
    code = code or f"A-{n // 40 % 100:02d}-{n % 40:02d}-{n // 4000 % 10}-{'AB'[n % 2]}"
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


def order(
    session: Session,
    owner: Merchant,
    lines: Sequence[tuple[Sku | str, int]],
    *,
    state: str = "released",
    priority: int = 0,
    due_at: datetime | None = None,
    fo_id: str = "",
) -> Order:
    """A released order of ``owner`` with one line per (SKU or unknown code, quantity)."""
    n = next(_seq)
    row = Order(
        fo_id=fo_id or f"FO-{n}",
        version=1,
        order_sn=f"SN{n:08d}",
        merchant_id=owner.id,
        state=state,
        priority=priority,
        due_at=due_at,
        placed_at=datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
    )
    for i, (item, qty) in enumerate(lines, start=1):
        code = item if isinstance(item, str) else item.code
        sku_id = None if isinstance(item, str) else item.id
        row.lines.append(OrderLine(line_id=f"L{i}", sku_id=sku_id, sku_code=code, qty=qty))
    session.add(row)
    session.flush()
    return row
