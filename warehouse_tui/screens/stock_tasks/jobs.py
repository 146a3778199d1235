"""The put-back and unpack screen's calls into :mod:`warehouse.stock.put_back_tasks` and
:mod:`shipping.unpacking`, each in a unit of work of its own (run in thread workers)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from shipping import unpacking
from shipping.unpacking import UnpackView
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.errors import PermissionDenied
from warehouse.stock import put_back_tasks
from warehouse.stock.put_back_tasks import LocationCheck, PutBackResult, PutBackView
from warehouse_tui.retry import once

Task = PutBackView | UnpackView


@dataclass(frozen=True)
class StockTaskJobs:
    database: Database
    actor: Actor
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def tasks(self) -> list[Task]:
        """Open put-backs, then open unpacks (a returns clerk, who does not unpack, sees
        only the put-backs)."""
        with self.database.unit_of_work(read_only=True) as session:
            found: list[Task] = list(put_back_tasks.open_put_backs(session, self.actor))
            with contextlib.suppress(PermissionDenied):
                found += unpacking.open_unpacks(session, self.actor)
            return found

    def find(self, scan: str) -> list[Task]:
        """The open tasks a scanned tote label or parcel label names."""
        tasks = self.tasks()
        totes: list[Task] = list(
            put_back_tasks.for_tote([t for t in tasks if isinstance(t, PutBackView)], scan)
        )
        if totes:
            return totes
        if not any(isinstance(t, UnpackView) for t in tasks):
            return []
        with self.database.unit_of_work(read_only=True) as session:
            parcel = unpacking.find_unpack(session, self.actor, scan)
        return [parcel] if parcel is not None else []

    def check_location(self, task_id: int, scan: str) -> LocationCheck:
        with self.database.unit_of_work(read_only=True) as session:
            return put_back_tasks.check_location(session, self.actor, task_id, scan)

    def check_item(self, task_id: int, scan: str) -> str:
        with self.database.unit_of_work(read_only=True) as session:
            return put_back_tasks.check_item(
                session, self.actor, task_id, scan, self.clock().date()
            )

    def put_back(self, task_id: int, location: str, item: str, qty: int, key: str) -> PutBackResult:
        return once(
            self.database,
            lambda s: put_back_tasks.complete_put_back(
                s,
                self.actor,
                task_id,
                location_scan=location,
                item_scan=item,
                qty=qty,
                key=key,
                today=self.clock().date(),
            ),
        )

    def check_unpack_line(self, task_id: int, number: int, location: str, item: str | None) -> None:
        with self.database.unit_of_work(read_only=True) as session:
            unpacking.check_unpack_line(
                session,
                self.actor,
                task_id,
                number,
                location_scan=location,
                item_scan=item,
                today=self.clock().date(),
            )

    def unpack(self, task_id: int, parcel_scan: str) -> int:
        with self.database.unit_of_work() as session:
            return unpacking.complete_unpack(
                session, self.actor, task_id, today=self.clock().date(), parcel_scan=parcel_scan
            )
