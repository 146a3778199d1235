"""Database steps of replenishment: usable quants, the insert-once, proposed moves."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from warehouse.models import Location, ReplenishmentRequest, Sku, StockQuant, StockTask
from warehouse.models.base import utcnow
from warehouse.stock.lookup import shippable


def usable_quants(
    session: Session, sku: Sku, owner_id: int, today: date
) -> list[tuple[StockQuant, Location]]:
    rows = session.execute(
        select(StockQuant, Location)
        .join(Location, StockQuant.location_id == Location.id)
        .where(
            StockQuant.sku_id == sku.id,
            StockQuant.owner_id == owner_id,
            StockQuant.on_hand > StockQuant.reserved,
            Location.active.is_(True),
        )
    )
    return [
        (q, loc) for q, loc in rows if shippable(q.expiry, today, sku.min_remaining_days) == "ok"
    ]


def insert_once(session: Session, values: dict[str, object]) -> int | None:
    """Insert an open request unless one with the same ``open_key`` exists; its id or None."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(ReplenishmentRequest)
        .values(created_at=utcnow(), state="open", **values)
        .on_conflict_do_nothing(index_elements=["open_key"])
        .returning(ReplenishmentRequest.id)
    )
    return session.execute(statement).scalar_one_or_none()


def pick_face_location(session: Session, sku: Sku, owner_id: int) -> int | None:
    return session.scalar(
        select(Location.id)
        .join(StockQuant, StockQuant.location_id == Location.id)
        .where(
            StockQuant.sku_id == sku.id,
            StockQuant.owner_id == owner_id,
            Location.kind == "pick",
            Location.active.is_(True),
        )
        .order_by(StockQuant.on_hand.desc(), Location.id)
        .limit(1)
    )


@dataclass(frozen=True)
class ReserveQuant:
    """Free, shippable stock of one reserve quant, as a refill may take it."""

    quant_id: int
    location_id: int
    lot: str
    expiry: date | None
    available: int


def plan_moves(reserve: Iterable[ReserveQuant], qty: int) -> list[tuple[ReserveQuant, int]]:
    """What to move for ``qty`` units: first expiry first, else largest quant first."""
    ordered = sorted(reserve, key=lambda q: (q.expiry or date.max, -q.available, q.quant_id))
    moves: list[tuple[ReserveQuant, int]] = []
    for quant in ordered:
        if qty <= 0:
            break
        take = min(qty, quant.available)
        moves.append((quant, take))
        qty -= take
    return moves


MOVE_REASON = "Refill the pick face: it is below its minimum."


def move_task_row(
    request_id: int,
    sku_id: int,
    owner_id: int,
    to_location: int | None,
    quant: ReserveQuant,
    qty: int,
) -> dict[str, object]:
    return {
        "kind": "move",
        "sku_id": sku_id,
        "owner_id": owner_id,
        "lot": quant.lot,
        "from_location_id": quant.location_id,
        "to_location_id": to_location,
        "qty": qty,
        "reason": MOVE_REASON,
        "reference": f"replenishment:{request_id}",
    }


def propose_moves(
    session: Session,
    request_id: int,
    sku: Sku,
    owner_id: int,
    to_location: int | None,
    qty: int,
    today: date,
) -> int:
    """Move tasks from reserve, first expiry first (else largest quant first); how many."""
    reserve = [
        ReserveQuant(q.id, q.location_id, q.lot, q.expiry, q.available)
        for q, loc in usable_quants(session, sku, owner_id, today)
        if loc.kind != "pick"
    ]
    moves = plan_moves(reserve, qty)
    for quant, take in moves:
        session.add(
            StockTask(**move_task_row(request_id, sku.id, owner_id, to_location, quant, take))
        )
    return len(moves)
