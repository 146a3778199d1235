"""Shared steps of the stock operations: lock quants, check limits, write the ledger."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse import replenishment
from warehouse.audit import Actor, record
from warehouse.errors import StockError
from warehouse.models import Location, Sku, StockMove, StockQuant
from warehouse.stock_levels import touch_skus
from warehouse.words import Words

MAX_UNITS = 2**31 - 1
"""The most units one quant, one move or one count can hold (the columns are 32-bit)."""
TOO_MANY = Words(
    en="{qty} units is more than one shelf place can hold ({most} at most); check the number.",
    zh="{qty} 件超过了一个货位能记录的数量（最多 {most} 件），请核对数量。",
)
NOT_A_NUMBER = Words(en="The quantity must be a whole number.", zh="数量必须是整数。")


def within_columns(*numbers: int) -> None:
    """Numbers beyond the columns are a sentence, not a database error."""
    for number in numbers:
        if isinstance(number, bool) or not isinstance(number, int):
            raise StockError.of(NOT_A_NUMBER)
        if abs(number) > MAX_UNITS:
            raise StockError.of(TOO_MANY, qty=f"{number:,}", most=f"{MAX_UNITS:,}")


def positive(qty: int) -> None:
    if qty <= 0:
        raise StockError("The quantity must be a whole number above zero.")


def locked_quants(
    session: Session, sku: Sku, lot: str, *locations: Location
) -> dict[int, StockQuant]:
    """The quants of this SKU and lot at these locations, locked in id order, by location."""
    quants = session.scalars(
        select(StockQuant)
        .where(
            StockQuant.sku_id == sku.id,
            StockQuant.owner_id == sku.merchant_id,
            StockQuant.lot == lot,
            StockQuant.location_id.in_([loc.id for loc in locations]),
        )
        .order_by(StockQuant.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {q.location_id: q for q in quants}


def new_quant(
    session: Session, sku: Sku, location: Location, lot: str, expiry: date | None
) -> StockQuant:
    quant = StockQuant(
        sku_id=sku.id,
        location_id=location.id,
        owner_id=sku.merchant_id,
        lot=lot,
        expiry=expiry,
        on_hand=0,
        reserved=0,
    )
    session.add(quant)
    session.flush()
    return quant


def check_dated(sku: Sku, lot: str, expiry: date | None) -> None:
    if sku.lot_controlled and (not lot or expiry is None):
        raise StockError(f"SKU {sku.code} is dated: give its lot and expiry date.")


def write_ledger(
    session: Session,
    actor: Actor,
    action: str,
    sku: Sku,
    lot: str,
    qty: int,
    source: Location | None,
    target: Location | None,
    reference: str,
    before: dict[str, object],
    after: dict[str, object],
    today: date | None,
) -> None:
    session.add(
        StockMove(
            sku_id=sku.id,
            owner_id=sku.merchant_id,
            lot=lot,
            from_location_id=source.id if source else None,
            to_location_id=target.id if target else None,
            qty=qty,
            reason=action,
            user_id=actor.user_id,
            reference=reference,
        )
    )
    where = target or source
    place = where.code if where is not None else ""
    record(
        session,
        actor,
        f"stock.{action}",
        "stock",
        f"{sku.code}@{place}",
        before=before,
        after={**after, "lot": lot},
        note=reference,
    )
    touch_skus(session, [sku.id])
    replenishment.review(
        session, actor, sku, sku.merchant_id, today=today or datetime.now(UTC).date()
    )


def check_room(quant: StockQuant, sku: Sku, location: Location, new_on_hand: int) -> None:
    if new_on_hand < 0:
        raise StockError(
            f"Only {quant.on_hand} of {sku.code} are at {location.code}; stock cannot go below zero."
        )
    if new_on_hand < quant.reserved:
        raise StockError(
            f"{quant.reserved} of {sku.code} at {location.code} are reserved for orders, "
            f"so on hand cannot drop to {new_on_hand}."
        )
