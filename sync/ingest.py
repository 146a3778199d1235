"""Order intake from the mall's change feed, exactly once.

Each page is stored in one transaction together with the cursor that follows it, so a
crash repeats at most one page and the upsert by ``(fo_id, version)`` makes the repeat
harmless. The page's new orders are stored as one set (``sync.intake_sets``); the rest, and
the set's orders too if the database refuses the set, are applied one by one, each in a
savepoint of its own. An item that is not an order, does not match the contract, or that the
database still refuses is quarantined alone, with its raw text sealed and a reason stored as
a message; the rest of the page and the cursor are stored, and the feed goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import inspect, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from sync.client import MallClient
from sync.contract import OrderSnapshot, RawFeedPage
from sync.contract_types import MAX_DEPTH, depth_exceeds
from sync.intake import IntakeContext, apply_snapshot
from sync.intake_sets import store_new_orders
from sync.quarantine import identity, other_warehouse, quarantine, refused_by_database, unreadable
from warehouse.bulk import among
from warehouse.db import Database
from warehouse.models import Order, SyncCursor
from warehouse.words import Message


@dataclass
class IngestStats:
    fetched: int = 0
    new: int = 0
    updated: int = 0
    ignored: int = 0
    """Duplicates and versions older than the one stored."""
    held: int = 0
    released: int = 0
    cancelled: int = 0
    quarantined: int = 0
    pages: int = 0

    def add(self, other: IngestStats) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def count(self, outcome: str) -> None:
        if hasattr(self, outcome):
            setattr(self, outcome, getattr(self, outcome) + 1)


def cursor_name(warehouse_code: str) -> str:
    return f"mall:{warehouse_code}"


def read_cursor(db: Database, name: str) -> str:
    with db.unit_of_work(read_only=True) as session:
        row = session.get(SyncCursor, name)
        return row.cursor if row is not None and row.cursor else "0"


def _ensure_cursor_row(session: Session, dialect: str, name: str) -> None:
    """Create the cursor row if missing; two workers starting at once must not both insert it."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(SyncCursor)
        .values(name=name, cursor="0")
        .on_conflict_do_nothing(index_elements=["name"])
    )


def store_page(
    db: Database,
    page: RawFeedPage,
    *,
    name: str,
    expected_cursor: str,
    context: IntakeContext,
    in_sets: bool = True,
) -> IngestStats:
    """Store one page and the cursor after it in one transaction.

    ``in_sets``: the page's new orders as one set (``sync.intake_sets``), the rest one by
    one; False: every order one by one (the path before sets, kept for comparison)."""
    stats = IngestStats(fetched=len(page.items), pages=1)
    with db.unit_of_work() as session:
        _ensure_cursor_row(session, db.dialect, name)
        query = select(SyncCursor).where(SyncCursor.name == name)
        if db.dialect == "postgresql":
            query = query.with_for_update()
        cursor = session.scalars(query).one()
        if (cursor.cursor or "0") != expected_cursor:
            return IngestStats()  # another worker stored this page first
        snapshots = _read_items(session, page.items, context, stats)
        ids = {s.fo_id for _, s in snapshots}
        orders = (
            select(Order).where(among(session, Order.fo_id, ids)).options(selectinload(Order.lines))
        )
        if db.dialect == "postgresql":
            orders = orders.with_for_update(of=Order)  # the floor may change them meanwhile
        existing = {o.fo_id: o for o in session.scalars(orders)} if ids else {}
        context.prefetch(session, [s for _, s in snapshots])
        if in_sets:
            outcomes, snapshots = store_new_orders(session, snapshots, existing, context)
            for outcome in outcomes:
                for part in outcome:
                    stats.count(part)
        for raw, snapshot in snapshots:
            _store_one(session, raw, snapshot, existing, context, stats)
        cursor.cursor = page.next_cursor
        now = datetime.now(UTC)
        cursor.updated_at = now
        cursor.last_success_at = now
        cursor.backlog = len(page.items) if page.has_more else 0
    return stats


def _read_items(
    session: Session, items: list[Any], context: IntakeContext, stats: IngestStats
) -> list[tuple[Any, OrderSnapshot]]:
    """Each item on its own: an order of ours, or set aside with the reason."""
    snapshots: list[tuple[Any, OrderSnapshot]] = []
    for position, raw in enumerate(items, 1):
        if not isinstance(raw, dict):
            kind = type(raw).__name__.replace("NoneType", "null")
            reason = Message.of("quarantine.not_object", position=position, kind=kind)
        elif depth_exceeds(raw):
            reason = Message.of("quarantine.too_deep", fo_id=identity(raw)[0], limit=MAX_DEPTH)
        else:
            try:
                snapshot = OrderSnapshot.model_validate(raw)
            except ValidationError as exc:
                reason = unreadable(raw, exc)
            else:
                if snapshot.warehouse_code == context.warehouse_code:
                    snapshots.append((raw, snapshot))
                    continue
                reason = other_warehouse(raw, snapshot.warehouse_code, context.warehouse_code)
        if quarantine(session, raw, reason, context.cipher) is not None:
            stats.quarantined += 1
    return snapshots


