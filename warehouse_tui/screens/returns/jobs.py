"""The returns screens' calls into :mod:`returns`, each in a unit of work of its own (run in
thread workers). Every action carries its client key, so a retry is applied once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from returns.inspect import Graded, grade_unit
from returns.outcome import close_return
from returns.receiving import current_return, open_parcel
from returns.report import Row, report
from returns.supervision import QueueRow, clear, queues
from returns.views import ReturnView, return_view
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database


@dataclass(frozen=True)
class ReturnJobs:
    database: Database
    settings: Settings
    actor: Actor
    language: Callable[[], str]
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def current(self) -> ReturnView | None:
        with self.database.unit_of_work(read_only=True) as session:
            rma = current_return(session, self.actor)
            return return_view(session, rma, self.language()) if rma else None

    def open(self, scan: str, key: str, unknown_ok: bool) -> ReturnView | None:
        with self.database.unit_of_work() as session:
            rma = open_parcel(
                session, self.actor, scan, key=key, now=self.clock(), unknown_ok=unknown_ok
            )
        return self.view(rma)

    def view(self, rma: str) -> ReturnView | None:
        with self.database.unit_of_work(read_only=True) as session:
            return return_view(session, rma, self.language())

    def grade(
        self, rma: str, item: str, grade: str, reason: str, note: str, key: str
    ) -> tuple[Graded, ReturnView | None]:
        photo = note if note.startswith(("/", "./")) else ""
        with self.database.unit_of_work() as session:
            graded = grade_unit(
                session,
                self.actor,
                self.settings.returns,
                rma,
                item=item,
                grade=grade,
                key=key,
                now=self.clock(),
                reason=reason,
                note="" if photo else note,
                photo_path=photo,
            )
        return graded, self.view(rma)

    def close(self, rma: str, key: str) -> ReturnView | None:
        with self.database.unit_of_work() as session:
            close_return(session, self.actor, rma, key=key, now=self.clock())
        return self.view(rma)

    def queues(self) -> tuple[list[QueueRow], list[Row]]:
        with self.database.unit_of_work(read_only=True) as session:
            return queues(session, self.language()), report(session, self.settings.returns)

    def clear(self, rma: str) -> None:
        with self.database.unit_of_work() as session:
            clear(session, self.actor, rma.strip())
