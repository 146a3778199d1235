"""Is the scanned thing the item the task asks for, from the right lot, still sellable?

A SKU answers to any of its barcodes (EAN-13, GTIN-14, internal) and to its own code; an
EAN-13 and the GTIN-14 that wraps it are the same number, so both are compared as GTIN-14. A
GS1-128 string also names the lot (AI 10) and expiry (AI 17), which must match the lot the
stock was reserved from; without them, the reserved lot's recorded expiry is checked.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from picking.floor.errors import expired_lot, unreadable, wrong_item, wrong_lot
from warehouse.gs1 import Gs1Error, as_gtin14, looks_like_gs1, parse_gs1
from warehouse.models import PickTask, Reservation, Sku, SkuBarcode, StockQuant


def _same_code(scanned: str, known: str) -> bool:
    a, b = as_gtin14(scanned), as_gtin14(known)
    if a is not None and b is not None:
        return a == b
    return scanned.strip().upper() == known.strip().upper()


def check_item(session: Session, task: PickTask, sku: Sku, text: str, today: date) -> None:
    """Raise the refusal that fits, or return when the scan is this task's item."""
    code, lot, expiry = text.strip(), None, None
    if looks_like_gs1(code):
        try:
            data = parse_gs1(code, today=today)
        except Gs1Error:
            raise unreadable(code) from None
        if data.gtin is None:
            raise wrong_item(sku.code)
        code, lot, expiry = data.gtin, data.lot, data.expiry
    barcodes = session.scalars(select(SkuBarcode.code).where(SkuBarcode.sku_id == sku.id))
    if not any(_same_code(code, known) for known in [sku.code, *barcodes]):
        raise wrong_item(sku.code)
    if lot is not None and task.lot and lot != task.lot:
        raise wrong_lot(task.lot)
    if expiry is None and task.reservation_id is not None:
        expiry = session.scalar(
            select(StockQuant.expiry)
            .join(Reservation, Reservation.quant_id == StockQuant.id)
            .where(Reservation.id == task.reservation_id)
        )
    if expiry is not None and expiry <= today:  # on its date it can no longer reach a buyer
        raise expired_lot(lot or task.lot or "?")


def is_quantity(text: str) -> bool:
    """A typed count (a few digits) rather than a barcode (8 digits and more)."""
    value = text.strip()
    return value.isdigit() and len(value) <= 4
