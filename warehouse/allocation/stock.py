"""The stock side of allocating one order: SKUs, locked quants, reserving, levels after."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date

from sqlalchemy import BigInteger, bindparam, case, func, inspect, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from warehouse.allocation.plan import Candidate
from warehouse.errors import StockMoved
from warehouse.models import Location, Order, OrderLine, Reservation, Sku, StockQuant
from warehouse.replenishment import StockLevels
from warehouse.stock.lookup import shippable
from warehouse.stock_levels import touch_quants, touch_skus


def line_skus(session: Session, order: Order, lines: list[OrderLine]) -> dict[int, Sku]:
    """The SKUs of the lines, resolving codes the intake could not match (the merchant's own)."""
    unresolved = {line.sku_code for line in lines if line.sku_id is None}
    if unresolved:
        by_code = {
            sku.code: sku
            for sku in session.scalars(
                select(Sku).where(Sku.merchant_id == order.merchant_id, Sku.code.in_(unresolved))
            )
        }
        for line in lines:
            if line.sku_id is None and line.sku_code in by_code:
                line.sku_id = by_code[line.sku_code].id
    found: dict[int, Sku] = {}
    for line in lines:  # the claim loads them with the lines; other callers may not
        loaded = inspect(line).attrs.sku.loaded_value
        if isinstance(loaded, Sku):
            found[loaded.id] = loaded
    missing = {line.sku_id for line in lines if line.sku_id is not None} - found.keys()
    if missing:
        found.update((s.id, s) for s in session.scalars(select(Sku).where(Sku.id.in_(missing))))
    return found


def locked_stock(
    session: Session, owner_id: int, skus: dict[int, Sku], today: date
) -> tuple[dict[int, list[Candidate]], dict[int, int]]:
    """Shippable candidates per SKU, and free units per SKU in lots too old to ship."""
    usable: dict[int, list[Candidate]] = defaultdict(list)
    too_old: dict[int, int] = defaultdict(int)
    if not skus:
        return usable, too_old
    rows = session.execute(
        select(
            StockQuant.id,
            StockQuant.sku_id,
            StockQuant.location_id,
            StockQuant.on_hand - StockQuant.reserved,
            StockQuant.lot,
            StockQuant.expiry,
            Location.kind,
        )
        .join(Location, StockQuant.location_id == Location.id)
        .where(
            StockQuant.owner_id == owner_id,  # never another merchant's stock
            StockQuant.sku_id.in_(skus),
            StockQuant.on_hand > StockQuant.reserved,
            Location.active.is_(True),
        )
        .order_by(StockQuant.id)  # one lock order for every allocator: no deadlocks
        .with_for_update(of=StockQuant)
    )
    for quant_id, sku_id, location_id, free, lot, expiry, kind in rows:
        if shippable(expiry, today, skus[sku_id].min_remaining_days) != "ok":
            too_old[sku_id] += free
            continue
        usable[sku_id].append(
            Candidate(quant_id, sku_id, location_id, kind == "pick", free, lot, expiry)
        )
    return usable, too_old


def reserve(
    session: Session, amounts: dict[int, int], *, sku_ids: Collection[int] | None = None
) -> None:
    """Add ``amounts`` (quant id -> units) to the quants' reserved stock in one statement.

    Guarded per row: a quant without that much free stock is not changed, and then the row
    count falls short and the order's transaction is undone. ``sku_ids``: the quants' SKUs
    when the caller knows them (their stock levels are marked without looking them up).
    """
    if not amounts:
        return
    if session.get_bind().dialect.name == "postgresql" and len(amounts) > 1:
        # two array parameters: one statement text whatever the size (compiled once, and the
        # server joins instead of testing a CASE of every quant on every row)
        ids = sorted(amounts)
        given = (
            func.unnest(
                bindparam("quant_ids", ids, type_=ARRAY(BigInteger)),
                bindparam("quant_qtys", [amounts[i] for i in ids], type_=ARRAY(BigInteger)),
            )
            .table_valued("id", "qty")
            .render_derived()
        )
        statement = (
            update(StockQuant)
            .where(
                StockQuant.id == given.c.id,
                StockQuant.on_hand - StockQuant.reserved >= given.c.qty,
            )
            .values(reserved=StockQuant.reserved + given.c.qty)
        )
    else:
        qty = case(amounts, value=StockQuant.id)
        statement = (
            update(StockQuant)
            .where(StockQuant.id.in_(amounts), StockQuant.on_hand - StockQuant.reserved >= qty)
            .values(reserved=StockQuant.reserved + qty)
        )
    result = session.execute(statement.execution_options(synchronize_session=False))
    if result.rowcount != len(amounts):  # type: ignore[attr-defined]
        raise StockMoved("Stock changed while it was being reserved; allocate the order again.")
    if sku_ids is None:
        touch_quants(session, amounts)
    else:
        touch_skus(session, sku_ids)


def book(session: Session, line: OrderLine, quant_id: int, qty: int, *, had_stock: bool) -> None:
    """Record ``qty`` of a quant as reserved for ``line``.

    ``had_stock``: the line held reservations before this attempt (only then can one of the
    same quant exist to add to; a plan names each quant once per line): else none are loaded.
    """
    existing = (
        next((r for r in line.reservations if r.quant_id == quant_id), None) if had_stock else None
    )
    if existing is not None:
        existing.qty += qty
    else:
        session.add(Reservation(order_line_id=line.id, quant_id=quant_id, qty=qty))
    line.allocated += qty


def levels_after(candidates: list[Candidate], taken: dict[int, int]) -> StockLevels:
    free = [(c, c.available - taken.get(c.quant_id, 0)) for c in candidates]
    return StockLevels(
        pick_face=sum(n for c, n in free if c.pick_face), site=sum(n for _, n in free)
    )
