"""The supervisor screens' calls into the services, each in a unit of work of its own.

Textual-free: run in thread workers (``run_in_background``), never on the UI thread. Reads
run in read-only units of work (on ``database.read_url`` when set); each decision is one short transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from picking.floor import carts
from picking.wave_release import preview_wave, release_wave
from picking.waves import WavePlan
from sync import quarantine_review
from sync import shortage_resolutions as resolve
from sync import supervision as sync_supervision
from sync.intake import IntakeContext
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.pii import ReceiverCipher
from warehouse.priority import set_priority
from warehouse.supervision import holds
from warehouse.supervision.cases import CaseView, shortage_cases
from warehouse.supervision.history import HistoryEntry, order_history
from warehouse.supervision.queue import PageKey, QueueFilter, QueuePage, order_page
from warehouse.supervision.search import Hit, search_orders

T = TypeVar("T")
RESOLUTIONS = ("reallocate", "transfer", "wait", "substitute", "ship_available", "cancel_line")
"""The six ends of a shortage case, in the order of their keys (1-6) on the screen."""


@dataclass(frozen=True)
class SupervisorJobs:
    database: Database
    settings: Settings
    actor: Actor
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def _read(self, job: Callable[[Session], T]) -> T:
        # queues, search and figures tolerate the replica's lag; after this process writes it
        # reads from the primary for database.read_after_write_s (its own change is shown)
        with self.database.unit_of_work(read_only=True, replica=True) as session:
            return job(session)

    def _write(self, job: Callable[[Session], T]) -> T:
        with self.database.unit_of_work() as session:
            return job(session)

    # queues
    def queue(self, wanted: QueueFilter, after: PageKey | None = None) -> QueuePage:
        return self._read(
            lambda s: order_page(s, self.actor, wanted, after=after, now=self.clock())
        )

    def search(self, term: str) -> list[Hit]:
        return self._read(lambda s: search_orders(s, self.actor, term))

    def history(self, fo_id: str) -> list[HistoryEntry]:
        return self._read(lambda s: order_history(s, self.actor, fo_id))

    def set_priority(self, fo_id: str, value: int | None) -> int:
        return self._write(
            lambda s: set_priority(s, self.actor, fo_id, value, settings=self.settings)
        )

    # held orders
    def held(self, language: str) -> list[holds.HeldOrder]:
        return self._read(lambda s: holds.held_orders(s, self.actor, language))

    def release(self, fo_id: str, reason: str) -> None:
        self._write(lambda s: holds.release_held(s, self.actor, fo_id, reason))

    def reject(self, fo_id: str, reason: str) -> None:
        self._write(lambda s: holds.reject_held(s, self.actor, fo_id, "OTHER", reason))

    def wait_payment(self, fo_id: str) -> None:
        self._write(lambda s: holds.keep_waiting_for_payment(s, self.actor, fo_id))

    def correct_address(self, fo_id: str, text: str) -> None:
        """``province / city / district / street`` as typed."""
        parts = [p.strip() for p in text.split("/")] + ["", "", "", ""]
        address = holds.Address(parts[0], parts[1], parts[2], parts[3])
        cipher = ReceiverCipher.from_settings(self.settings)
        self._write(lambda s: holds.correct_address(s, self.actor, fo_id, address, cipher))

    # shortages
    def cases(self, language: str) -> list[CaseView]:
        return self._read(lambda s: shortage_cases(s, self.actor, language))

    def resolve(self, choice: str, case_id: int, argument: str = "") -> None:
        today = self.clock().date()

        def job(s: Session) -> None:
            if choice == "reallocate":
                resolve.reallocate(s, self.actor, case_id, today)
            elif choice == "transfer":
                resolve.request_transfer(s, self.actor, case_id, argument)
            elif choice == "wait":
                resolve.wait_for_stock(s, self.actor, case_id, _date(argument), today)
            elif choice == "substitute":
                resolve.offer_substitute(s, self.actor, case_id, argument)
            elif choice == "ship_available":
                resolve.ship_available(s, self.actor, case_id)
            else:
                resolve.cancel_line(s, self.actor, case_id)

        self._write(job)

    # floor
    def carts(self) -> list[carts.CartView]:
        return self._read(lambda s: carts.carts_in_progress(s, self.actor))

    def reassign(self, code: str, badge: str) -> None:
        self._write(lambda s: carts.reassign_cart(s, self.actor, code, badge, self.clock()))

    def give_back(self, code: str) -> None:
        self._write(lambda s: carts.give_back_cart(s, self.actor, code))

    def preview_wave(self) -> WavePlan | None:
        with self.database.unit_of_work() as session:
            plan = preview_wave(session, self.settings, self.actor, self.clock())
            session.rollback()  # a preview writes nothing
            return plan

    def release_wave(self) -> WavePlan | None:
        return self._write(lambda s: release_wave(s, self.settings, self.actor, self.clock()))

    # the mall
    def refused(self) -> list[sync_supervision.RefusedMessage]:
        return self._read(lambda s: sync_supervision.refused_for(s, self.actor))

    def send_again(self, event_id: str) -> None:
        self._write(lambda s: sync_supervision.send_again(s, event_id, self.actor))

    def give_up(self, event_id: str) -> None:
        self._write(lambda s: sync_supervision.give_up(s, event_id, self.actor))

    # payloads set aside
    def set_aside(self, language: str) -> list[sync_supervision.SetAsideOrder]:
        return self._read(lambda s: quarantine_review.set_aside_for(s, self.actor, language))

    def read_again(self, entry_id: int) -> list[str]:
        context = IntakeContext(
            settings=self.settings, cipher=ReceiverCipher.from_settings(self.settings)
        )
        return self._write(lambda s: quarantine_review.read_again(s, self.actor, entry_id, context))

    def close_set_aside(self, entry_id: int) -> None:
        self._write(lambda s: sync_supervision.close_set_aside(s, entry_id, self.actor, "given up"))


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        from warehouse.errors import WarehouseError
        from warehouse.supervision.errors import CATALOG

        raise WarehouseError.of(CATALOG["supervision.date_in_past"]) from None
