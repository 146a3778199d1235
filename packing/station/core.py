"""Every packer action: one short transaction under the session's row lock, once per client key.

A key seen before (a double Enter, a retry after a lost answer) changes nothing and returns
the view as it is now. Refusals the supervisor must see (a wrong item, an extra unit, …) are
not errors: they are written as discrepancies in the same transaction, with the receipt, and
the view carries the sentence and the bell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from packing.station.messages import refused
from packing.station.views import LineRow, LineView, StationView, line_rows, station_view
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
    """What an action's work sees: the locked session (None before one is opened), its order
    and cart, and the order's lines read once per action (``rows``)."""

    session: Session
    actor: Actor
    settings: Settings
    now: datetime
    pack: PackSession | None
    order_row: Order | None = None
    cart: str = ""
    _rows: list[LineRow] | None = None

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def order(self) -> Order:
        assert self.pack is not None
        if self.order_row is None or self.order_row.id != self.pack.order_id:
            self.order_row = self.session.get_one(Order, self.pack.order_id)
        return self.order_row

    def rows(self) -> list[LineRow]:
        """The order's lines and counts, read once until :meth:`forget` (one statement)."""
        assert self.pack is not None
        if self._rows is None:
            self._rows = line_rows(self.session, self.pack)
        return self._rows

    def lines(self) -> tuple[LineView, ...]:
        return tuple(row.view for row in self.rows())

    def forget(self) -> None:
        """Units changed other than by :meth:`count`: read the lines again when needed."""
        self._rows = None

    def count(self, line_id: int, added: int) -> LineView:
        """``added`` units of a line were counted into the open parcel (no read)."""
        rows = self.rows()
        for n, row in enumerate(rows):
            if row.line.id == line_id:
                view = replace(
                    row.view, packed=row.view.packed + added, in_parcel=row.view.in_parcel + added
                )
                rows[n] = LineRow(row.line, row.sku, view)
                return view
        raise KeyError(line_id)

    def discrepancy(
        self, kind: str, key: str, *, line_id: int | None = None, scanned: str = "", units: int = 1,
        difference_kg: object = None, **params: object,
    ) -> Outcome:  # fmt: skip
        """Record what was refused or found, and answer with its sentence and the bell."""
        assert self.pack is not None
        message = Message.of(key, **params)
        self.session.execute(
            insert(PackDiscrepancy).values(
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


def held_session(
    session: Session, actor: Actor, *, lock: bool = True
) -> tuple[PackSession, Order, str] | None:
    """The packer's open session (locked), if any, with its order and cart code (one read)."""
    query = _HELD_LOCKED if lock else _HELD
    row = session.execute(query, {"packer_id": actor.user_id}).first()
    return (row[0], row[1], row[2] or "") if row is not None else None


_HELD = (
    select(PackSession, Order, PickBatch.code)
    .join(Order, Order.id == PackSession.order_id)
    .outerjoin(PickBatch, PickBatch.id == PackSession.batch_id)
    .where(PackSession.packer_id == bindparam("packer_id"), PackSession.state == "open")
    .order_by(PackSession.id)
    .limit(1)
)
_HELD_LOCKED = _HELD.with_for_update(of=PackSession)  # built once: read on every scan


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


def _act_view(a: Act, outcome: Outcome) -> StationView:
    """The view after an action, from what the action read (the lines are not read again)."""
    pack = a.pack
    if pack is None:
        return StationView(stage="idle", message=outcome.message, bell=outcome.bell)
    if not a.cart and pack.batch_id is not None:
        a.cart = cart_code(a.session, pack)
    return station_view(
        a.session, pack, order_sn=a.order.order_sn, lines=a.lines(), message=outcome.message,
        bell=outcome.bell, cart=a.cart,
    )  # fmt: skip


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
    held = held_session(session, actor)
    pack, order, cart = held if held is not None else (None, None, "")
    if session.get(ScanReceipt, key) is not None:
        return view_of(session, pack)
    a = Act(session, actor, settings, now, pack, order, cart)
    outcome = work(a)
    session.execute(
        insert(ScanReceipt).values(
            key=key,
            at=now,
            user_id=actor.user_id,
            action=f"pack.{name}"[:32],
            result={"session": a.pack.id if a.pack else None},
        )
    )
    session.flush()
    return _act_view(a, outcome)


def current(session: Session, actor: Actor) -> StationView:
    """What the packer's station shows now (after a restart: exactly where it was)."""
    require_role(session, actor, *ROLES)
    held = held_session(session, actor, lock=False)
    if held is not None:
        pack, order, cart = held
        return station_view(session, pack, order_sn=order.order_sn, cart=cart)
    last = session.scalars(
        select(PackSession)
        .where(PackSession.packer_id == actor.user_id)
        .order_by(PackSession.id.desc())
        .limit(1)
    ).first()
    if last is not None and last.state == "closed":
        return view_of(session, last)
    return view_of(session, None)
