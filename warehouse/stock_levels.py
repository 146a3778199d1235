"""What each merchant SKU can still be sold, and the one hook that marks it changed (一.2).

Every change of sellable stock calls :func:`touch_skus` (or :func:`touch_quants`) in its own
transaction: receipt, count, adjustment and put-back (``stock.ledger.write_ledger``),
allocation (``allocation.stock.reserve``), a short pick, a reallocation, and reservations given
back on cancellation. That upserts one ``stock_level_dirty`` row per SKU. The sync worker
calls :func:`flush` every few seconds: each dirty SKU's figure at that moment, with its own
sequence number from one counter row, goes into one ``stock_levels`` outbox message per
merchant (at most ``batch_items`` figures each), so the mall keeps, per SKU, the figure with
the highest sequence. A busy SKU is thus sent once per flush, however many units moved, and
a flush of thousands of SKUs is a handful of messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    and_,
    bindparam,
    delete,
    func,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from warehouse.models import (
    Location,
    Merchant,
    OutboxEvent,
    Sku,
    StockLevelDirty,
    StockLevelSeq,
    StockQuant,
    utcnow,
)
from warehouse.models.base import UtcDateTime
from warehouse.outbox import enqueue

KIND = "stock_levels"
BATCH_ITEMS = 500
"""Figures per message unless the caller says otherwise (``delivery.stock_batch_items``)."""


def stock_key(merchant_mall_id: str) -> str:
    """The outbox ``fo_id`` of a merchant's figures, so that its batches go out in order."""
    return f"stock:{merchant_mall_id}"[:64]


def touch_skus(session: Session, sku_ids: Iterable[int]) -> None:
    """Mark SKUs whose sellable quantity may have changed, in the caller's transaction."""
    ids = sorted(set(sku_ids))
    if not ids:
        return
    dialect = session.get_bind().dialect.name
    now = utcnow()
    if dialect == "postgresql":
        # one array parameter: the same statement text for any number of SKUs (compiled once)
        given = select(
            func.unnest(bindparam("sku_ids", ids, type_=postgresql.ARRAY(BigInteger))),
            literal(1),
            bindparam("now", now, type_=UtcDateTime()),
        )
        statement = postgresql.insert(StockLevelDirty).from_select(
            ["sku_id", "touches", "first_touched_at"], given
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["sku_id"], set_={"touches": StockLevelDirty.touches + 1}
            )
        )
        return
    rows = [{"sku_id": i, "touches": 1, "first_touched_at": now} for i in ids]
    session.execute(
        sqlite.insert(StockLevelDirty)
        .values(rows)
        .on_conflict_do_update(
            index_elements=["sku_id"], set_={"touches": StockLevelDirty.touches + 1}
        )
    )


def touch_quants(session: Session, quant_ids: Iterable[int]) -> None:
    ids = sorted(set(quant_ids))
    if ids:
        rows = session.scalars(select(StockQuant.sku_id).where(StockQuant.id.in_(ids)))
        touch_skus(session, rows)


def sellable(session: Session, sku_ids: list[int], today: date) -> dict[int, int]:
    """On hand minus reserved of each SKU's own stock, leaving out expired lots and inactive
    (blocked) locations."""
    if not sku_ids:
        return {}
    free = func.coalesce(func.sum(StockQuant.on_hand - StockQuant.reserved), 0)
    rows = session.execute(
        select(StockQuant.sku_id, free)
        .join(Location, Location.id == StockQuant.location_id)
        .join(Sku, Sku.id == StockQuant.sku_id)
        .where(
            StockQuant.sku_id.in_(sku_ids),
            StockQuant.owner_id == Sku.merchant_id,
            Location.active.is_(True),
            or_(StockQuant.expiry.is_(None), StockQuant.expiry >= today),
        )
        .group_by(StockQuant.sku_id)
    ).all()
    found = {int(s): max(0, int(q)) for s, q in rows}
    return {s: found.get(s, 0) for s in sku_ids}


def next_seqs(session: Session, count: int) -> int:
    """Reserve ``count`` sequence numbers; returns the first (row lock orders flushers)."""
    taken = session.execute(
        update(StockLevelSeq)
        .where(StockLevelSeq.id == 1)
        .values(last_seq=StockLevelSeq.last_seq + count)
        .returning(StockLevelSeq.last_seq)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if taken is None:
        session.add(StockLevelSeq(id=1, last_seq=count))
        session.flush()
        taken = count
    return int(taken) - count + 1


@dataclass(frozen=True)
class Figure:
    merchant_id: str
    sku_code: str
    sellable_qty: int
    seq: int


def _queue(session: Session, sku_ids: list[int], today: date, batch_items: int) -> list[Figure]:
    figures = sellable(session, sku_ids, today)
    names = session.execute(
        select(Sku.id, Sku.code, Merchant.mall_id)
        .join(Merchant, Merchant.id == Sku.merchant_id)
        .where(Sku.id.in_(sku_ids))
        .order_by(Merchant.mall_id, Sku.id)
    ).all()
    if not names:
        return []
    first = next_seqs(session, len(names))
    out = [
        Figure(mall_id, code, figures[sku_id], first + n)
        for n, (sku_id, code, mall_id) in enumerate(names)
    ]
    by_merchant: dict[str, list[Figure]] = {}
    for figure in out:
        by_merchant.setdefault(figure.merchant_id, []).append(figure)
    for mall_id, theirs in by_merchant.items():
        for start in range(0, len(theirs), batch_items):
            enqueue(
                session,
                stock_key(mall_id),
                KIND,
                {
                    "merchant_id": mall_id,
                    "items": [
                        {"sku_code": f.sku_code, "sellable_qty": f.sellable_qty, "seq": f.seq}
                        for f in theirs[start : start + batch_items]
                    ],
                },
            )
    return out


def flush(
    session: Session,
    *,
    today: date | None = None,
    limit: int = 5000,
    batch_items: int = BATCH_ITEMS,
) -> list[Figure]:
    """Queue the figure of every dirty SKU (up to ``limit``) in the caller's transaction (the
    sync worker's): one message per merchant and ``batch_items`` figures.

    A row another transaction is touching right now (an allocation set, a receipt) is skipped,
    not waited for: it stays dirty and the next flush takes it, with that change in it."""
    if batch_items < 1:
        raise ValueError("batch_items must be at least 1")
    today = today or datetime.now(UTC).date()
    dirty = session.execute(
        select(StockLevelDirty.sku_id, StockLevelDirty.touches)
        .order_by(StockLevelDirty.sku_id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    if not dirty:
        return []
    sku_ids = [int(s) for s, _ in dirty]
    figures = _queue(session, sku_ids, today, batch_items)
    # A change touching after our read raised `touches`: that row stays for the next flush.
    session.execute(
        delete(StockLevelDirty)
        .where(tuple_(StockLevelDirty.sku_id, StockLevelDirty.touches).in_(list(dirty)))
        .execution_options(synchronize_session=False)
    )
    return figures


def full_resend(session: Session, *, today: date | None = None) -> int:
    """Mark every SKU dirty (``wms sync --stock-full``): the next flush sends them all."""
    touch_skus(session, session.scalars(select(Sku.id)))
    return int(session.scalar(select(func.count()).select_from(StockLevelDirty)) or 0)


def oldest_dirty(session: Session) -> datetime | None:
    return session.scalar(select(func.min(StockLevelDirty.first_touched_at)))


def pending_figures(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(and_(OutboxEvent.kind == KIND, OutboxEvent.state == "pending"))
        )
        or 0
    )
