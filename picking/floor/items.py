"""Is the scanned thing the item the task asks for, from the right lot, still sellable?

Reading the scan and matching it to the SKU are the core's (:mod:`warehouse.item_scan`);
picking adds its own checks: a GS1 lot must be the lot the stock was reserved from, and
without a GS1 expiry the reserved lot's recorded expiry is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from picking.floor.errors import expired_lot, unreadable, wrong_item, wrong_lot
from warehouse.item_scan import UnreadableScan, is_code_of, read_item_scan
from warehouse.models import PickTask, Reservation, Sku, StockQuant


def check_item(
    session: Session,
    task: PickTask,
    sku: Sku,
    text: str,
    today: date,
    *,
    reserved_expiry: Callable[[], date | None] | None = None,
) -> None:
    """Raise the refusal that fits, or return when the scan is this task's item.

    ``reserved_expiry``: the reserved stock's recorded expiry when the caller has read it
    already (:func:`picking.floor.steps.reserved_expiry`); else it is read here."""
    try:
        scan = read_item_scan(text, today)
    except UnreadableScan:
        raise unreadable(text.strip()) from None
    if not is_code_of(session, sku, scan):
        raise wrong_item(sku.code)
    lot, expiry = scan.lot, scan.expiry
    if lot is not None and task.lot and lot != task.lot:
        raise wrong_lot(task.lot)
    if expiry is None and task.reservation_id is not None and reserved_expiry is not None:
        expiry = reserved_expiry()
    elif expiry is None and task.reservation_id is not None:
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
