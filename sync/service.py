"""One sync round — pull the feed, push the outbox — and its summary line.

Pulling and pushing are independent and run side by side: a pull that is long or fails (the
mall's feed is down) does not hold back the outbox, and a failing push does not stop the
pull. The round reports what failed; it raises only when neither half got through.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sync.client import MallClient
from sync.errors import MallError
from sync.ingest import IngestStats, store_snapshot, sync_orders
from sync.intake import IntakeContext
from sync.pusher import PushStats, push_pending
from sync.returns_ingest import sync_returns
from sync.stock_sync import flush_stock
from warehouse.db import Database

PUSH_IDLE_S = 0.5
"""While the pull runs, the push looks for new events this often."""


@dataclass
class SyncSummary:
    ingest: IngestStats = field(default_factory=IngestStats)
    returns: IngestStats = field(default_factory=IngestStats)
    """Return requests (RMA) from the after-sales feed."""
    push: PushStats = field(default_factory=PushStats)
    errors: list[MallError] = field(default_factory=list)
    """What failed in this round (the pull, the push, or both)."""
    stock_levels: int = 0
    """Stock-level figures queued by this round's flush."""

    def line(self) -> str:
        i, p = self.ingest, self.push
        return (
            f"fetched {i.fetched}, new {i.new}, updated {i.updated}, held {i.held}, "
            f"quarantined {i.quarantined}, pushed {p.pushed}, failed {p.failed}"
            + (
                f" (ignored {i.ignored} stale or repeated, {p.deferred} pushes to retry later)"
                if i.ignored or p.deferred
                else ""
            )
            + (
                f", returns {self.returns.new} new, {self.returns.updated} updated"
                if self.returns.fetched
                else ""
            )
            + (f", stock levels {self.stock_levels}" if self.stock_levels else "")
            + "".join(f"; {error}" for error in self.errors)
        )


def run_once(
    db: Database,
    client: MallClient,
    context: IntakeContext,
    *,
    limit: int = 100,
    on_page: Callable[[IngestStats, bool], None] | None = None,
    push_batch: int = 500,
    on_push: Callable[[PushStats], None] | None = None,
    flush_stock_levels: bool = True,
) -> SyncSummary:
    """Drain the feed and deliver every due outbox event, side by side.

    The pull and the push run in two threads: a long or failing pull does not hold back the
    outbox, and a failing push does not stop the pull. After the pull ends, one more push
    pass delivers what its last pages queued (accepts). Raises only when both failed.
    """
    summary = SyncSummary()
    pulled = threading.Event()

    def pull() -> None:
        try:
            summary.ingest = sync_orders(db, client, context, limit=limit, progress=on_page)
            summary.returns = sync_returns(db, client, context, limit=limit)
        except MallError as exc:
            summary.errors.append(exc)
        finally:
            pulled.set()

    def push() -> None:
        try:
            if flush_stock_levels:
                summary.stock_levels = flush_stock(
                    db, batch_items=context.settings.delivery.stock_batch_items
                )
            while not pulled.is_set():
                if not _push_all(db, client, context, summary, push_batch, on_push):
                    pulled.wait(PUSH_IDLE_S)
            _push_all(db, client, context, summary, push_batch, on_push)
        except MallError as exc:
            summary.errors.append(exc)

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="sync") as pool:
        for future in [pool.submit(pull), pool.submit(push)]:
            future.result()  # anything but a MallError is a bug: let the caller log it
    if len(summary.errors) == 2:
        raise summary.errors[0]
    return summary


def _push_all(
    db: Database,
    client: MallClient,
    context: IntakeContext,
    summary: SyncSummary,
    push_batch: int,
    on_push: Callable[[PushStats], None] | None,
) -> int:
    """Push until a pass delivers nothing; returns how many were delivered or refused."""
    done = 0
    while True:
        stats = push_pending(
            db,
            client,
            limit=push_batch,
            refresh=lambda snapshot: store_snapshot(db, snapshot, context),
            cipher=context.cipher,
        )
        for name in ("pushed", "duplicates", "failed", "deferred"):
            setattr(summary.push, name, getattr(summary.push, name) + getattr(stats, name))
        if on_push is not None:
            on_push(summary.push)
        if stats.pushed + stats.failed == 0:
            return done
        done += stats.pushed + stats.failed
