"""Low stock: refill pick faces from reserve, and ask merchants for more.

Two thresholds per SKU, counted in stock that may still ship (not expired or short-dated) and
is not reserved for orders, per owner:

- ``pick_face_min``: when the free stock on pick faces drops below it, one ``pick_face``
  request opens with proposed ``move`` tasks from reserve (same owner, first expiry first) up
  to ``pick_face_max``.
- ``reorder_point``: when the free stock on the whole site drops below it, one ``supplier``
  request opens and the mall is told (outbox ``supplier_request``).

"Once" is enforced by the database: ``open_key`` is unique while a request is open, and the
insert is ``ON CONFLICT DO NOTHING``, so a thousand orders (or two allocators at the same
moment) raise one request. Stock coming in closes it again (:func:`review`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from warehouse.audit import Actor, record
from warehouse.models import Merchant, ReplenishmentRequest, Sku
from warehouse.models.base import utcnow
from warehouse.outbox import enqueue
from warehouse.replenishment.moves import (
    insert_once,
    pick_face_location,
    propose_moves,
    usable_quants,
)

PICK_FACE, SUPPLIER = "pick_face", "supplier"


@dataclass(frozen=True)
class StockLevels:
    """Free, shippable stock of one SKU and owner."""

    pick_face: int
    site: int


class Thresholds(Protocol):
    """What replenishment reads of a SKU (a :class:`Sku`, or a plain copy of its values)."""

    @property
    def id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def pick_face_min(self) -> int: ...
    @property
    def pick_face_max(self) -> int: ...
    @property
    def reorder_point(self) -> int: ...


def pick_face_qty(sku: Thresholds, levels: StockLevels) -> int:
    """How much a pick-face request asks for: up to the face's maximum."""
    return max(sku.pick_face_max, sku.pick_face_min) - levels.pick_face


def supplier_qty(sku: Thresholds, levels: StockLevels) -> int:
    return sku.reorder_point - levels.site


def pick_face_audit(
    sku: Thresholds, qty: int, tasks: int, levels: StockLevels
) -> dict[str, object]:
    return {
        "kind": PICK_FACE,
        "sku": sku.code,
        "qty": qty,
        "tasks": tasks,
        "pick_face_available": levels.pick_face,
    }


def supplier_message(
    merchant_mall_id: str, sku: Thresholds, levels: StockLevels, qty: int
) -> dict[str, object]:
    """The body of the ``supplier_request`` message to the mall."""
    return {
        "merchant_id": merchant_mall_id,
        "sku_code": sku.code,
        "available_qty": levels.site,
        "reorder_point": sku.reorder_point,
        "requested_qty": qty,
    }


def supplier_audit(sku: Thresholds, qty: int, levels: StockLevels) -> dict[str, object]:
    return {"kind": SUPPLIER, "sku": sku.code, "qty": qty, "site_available": levels.site}


def open_key(kind: str, sku_id: int, owner_id: int) -> str:
    return f"{kind}:{sku_id}:{owner_id}"


def stock_levels(session: Session, sku: Sku, owner_id: int, today: date) -> StockLevels:
    quants = usable_quants(session, sku, owner_id, today)
    pick_face = sum(q.available for q, loc in quants if loc.kind == "pick")
    return StockLevels(pick_face=pick_face, site=sum(q.available for q, _ in quants))


