"""Stock on the shelves: receive, adjust, move, count, put back; and what is where.

Every change writes one ``StockMove`` (the ledger) and one audit event in the caller's
transaction, locks the quants it changes (``FOR UPDATE`` on PostgreSQL, taken in id order so
that two opposite moves cannot deadlock) and refuses, with one sentence, to make stock negative
or to leave more reserved than is on hand. A quant belongs to its SKU's merchant. Who may:
:mod:`warehouse.stock.roles`. Then ``replenishment.review`` opens or closes low-stock requests.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.errors import StockError
from warehouse.models import Location, Sku, StockQuant
from warehouse.stock.ledger import (
    check_dated,
    check_room,
    locked_quants,
    new_quant,
    positive,
    within_columns,
    write_ledger,
)
from warehouse.stock.lookup import find_location, find_sku
from warehouse.stock.roles import ADJUST, MOVE, PUT_BACK, RECEIVE, check_assigned_count, may_count
from warehouse.stock.views import QuantView, stock_at_location, stock_for_sku, stock_view
from warehouse.users import require_role

__all__ = [
    "QuantView",
    "adjust",
    "count",
    "move",
    "put_back",
    "receive",
    "stock_at_location",
    "stock_for_sku",
]


def _add_stock(
    session: Session,
    actor: Actor,
    action: str,
    *,
    sku_code: str,
    location_code: str,
    qty: int,
    owner: str | None,
    lot: str,
    expiry: date | None,
    reference: str,
    today: date | None,
) -> QuantView:
    require_role(session, actor, *(RECEIVE if action == "receive" else PUT_BACK))
    within_columns(qty)
    positive(qty)
    sku = find_sku(session, sku_code, owner)
    location = find_location(session, location_code)
    if sku.lot_controlled and not lot:
        check_dated(sku, lot, expiry)
    quant = locked_quants(session, sku, lot, location).get(location.id)
    if quant is None:
        check_dated(sku, lot, expiry)  # a lot already on the shelf has its expiry
        quant = new_quant(session, sku, location, lot, expiry)
    elif expiry is not None and quant.expiry is not None and quant.expiry != expiry:
        raise StockError(
            f"Lot {lot} at {location.code} expires on {quant.expiry}, not on {expiry}."
        )
    _set_on_hand(
        session, actor, action, sku, lot, quant, location, quant.on_hand + qty, reference, today
    )
    return stock_view(session, quant)


def _set_on_hand(
    session: Session,
    actor: Actor,
    action: str,
    sku: Sku,
    lot: str,
    quant: StockQuant,
    location: Location,
    new_on_hand: int,
    reference: str,
    today: date | None,
    **after: object,
) -> int:
    """Set one quant's on-hand and write the ledger: stock found comes *to* the shelf, stock
    lost goes *from* it. Returns the difference."""
    within_columns(new_on_hand)
    before = quant.on_hand
    difference = new_on_hand - before
    quant.on_hand = new_on_hand
    write_ledger(
        session,
        actor,
        action,
        sku,
        lot,
        abs(difference),
        location if difference < 0 else None,
        location if difference >= 0 else None,
        reference,
        {"on_hand": before},
        {"on_hand": new_on_hand, **after},
        today,
    )
    return difference


def receive(
    session: Session,
    actor: Actor,
    *,
    sku_code: str,
    location_code: str,
    qty: int,
    owner: str | None = None,
    lot: str = "",
    expiry: date | None = None,
    reference: str = "",
    today: date | None = None,
) -> QuantView:
    """Goods from a merchant go onto a shelf."""
    return _add_stock(
        session,
        actor,
        "receive",
        sku_code=sku_code,
        location_code=location_code,
        qty=qty,
        owner=owner,
        lot=lot,
        expiry=expiry,
        reference=reference,
        today=today,
    )


def put_back(
    session: Session,
    actor: Actor,
    *,
    sku_code: str,
    location_code: str,
    qty: int,
    owner: str | None = None,
    lot: str = "",
    expiry: date | None = None,
    reference: str = "",
    today: date | None = None,
) -> QuantView:
    """Picked goods (a cancelled or changed order) go back onto a shelf."""
    return _add_stock(
        session,
        actor,
        "put_back",
        sku_code=sku_code,
        location_code=location_code,
        qty=qty,
        owner=owner,
        lot=lot,
        expiry=expiry,
        reference=reference,
        today=today,
    )


def adjust(
    session: Session,
    actor: Actor,
    *,
    sku_code: str,
    location_code: str,
    delta: int,
    reason: str,
    owner: str | None = None,
    lot: str = "",
    expiry: date | None = None,
    today: date | None = None,
) -> QuantView:
    """A supervisor corrects on-hand stock by ``delta`` (damage found, stock found)."""
    require_role(session, actor, *ADJUST)
    within_columns(delta)
    if delta == 0:
        raise StockError("An adjustment must change the quantity.")
    if not reason.strip():
        raise StockError("Say why the stock is adjusted.")
    sku = find_sku(session, sku_code, owner)
    location = find_location(session, location_code)
    quant = locked_quants(session, sku, lot, location).get(location.id)
    if quant is None:
        if delta < 0:
            raise StockError(f"There is no {sku.code} lot '{lot}' at {location.code} to remove.")
        check_dated(sku, lot, expiry)
        quant = new_quant(session, sku, location, lot, expiry)
    check_room(quant, sku, location, quant.on_hand + delta)
    _set_on_hand(
        session, actor, "adjust", sku, lot, quant, location, quant.on_hand + delta, reason, today
    )
    return stock_view(session, quant)


def count(
    session: Session,
    actor: Actor,
    *,
    sku_code: str,
    location_code: str,
    counted: int,
    owner: str | None = None,
    lot: str = "",
    expiry: date | None = None,
    today: date | None = None,
) -> int:
    """Cycle count: the shelf holds ``counted``; returns the difference recorded (+ found)."""
    anywhere = may_count(session, actor)
    within_columns(counted)
    if counted < 0:
        raise StockError("A count cannot be below zero.")
    sku = find_sku(session, sku_code, owner)
    location = find_location(session, location_code)
    if not anywhere:
        check_assigned_count(session, actor, sku, location)
    quant = locked_quants(session, sku, lot, location).get(location.id)
    if quant is None:
        if counted == 0:
            return 0
        check_dated(sku, lot, expiry)
        quant = new_quant(session, sku, location, lot, expiry)
    check_room(quant, sku, location, counted)
    return _set_on_hand(
        session,
        actor,
        "count",
        sku,
        lot,
        quant,
        location,
        counted,
        f"counted {counted}",
        today,
        difference=counted - quant.on_hand,
    )


def move(
    session: Session,
    actor: Actor,
    *,
    sku_code: str,
    from_location: str,
    to_location: str,
    qty: int,
    owner: str | None = None,
    lot: str = "",
    reference: str = "",
    today: date | None = None,
) -> QuantView:
    """Move free (unreserved) stock between shelves; returns the destination quant."""
    require_role(session, actor, *MOVE)
    within_columns(qty)
    positive(qty)
    sku = find_sku(session, sku_code, owner)
    source = find_location(session, from_location)
    target = find_location(session, to_location)
    if source.id == target.id:
        raise StockError("The stock is already at that location.")
    quants = locked_quants(session, sku, lot, source, target)
    origin = quants.get(source.id)
    if origin is None or origin.available < qty:
        free = origin.available if origin else 0
        raise StockError(
            f"Only {free} of {sku.code} at {source.code} are free to move; asked for {qty}."
        )
    destination = quants.get(target.id) or new_quant(session, sku, target, lot, origin.expiry)
    within_columns(destination.on_hand + qty)
    origin.on_hand -= qty
    destination.on_hand += qty
    write_ledger(
        session,
        actor,
        "move",
        sku,
        lot,
        qty,
        source,
        target,
        reference,
        {"from": source.code, "on_hand": origin.on_hand + qty},
        {"to": target.code, "on_hand": destination.on_hand},
        today,
    )
    return stock_view(session, destination)
