"""Stock levels to the mall (一.2): the sync worker's flush of ``stock_level_dirty``.

Each flush is one short transaction turning every dirty SKU into a figure with its own
sequence number, packed into one ``stock_levels`` outbox message per merchant of at most
``delivery.stock_batch_items`` figures (``warehouse.stock_levels.flush``); the pusher delivers
them like any other message. In ``wms sync --watch`` a :class:`StockFlusher` thread flushes
every ``delivery.stock_flush_s`` seconds, so a busy SKU sends its latest figure a few times a
minute. ``wms sync --stock-full`` marks every SKU dirty, so the full resend goes in the same
batches.
"""

from __future__ import annotations

import threading

from sqlalchemy.exc import OperationalError

from warehouse.db import Database
from warehouse.stock_levels import BATCH_ITEMS, flush, full_resend

FLUSH_LIMIT = 1000
"""Dirty SKUs read per transaction; a larger backlog (a full resend) takes several. Kept small
so the dirty rows a flush holds are held briefly: a short pick marking one of them waits for
the flush's commit."""


def flush_stock(db: Database, *, batch_items: int = BATCH_ITEMS) -> int:
    """Queue the figures of every changed SKU; how many figures were queued."""
    queued = 0
    while True:
        with db.unit_of_work() as session:
            figures = len(flush(session, limit=FLUSH_LIMIT, batch_items=batch_items))
        queued += figures
        if figures < FLUSH_LIMIT:
            return queued


def resend_all(db: Database) -> int:
    """``wms sync --stock-full``: every SKU is sent again at the next flush."""
    with db.unit_of_work() as session:
        return full_resend(session)


class StockFlusher:
    """Flushes every ``interval_s`` seconds in a background thread until stopped."""

    def __init__(self, db: Database, interval_s: float, batch_items: int = BATCH_ITEMS) -> None:
        self.db, self.interval_s, self.batch_items = db, interval_s, batch_items
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stock-flush", daemon=True)
        self.queued = 0

    def start(self) -> StockFlusher:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.queued += flush_stock(self.db, batch_items=self.batch_items)
            except OperationalError:
                continue  # the database is busy or gone for a moment: the next tick retries

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval_s + 5)
