"""The dock screens' calls into :mod:`shipping`, each in a unit of work of its own (Textual-free)."""

from __future__ import annotations

from dataclasses import dataclass

from shipping.delivery_actions import reship
from shipping.delivery_exceptions import QueueEntry, open_queue
from shipping.handover import (
    OnTheWay,
    ScanAnswer,
    handover_name,
    on_the_way,
    open_handover,
    scan_parcel,
    waiting,
)
from shipping.handover_day import ClosedHandover, close_and_print
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database


@dataclass(frozen=True)
class DockJobs:
    database: Database
    settings: Settings
    actor: Actor

    def open(self, carrier: str) -> str:
        with self.database.unit_of_work() as session:
            return handover_name(open_handover(session, self.actor, carrier, self.settings))

    def scan(self, carrier: str, text: str) -> ScanAnswer:
        with self.database.unit_of_work() as session:
            return scan_parcel(session, self.actor, carrier, text)

    def close(self, carrier: str) -> ClosedHandover:
        return close_and_print(self.database, self.settings, self.actor, carrier)

    def board(self) -> tuple[dict[str, int], list[OnTheWay]]:
        """Packed parcels waiting per carrier, and the latest handed over with their status."""
        with self.database.unit_of_work(read_only=True) as session:
            return waiting(session), on_the_way(session, limit=30)

    def queue(self) -> list[QueueEntry]:
        with self.database.unit_of_work(read_only=True) as session:
            return open_queue(session)

    def reship(self, exception_id: int) -> tuple[str, bool]:
        with self.database.unit_of_work() as session:
            return reship(session, self.actor, exception_id, self.settings)
