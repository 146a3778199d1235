"""Every packer action: one short transaction under the session's row lock, once per client key.

A key seen before (a double Enter, a retry after a lost answer) changes nothing and returns
the view as it is now. Refusals the supervisor must see (a wrong item, an extra unit, …) are
not errors: they are written as discrepancies in the same transaction, with the receipt, and
the view carries the sentence and the bell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from packing.station.messages import refused
from packing.station.views import StationView, station_view
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.models import Order, PackDiscrepancy, PackSession, PickBatch, ScanReceipt
from warehouse.users import require_role
from warehouse.words import Message, encode

MAX_KEY = 64
ROLES = ("packer", "supervisor")


@dataclass(frozen=True)
class Outcome:
    message: Message | None = None
    bell: bool = False


@dataclass
class Act:
    """What an action's work sees: the locked session (None before one is opened)."""

    session: Session
    actor: Actor
    settings: Settings
    now: datetime
    pack: PackSession | None

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def order(self) -> Order:
        assert self.pack is not None
        return self.session.get_one(Order, self.pack.order_id)

    def discrepancy(
        self, kind: str, key: str, *, line_id: int | None = None, scanned: str = "", units: int = 1,
        difference_kg: object = None, **params: object,
    ) -> Outcome:  # fmt: skip
        """Record what was refused or found, and answer with its sentence and the bell."""
        assert self.pack is not None
        message = Message.of(key, **params)
        self.session.add(
            PackDiscrepancy(
                session_id=self.pack.id,
                order_id=self.pack.order_id,
                kind=kind,
                order_line_id=line_id,
                scanned=scanned[:120],
                qty=units,
                difference_kg=difference_kg,
                message=encode([message]),
                user_id=self.actor.user_id,
                at=self.now,
            )
        )
        return Outcome(message, bell=True)


Work = Callable[[Act], Outcome]


def held_session(session: Session, actor: Actor, *, lock: bool = True) -> PackSession | None:
    """The packer's open session (locked), if any."""
    query = select(PackSession).where(
        PackSession.packer_id == actor.user_id, PackSession.state == "open"
    )
    if lock:
        query = query.with_for_update()
    return session.scalars(query.order_by(PackSession.id).limit(1)).first()


def cart_code(session: Session, pack: PackSession | None) -> str:
    if pack is None or pack.batch_id is None:
        return ""
    batch = session.get(PickBatch, pack.batch_id)
    return batch.code if batch else ""


def view_of(
    session: Session, pack: PackSession | None, outcome: Outcome | None = None
) -> StationView:
    outcome = outcome or Outcome()
    return station_view(
        session, pack, message=outcome.message, bell=outcome.bell, cart=cart_code(session, pack)
    )


def act(
    session: Session,
    actor: Actor,
    key: str,
    now: datetime,
    settings: Settings,
    name: str,
    work: Work,
) -> StationView:
    """Run one packer action once per ``key``; the view after it."""
    require_role(session, actor, *ROLES)
    if not key or len(key) > MAX_KEY:
        raise refused("station.bad_key")
    pack = held_session(session, actor)
    if session.get(ScanReceipt, key) is not None:
        return view_of(session, pack)
    a = Act(session, actor, settings, now, pack)
    outcome = work(a)
    session.add(
        ScanReceipt(
            key=key,
            at=now,
            user_id=actor.user_id,
            action=f"pack.{name}"[:32],
            result={"session": a.pack.id if a.pack else None},
        )
    )
    session.flush()
    return view_of(session, a.pack, outcome)


def current(session: Session, actor: Actor) -> StationView:
    """What the packer's station shows now (after a restart: exactly where it was)."""
    require_role(session, actor, *ROLES)
    pack = held_session(session, actor, lock=False)
    if pack is None:
        last = session.scalars(
            select(PackSession)
            .where(PackSession.packer_id == actor.user_id)
            .order_by(PackSession.id.desc())
            .limit(1)
        ).first()
        if last is not None and last.state == "closed":
            return view_of(session, last)
    return view_of(session, pack)
