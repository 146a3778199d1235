"""What stock is where: plain rows for tables and screens (read only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.models import Location, Merchant, Sku, StockQuant
from warehouse.stock.lookup import find_location, find_sku, find_skus


@dataclass(frozen=True)
class QuantView:
    sku_code: str
    sku_name: str
    owner: str
    """The merchant's mall id."""
    owner_name: str
    location: str
    location_kind: str
    lot: str
    expiry: date | None
    on_hand: int
    reserved: int

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


def _views(session: Session, *conditions: object) -> list[QuantView]:
    rows = session.execute(
        select(StockQuant, Sku, Merchant, Location)
        .join(Sku, StockQuant.sku_id == Sku.id)
        .join(Merchant, StockQuant.owner_id == Merchant.id)
        .join(Location, StockQuant.location_id == Location.id)
        .where(*conditions)  # type: ignore[arg-type]
        .order_by(Location.code, Sku.code, Merchant.mall_id, StockQuant.expiry, StockQuant.lot)
    )
    return [
        QuantView(
            sku.code,
            sku.name_zh,
            m.mall_id,
            m.name,
            loc.code,
            loc.kind,
            q.lot,
            q.expiry,
            q.on_hand,
            q.reserved,
        )
        for q, sku, m, loc in rows
    ]


def stock_for_sku(session: Session, sku_code: str, owner: str | None = None) -> list[QuantView]:
    """Every quant of the SKU (of every merchant using that code, unless ``owner`` is given)."""
    skus = find_skus(session, sku_code, owner)
    if not skus:
        find_sku(session, sku_code, owner)  # raises the "not known" sentence
    return _views(session, StockQuant.sku_id.in_([s.id for s in skus]))


def stock_at_location(session: Session, code: str) -> list[QuantView]:
    location = find_location(session, code)
    return _views(session, StockQuant.location_id == location.id)


def stock_view(session: Session, quant: StockQuant) -> QuantView:
    session.flush()
    return _views(session, StockQuant.id == quant.id)[0]
