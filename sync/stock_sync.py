"""Stock levels to the mall (一.2): the sync worker's flush of ``stock_level_dirty``.

Each flush is one short transaction turning every dirty SKU into one ``stock_level`` outbox
message (``warehouse.stock_levels.flush``); the pusher delivers them like any other message.
In ``wms sync --watch`` a :class:`StockFlusher` thread flushes every ``delivery.stock_flush_s``
seconds, so a busy SKU sends its latest figure a few times a minute.
"""

from __future__ import annotations

import threading

from sqlalchemy.exc import OperationalError

from warehouse.db import Database
from warehouse.stock_levels import flush, full_resend


def flush_stock(db: Database) -> int:
    """Queue the figures of every changed SKU; how many were queued."""
    with db.unit_of_work() as session:
        return len(flush(session))


def resend_all(db: Database) -> int:
    """``wms sync --stock-full``: every SKU is sent again at the next flush."""
    with db.unit_of_work() as session:
        return full_resend(session)


class StockFlusher:
    """Flushes every ``interval_s`` seconds in a background thread until stopped."""

    def __init__(self, db: Database, interval_s: float) -> None:
        self.db, self.interval_s = db, interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stock-flush", daemon=True)
        self.queued = 0

    def start(self) -> StockFlusher:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.queued += flush_stock(self.db)
            except OperationalError:
                continue  # the database is busy or gone for a moment: the next tick retries

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval_s + 5)
