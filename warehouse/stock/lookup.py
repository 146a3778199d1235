"""Find what an operator names: a SKU (code or barcode, of one merchant), a location, an owner.

SKU codes are the merchants' own, so two merchants may use the same code: without an owner a
code that several merchants use is refused rather than guessed.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from warehouse.errors import NotFound, StockError
from warehouse.models import Location, Merchant, Sku, SkuBarcode


def find_merchant(session: Session, owner: str) -> Merchant:
    """A merchant by its mall id or its exact name."""
    text = owner.strip()
    merchant = session.scalar(select(Merchant).where(Merchant.mall_id == text))
    if merchant is None:
        merchant = session.scalar(
            select(Merchant).where(or_(Merchant.name == text, Merchant.name_en == text))
        )
    if merchant is None:
        raise NotFound(f"No merchant {text} is known here.")
    return merchant


def find_skus(session: Session, code: str, owner: str | None = None) -> list[Sku]:
    """Every SKU with this code (or barcode), of one owner when given."""
    text = code.strip()
    query = select(Sku).where(Sku.code == text)
    by_barcode = select(Sku).join(SkuBarcode).where(SkuBarcode.code == text)
    if owner is not None:
        merchant = find_merchant(session, owner)
        query = query.where(Sku.merchant_id == merchant.id)
        by_barcode = by_barcode.where(Sku.merchant_id == merchant.id)
    skus = list(session.scalars(query.order_by(Sku.id)))
    if not skus:
        skus = list(session.scalars(by_barcode.order_by(Sku.id)).unique())
    return skus


def find_sku(session: Session, code: str, owner: str | None = None) -> Sku:
    """Exactly one SKU, or a sentence saying why not."""
    skus = find_skus(session, code, owner)
    if not skus:
        whose = f" for merchant {owner.strip()}" if owner else ""
        raise NotFound(f"No SKU {code.strip()} is known{whose}.")
    if len(skus) > 1:
        names = ", ".join(sorted({s.merchant.mall_id for s in skus}))
        raise StockError(
            f"SKU {code.strip()} belongs to several merchants ({names}); name the owner."
        )
    return skus[0]


def find_location(session: Session, code: str) -> Location:
    text = code.strip()
    location = session.scalar(select(Location).where(Location.code.in_({text, text.upper()})))
    if location is None:
        raise NotFound(f"No location {code.strip()} exists.")
    return location


def days_left(expiry: date | None, today: date) -> int | None:
    return None if expiry is None else (expiry - today).days


def shippable(expiry: date | None, today: date, min_remaining_days: int) -> str:
    """``ok``, ``expired`` (no day left) or ``short_dated`` (fewer days than the SKU allows).

    A lot is expired on its expiry date itself: it could not reach the buyer in time.
    """
    left = days_left(expiry, today)
    if left is None:
        return "ok"
    if left <= 0:
        return "expired"
    if left < min_remaining_days:
        return "short_dated"
    return "ok"