def _store_one(
    session: Session,
    raw: Any,
    snapshot: OrderSnapshot,
    existing: dict[str, Order],
    context: IntakeContext,
    stats: IngestStats,
) -> None:
    """Apply one order in a savepoint; if the database still refuses it, set it aside alone."""
    try:
        with session.begin_nested():
            outcome = apply_snapshot(session, snapshot, existing, context)
    except (SQLAlchemyError, ValueError, OverflowError) as exc:
        for fo_id in [k for k, o in existing.items() if not inspect(o).persistent]:
            del existing[fo_id]  # created in the savepoint just rolled back
        context.merchants = {k: m for k, m in context.merchants.items() if inspect(m).persistent}
        if quarantine(session, raw, refused_by_database(raw, exc), context.cipher) is not None:
            stats.quarantined += 1
        return
    for part in outcome:
        stats.count(part)


def store_snapshot(db: Database, snapshot: OrderSnapshot, context: IntakeContext) -> list[str]:
    """Apply one snapshot fetched outside the feed (after a 409); the cursor is not touched,
    and the upsert by version keeps the feed's later copy of it harmless. Safe to call from
    several threads: the caches of ``context`` are not shared."""
    context = replace(context, merchants={}, sku_ids={})
    with db.unit_of_work() as session:
        query = select(Order).where(Order.fo_id == snapshot.fo_id)
        if db.dialect == "postgresql":
            query = query.with_for_update()
        existing = {o.fo_id: o for o in session.scalars(query)}
        context.prefetch(session, [snapshot])
        return apply_snapshot(session, snapshot, existing, context)


def sync_orders(
    db: Database,
    client: MallClient,
    context: IntakeContext,
    *,
    limit: int = 100,
    max_pages: int | None = None,
    progress: Callable[[IngestStats, bool], None] | None = None,
    in_sets: bool = True,
) -> IngestStats:
    """Fetch and store pages from the saved cursor until the feed is drained.

    ``in_sets`` (see :func:`store_page`) also reads the next page from the mall while this
    one is stored. Each page is still stored only if the saved cursor is the one it was
    read after; when another worker moved it first, the cursor is read again and the page
    read ahead is dropped. False: the loop before sets, one page after the other."""
    if not in_sets:
        return _one_page_at_a_time(db, client, context, limit, max_pages, progress)
    name = cursor_name(context.warehouse_code)
    total = IngestStats()
    cursor = read_cursor(db, name)
    reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed")
    try:
        coming: Future[RawFeedPage] | None = reader.submit(client.changes, cursor, limit)
        while coming is not None and (max_pages is None or total.pages < max_pages):
            page = coming.result()
            more = page.has_more and (max_pages is None or total.pages + 1 < max_pages)
            coming = reader.submit(client.changes, page.next_cursor, limit) if more else None
            stats = store_page(db, page, name=name, expected_cursor=cursor, context=context)
            total.add(stats)
            if progress is not None:
                progress(total, page.has_more)
            if not page.has_more:
                break
            if stats.pages:
                cursor = page.next_cursor  # ours: stored with the page, under its lock
                continue
            if coming is not None:
                coming.cancel()
            cursor = read_cursor(db, name)  # another worker stored this page first
            coming = reader.submit(client.changes, cursor, limit)
    finally:
        reader.shutdown(wait=False, cancel_futures=True)  # an error does not wait for the mall
    return total


def _one_page_at_a_time(
    db: Database,
    client: MallClient,
    context: IntakeContext,
    limit: int,
    max_pages: int | None,
    progress: Callable[[IngestStats, bool], None] | None,
) -> IngestStats:
    """The feed as read before sets: read the cursor, read a page, store it one by one."""
    name = cursor_name(context.warehouse_code)
    total = IngestStats()
    while max_pages is None or total.pages < max_pages:
        cursor = read_cursor(db, name)
        page = client.changes(cursor, limit)
        total.add(
            store_page(db, page, name=name, expected_cursor=cursor, context=context, in_sets=False)
        )
        if progress is not None:
            progress(total, page.has_more)
        if not page.has_more:
            break
    return total
