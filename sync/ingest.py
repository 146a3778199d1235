"""Order intake from the mall's change feed, exactly once.

Each page is stored in one transaction together with the cursor that follows it, so a
crash repeats at most one page and the upsert by ``(fo_id, version)`` makes the repeat
harmless. A payload that does not match the contract is quarantined with its raw text and a
readable reason; the feed goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from sync.client import MallClient
from sync.contract import OrderSnapshot, RawFeedPage
from sync.intake import IntakeContext, apply_snapshot
from warehouse.db import Database
from warehouse.models import Order, QuarantinedOrder, SyncCursor


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


def _readable(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error["loc"]) or "(order)"
        parts.append(f"{where}: {error['msg']}")
    more = len(exc.errors()) - 3
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def quarantine(session: Session, raw: Any, reason: str) -> QuarantinedOrder | None:
    fo_id = raw.get("fo_id") if isinstance(raw, dict) else None
    version = raw.get("version") if isinstance(raw, dict) else None
    text = json.dumps(raw, ensure_ascii=False, sort_keys=True)
    fo_text = fo_id if isinstance(fo_id, str) else ""
    version_int = version if isinstance(version, int) else None
    if session.scalar(
        select(QuarantinedOrder.id)
        .where(QuarantinedOrder.fo_id == fo_text[:64], QuarantinedOrder.raw == text)
        .limit(1)
    ):
        return None  # the same payload again (a repeated page or a duplicate in the feed)
    entry = QuarantinedOrder(
        fo_id=fo_text[:64],
        version=version_int,
        raw=text,
        reason=f"Order {fo_text or '(without fo_id)'} version {version_int or '?'} "
        f"could not be read and was set aside: {reason}.",
    )
    session.add(entry)
    return entry


def _ensure_cursor_row(session: Session, dialect: str, name: str) -> None:
    """Create the cursor row if missing; two workers starting at once must not both insert it."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(SyncCursor)
        .values(name=name, cursor="0")
        .on_conflict_do_nothing(index_elements=["name"])
    )


def store_page(
    db: Database, page: RawFeedPage, *, name: str, expected_cursor: str, context: IntakeContext
) -> IngestStats:
    """Store one page and the cursor after it in one transaction."""
    stats = IngestStats(fetched=len(page.items), pages=1)
    with db.unit_of_work() as session:
        _ensure_cursor_row(session, db.dialect, name)
        query = select(SyncCursor).where(SyncCursor.name == name)
        if db.dialect == "postgresql":
            query = query.with_for_update()
        cursor = session.scalars(query).one()
        if (cursor.cursor or "0") != expected_cursor:
            return IngestStats()  # another worker stored this page first
        snapshots: list[OrderSnapshot] = []
        for raw in page.items:
            reason = ""
            try:
                snapshot = OrderSnapshot.model_validate(raw)
            except ValidationError as exc:
                reason = _readable(exc)
            else:
                if snapshot.warehouse_code == context.warehouse_code:
                    snapshots.append(snapshot)
                    continue
                reason = (
                    f"it is for warehouse {snapshot.warehouse_code}, "
                    f"not this one ({context.warehouse_code})"
                )
            if quarantine(session, raw, reason) is not None:
                stats.quarantined += 1
        ids = {s.fo_id for s in snapshots}
        orders = select(Order).where(Order.fo_id.in_(ids)).options(selectinload(Order.lines))
        if db.dialect == "postgresql":
            orders = orders.with_for_update(of=Order)  # the floor may change them meanwhile
        existing = {o.fo_id: o for o in session.scalars(orders)}
        context.prefetch(session, snapshots)
        for snapshot in snapshots:
            outcome = apply_snapshot(session, snapshot, existing, context)
            for part in outcome:
                stats.count(part)
        cursor.cursor = page.next_cursor
        now = datetime.now(UTC)
        cursor.updated_at = now
        cursor.last_success_at = now
        cursor.backlog = len(page.items) if page.has_more else 0
    return stats


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
) -> IngestStats:
    """Fetch and store pages from the saved cursor until the feed is drained."""
    name = cursor_name(context.warehouse_code)
    total = IngestStats()
    while max_pages is None or total.pages < max_pages:
        cursor = read_cursor(db, name)
        page = client.changes(cursor, limit)
        total.add(store_page(db, page, name=name, expected_cursor=cursor, context=context))
        if progress is not None:
            progress(total, page.has_more)
        if not page.has_more:
            break
    return total