def raise_if_low(
    session: Session,
    actor: Actor,
    sku: Sku,
    owner_id: int,
    levels: StockLevels,
    *,
    today: date,
    fo_id: str = "",
    skip: Collection[str] = (),
) -> list[int]:
    """Open the requests these levels call for (each at most once while open); their ids.

    ``skip``: open keys known to be open already (no insert is tried for them).
    """
    opened: list[int] = []
    wanted = set(keys_wanted(sku, owner_id, levels)) - set(skip)
    if open_key(PICK_FACE, sku.id, owner_id) in wanted:
        qty = pick_face_qty(sku, levels)
        request_id = insert_once(
            session,
            {
                "kind": PICK_FACE,
                "sku_id": sku.id,
                "owner_id": owner_id,
                "location_id": None,
                "qty": qty,
                "open_key": open_key(PICK_FACE, sku.id, owner_id),
            },
        )
        if request_id is not None:  # only now is it worth finding the face (usually open)
            location = pick_face_location(session, sku, owner_id)
            session.execute(
                update(ReplenishmentRequest)
                .where(ReplenishmentRequest.id == request_id)
                .values(location_id=location)
            )
            tasks = propose_moves(session, request_id, sku, owner_id, location, qty, today)
            record(
                session,
                actor,
                "replenishment.open",
                "replenishment_request",
                request_id,
                after=pick_face_audit(sku, qty, tasks, levels),
            )
            opened.append(request_id)
    if open_key(SUPPLIER, sku.id, owner_id) in wanted:
        qty = supplier_qty(sku, levels)
        request_id = insert_once(
            session,
            {
                "kind": SUPPLIER,
                "sku_id": sku.id,
                "owner_id": owner_id,
                "location_id": None,
                "qty": qty,
                "open_key": open_key(SUPPLIER, sku.id, owner_id),
            },
        )
        if request_id is not None:
            merchant = session.get(Merchant, owner_id)
            mall_id = merchant.mall_id if merchant else str(owner_id)
            enqueue(session, fo_id, "supplier_request", supplier_message(mall_id, sku, levels, qty))
            record(
                session,
                actor,
                "replenishment.open",
                "replenishment_request",
                request_id,
                after=supplier_audit(sku, qty, levels),
            )
            opened.append(request_id)
    return opened


def raise_where_low(
    session: Session,
    actor: Actor,
    owner_id: int,
    levels: list[tuple[Sku, StockLevels]],
    *,
    today: date,
    fo_id: str = "",
) -> list[int]:
    """:func:`raise_if_low` for several SKUs, skipping (in one query) requests already open.

    While a SKU stays low every order would otherwise try (and fail) to insert its request.
    """
    wanted = {sku.id: keys for sku, level in levels if (keys := keys_wanted(sku, owner_id, level))}
    if not wanted:
        return []
    all_keys = [key for keys in wanted.values() for key in keys]
    already = {
        key
        for key in session.scalars(
            select(ReplenishmentRequest.open_key).where(ReplenishmentRequest.open_key.in_(all_keys))
        )
        if key is not None
    }
    opened: list[int] = []
    for sku, level in levels:
        if sku.id in wanted and not set(wanted[sku.id]) <= already:
            opened += raise_if_low(
                session, actor, sku, owner_id, level, today=today, fo_id=fo_id, skip=already
            )
    return opened


def keys_wanted(sku: Thresholds, owner_id: int, levels: StockLevels) -> list[str]:
    keys = []
    if sku.pick_face_min > 0 and levels.pick_face < sku.pick_face_min:
        keys.append(open_key(PICK_FACE, sku.id, owner_id))
    if sku.reorder_point > 0 and levels.site < sku.reorder_point:
        keys.append(open_key(SUPPLIER, sku.id, owner_id))
    return keys


def close_satisfied(
    session: Session, actor: Actor, sku: Sku, owner_id: int, levels: StockLevels
) -> list[int]:
    """Close open requests whose threshold is met again; their ids."""
    closed: list[int] = []
    for kind, met in (
        (PICK_FACE, levels.pick_face >= sku.pick_face_min),
        (SUPPLIER, levels.site >= sku.reorder_point),
    ):
        if not met:
            continue
        key = open_key(kind, sku.id, owner_id)
        request_id = session.execute(
            update(ReplenishmentRequest)
            .where(ReplenishmentRequest.open_key == key)
            .values(state="done", open_key=None, closed_at=utcnow())
            .returning(ReplenishmentRequest.id)
        ).scalar_one_or_none()
        if request_id is not None:
            record(session, actor, "replenishment.close", "replenishment_request", request_id)
            closed.append(request_id)
    return closed


def review(
    session: Session, actor: Actor, sku: Sku, owner_id: int, *, today: date, fo_id: str = ""
) -> list[int]:
    """After any stock change: close what is met, open what is needed; ids of new requests."""
    levels = stock_levels(session, sku, owner_id, today)
    close_satisfied(session, actor, sku, owner_id, levels)
    return raise_if_low(session, actor, sku, owner_id, levels, today=today, fo_id=fo_id)


def open_requests(session: Session, kind: str | None = None) -> list[ReplenishmentRequest]:
    query = select(ReplenishmentRequest).where(ReplenishmentRequest.state == "open")
    if kind is not None:
        query = query.where(ReplenishmentRequest.kind == kind)
    return list(session.scalars(query.order_by(ReplenishmentRequest.id)))


def count_open(session: Session) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(ReplenishmentRequest)
            .where(ReplenishmentRequest.state == "open")
        )
        or 0
    )
