"""The packer screen's calls into :mod:`packing.station`, each in a unit of work of its own.

Run in thread workers (never on the UI thread). A call whose answer is lost is sent again with
the same key, so it is applied once. Closing the last parcel prints after the commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import TypeVar

from sqlalchemy.orm import Session

from packing import station
from packing.station.printing import print_packed, reprint_packed
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.pii import ReceiverCipher
from warehouse_tui.retry import once

T = TypeVar("T")
View = station.StationView


@dataclass(frozen=True)
class PackJobs:
    database: Database
    settings: Settings
    actor: Actor
    cipher: ReceiverCipher | None = None
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def _once(self, job: Callable[[Session], T]) -> T:
        return once(self.database, job)

    def _then_print(self, view: View) -> View:
        if view.stage != "done" or view.print_state or view.session_id is None:
            return view
        cipher = self.cipher or ReceiverCipher.from_settings(self.settings)
        state, _ = print_packed(self.database, self.settings, cipher, self.actor, view.session_id)
        with self.database.unit_of_work(read_only=True) as session:
            fresh = station.current(session, self.actor)
        return replace(fresh, message=view.message, bell=view.bell or state == "failed")

    def reprint(self) -> View:
        """F4: send the kept jobs of the last print again."""
        with self.database.unit_of_work(read_only=True) as session:
            view = station.current(session, self.actor)
        if view.session_id is None:
            return view
        cipher = self.cipher or ReceiverCipher.from_settings(self.settings)
        state, message = reprint_packed(
            self.database, self.settings, cipher, self.actor, view.session_id
        )
        with self.database.unit_of_work(read_only=True) as session:
            fresh = station.current(session, self.actor)
        return replace(fresh, message=message, bell=state == "failed")

    def current(self) -> View:
        return self._then_print(self._once(lambda s: station.current(s, self.actor)))

    def scan(self, text: str, key: str) -> View:
        s_ = self.settings
        return self._then_print(
            self._once(
                lambda s: station.handle_scan(s, self.actor, text, key, self.clock(), settings=s_)
            )
        )

    def unscan(self, key: str) -> View:
        s_ = self.settings
        return self._once(lambda s: station.unscan(s, self.actor, key, self.clock(), settings=s_))

    def short(self, line_id: int | None, key: str) -> View:
        s_ = self.settings
        return self._then_print(
            self._once(
                lambda s: station.short_line(s, self.actor, line_id, key, self.clock(), settings=s_)
            )
        )

    def close_parcel(self, key: str) -> View:
        s_ = self.settings
        return self._once(
            lambda s: station.close_parcel(s, self.actor, key, self.clock(), settings=s_)
        )

    def next_box(self, key: str) -> View:
        s_ = self.settings
        return self._once(lambda s: station.next_box(s, self.actor, key, self.clock(), settings=s_))

    def carrier(self, carrier_service: str, reason: str, key: str) -> View:
        s_ = self.settings
        return self._once(
            lambda s: station.choose_carrier(
                s, self.actor, carrier_service, reason, key, self.clock(), settings=s_
            )
        )

    def weigh(self, weight: Decimal, key: str) -> View:
        s_ = self.settings
        return self._then_print(
            self._once(
                lambda s: station.weigh_kg(s, self.actor, weight, key, self.clock(), settings=s_)
            )
        )
