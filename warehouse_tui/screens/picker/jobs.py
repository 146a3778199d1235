"""The pick screen's calls into :mod:`picking.floor`, each in a unit of work of its own.

Run in thread workers (never on the UI thread). A scan whose answer is lost to a dropped
connection is sent again with the same key, so it is applied once whatever happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from picking import floor as pick
from picking.floor import counts
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse_tui.retry import once

T = TypeVar("T")


@dataclass(frozen=True)
class PickJobs:
    database: Database
    floor: pick.Floor
    actor: Actor
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def _once(self, job: Callable[[Session], T]) -> T:
        return once(self.database, job)

    def start(self) -> tuple[pick.BatchView | None, pick.Step]:
        """Resume the held batch or claim the next one; then the step to show."""

        def job(session: Session) -> tuple[pick.BatchView | None, pick.Step]:
            batch = pick.claim_next_batch(session, self.actor, self.clock(), floor=self.floor)
            return batch, pick.current_step(session, self.actor, floor=self.floor)

        return self._once(job)

    def scan(self, text: str, key: str) -> pick.Step:
        return self._once(
            lambda s: pick.handle_scan(s, self.actor, text, key, self.clock(), floor=self.floor)
        )

    def skip(self, key: str) -> pick.Step:
        return self._once(
            lambda s: pick.skip_task(s, self.actor, key, self.clock(), floor=self.floor)
        )

    def short(self, task_id: int | None, reason: str, found: int, key: str) -> pick.Step:
        return self._once(
            lambda s: pick.report_short(
                s, self.actor, task_id, reason, found, key, self.clock(), floor=self.floor
            )
        )

    def release(self) -> str | None:
        return self._once(lambda s: pick.release_batch(s, self.actor))


@dataclass(frozen=True)
class CountJobs:
    """The count screen's calls into :mod:`picking.floor.counts`."""

    database: Database
    actor: Actor
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def next_task(self) -> counts.CountView | None:
        with self.database.unit_of_work() as session:
            return counts.next_count_task(session, self.actor)

    def count(self, task_id: int, location: str, sku: str, qty: int, key: str) -> int:
        with self.database.unit_of_work() as session:
            return counts.count_sku(
                session, self.actor, task_id, location, sku, qty, key, self.clock().date()
            )

    def finish(self, task_id: int) -> counts.CountView | None:
        with self.database.unit_of_work() as session:
            counts.finish_count(session, self.actor, task_id)
        return self.next_task()
