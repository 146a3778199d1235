"""Opening many replenishment requests at once (allocation sets): the rules of
:func:`~warehouse.replenishment.service.raise_if_low`, a handful of statements in all.

The caller says which requests it wants and with what stock (:class:`Need`: the levels, and
for a pick face the free reserve stock, as the order that called for it saw them). One query
skips those already open, one finds the pick faces, one ``INSERT … ON CONFLICT (open_key) DO
NOTHING RETURNING`` opens the rest (a request another allocator opened meanwhile comes back as
nothing, exactly as with the one-by-one insert), then the move tasks, audit rows and mall
messages go in one statement each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from warehouse.audit import Actor, audit_row, record_many
from warehouse.bulk import among, insert_many, pairs_in, records_of
from warehouse.models import Location, ReplenishmentRequest, StockQuant, StockTask
from warehouse.models.base import utcnow
from warehouse.outbox import enqueue_many, outbox_row
from warehouse.replenishment.moves import ReserveQuant, move_task_row, plan_moves
from warehouse.replenishment.service import (
    PICK_FACE,
    StockLevels,
    Thresholds,
    open_key,
    pick_face_audit,
    pick_face_qty,
    supplier_audit,
    supplier_message,
    supplier_qty,
)


@dataclass(frozen=True)
class Need:
    """One request wanted (``kind`` ``pick_face`` or ``supplier``) with the stock seen."""

    kind: str
    sku: Thresholds
    owner_id: int
    owner_mall_id: str
    levels: StockLevels
    fo_id: str
    """The order whose allocation called for it (the supplier message goes with it)."""
    reserve: tuple[ReserveQuant, ...] = ()
    """For a pick face: free shippable reserve stock of the SKU and owner at that moment."""

    @property
    def key(self) -> str:
        return open_key(self.kind, self.sku.id, self.owner_id)


def already_open(session: Session, keys: Sequence[str]) -> set[str]:
    if not keys:
        return set()
    found = session.scalars(
        select(ReplenishmentRequest.open_key).where(
            among(session, ReplenishmentRequest.open_key, keys)
        )
    )
    return {key for key in found if key is not None}


def _pick_faces(session: Session, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """Per (SKU, owner): the active pick location holding most of it (as
    :func:`~warehouse.replenishment.moves.pick_face_location`)."""
    if not pairs:
        return {}
    rows = session.execute(
        select(StockQuant.sku_id, StockQuant.owner_id, Location.id)
        .join(Location, StockQuant.location_id == Location.id)
        .where(
            pairs_in(session, StockQuant.sku_id, StockQuant.owner_id, pairs),
            Location.kind == "pick",
            Location.active.is_(True),
        )
        .order_by(StockQuant.on_hand.desc(), Location.id)
    )
    faces: dict[tuple[int, int], int] = {}
    for sku_id, owner_id, location_id in rows:
        faces.setdefault((sku_id, owner_id), location_id)
    return faces


def open_many(session: Session, actor: Actor, needs: Sequence[Need]) -> dict[str, int]:
    """Open the requests not yet open, each once, in the order given; id by open key."""
    known = already_open(session, [n.key for n in needs])
    fresh = [n for n in needs if n.key not in known]
    if not fresh:
        return {}
    faces = _pick_faces(session, {(n.sku.id, n.owner_id) for n in fresh if n.kind == PICK_FACE})
    now = utcnow()
    qtys = [
        pick_face_qty(n.sku, n.levels) if n.kind == PICK_FACE else supplier_qty(n.sku, n.levels)
        for n in fresh
    ]
    rows = [
        {
            "kind": n.kind,
            "sku_id": n.sku.id,
            "owner_id": n.owner_id,
            "location_id": faces.get((n.sku.id, n.owner_id)) if n.kind == PICK_FACE else None,
            "qty": qty,
            "open_key": n.key,
            "state": "open",
            "created_at": now,
        }
        for n, qty in zip(fresh, qtys, strict=True)
    ]
    rows.sort(key=lambda row: str(row["open_key"]))
    # one lock order on the unique index for every allocator (keys sorted), so two sets
    # inserting the same keys queue rather than deadlock
    returning = (ReplenishmentRequest.id, ReplenishmentRequest.open_key)
    if session.get_bind().dialect.name == "postgresql":
        table = cast(Table, ReplenishmentRequest.__table__)
        names = list(rows[0])
        given = records_of(table, names, rows)
        found = session.execute(
            postgresql.insert(ReplenishmentRequest)
            .from_select(names, select(*(given.c[n] for n in names)).order_by(given.c.open_key))
            .on_conflict_do_nothing(index_elements=["open_key"])
            .returning(*returning)
        ).all()
    else:
        found = session.execute(
            sqlite.insert(ReplenishmentRequest)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["open_key"])
            .returning(*returning)
        ).all()
    opened = {str(key): int(request_id) for request_id, key in found}
    tasks: list[dict[str, object]] = []
    audits: list[dict[str, object]] = []
    messages: list[dict[str, object]] = []
    for need, qty in zip(fresh, qtys, strict=True):
        request_id = opened.get(need.key)
        if request_id is None:  # another allocator opened it meanwhile
            continue
        if need.kind == PICK_FACE:
            moves = plan_moves(need.reserve, qty)
            to = faces.get((need.sku.id, need.owner_id))
            tasks += [
                move_task_row(request_id, need.sku.id, need.owner_id, to, quant, take)
                for quant, take in moves
            ]
            after = pick_face_audit(need.sku, qty, len(moves), need.levels)
        else:
            body = supplier_message(need.owner_mall_id, need.sku, need.levels, qty)
            messages.append(outbox_row(need.fo_id, "supplier_request", body))
            after = supplier_audit(need.sku, qty, need.levels)
        audits.append(
            audit_row(actor, "replenishment.open", "replenishment_request", request_id, after=after)
        )
    if tasks:
        insert_many(session, StockTask, tasks)
    record_many(session, audits)
    enqueue_many(session, messages)
    return opened
