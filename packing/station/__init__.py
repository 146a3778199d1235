"""The packing station's verification session and finish (no Textual).

Every function is one packer action in the caller's unit of work, keyed by a client key
(``core.act``); the answer is the :class:`~packing.station.views.StationView` to show.

- :func:`handle_scan`: whatever the packer scanned or typed, read for the stage they are at
  (open a session; an item; a count; the answer to "packaging intact?"; a box code; a weight).
- :func:`unscan`, :func:`short_line`, :func:`close_parcel`, :func:`next_box`,
  :func:`choose_carrier`, :func:`weigh_kg`: the keys of the packer's screen.
- :func:`current`: what the station shows now (a killed station resumes here).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from packing import weighing
from packing.errors import PackingError
from packing.station import finish, opening, scanning
from packing.station.core import Act, Outcome, act, current
from packing.station.messages import refused
from packing.station.parcel import box_named
from packing.station.views import LineView, StationView
from warehouse.audit import Actor
from warehouse.config import Settings

__all__ = [
    "LineView",
    "StationView",
    "choose_carrier",
    "close_parcel",
    "current",
    "handle_scan",
    "next_box",
    "short_line",
    "unscan",
    "weigh_kg",
]


def _read(a: Act, text: str) -> Outcome:
    value = text.strip()
    if a.pack is None:
        if not value:
            raise refused("station.nothing_open")
        return opening.open_session(a, value)
    if a.pack.stage == "intact":
        return scanning.answer_intact(a, value)
    if a.pack.stage == "weigh":
        if box_named(a.settings, value) is not None:
            return finish.choose_box(a, value)
        try:
            weight = weighing.parse_weight(value)
        except PackingError:
            return scanning.scan_item(a, value)  # one more unit: back to scanning
        return finish.weigh(a, weight)
    if value.isdigit() and len(value) <= 4:
        return scanning.type_count(a, int(value))
    return scanning.scan_item(a, value)


def handle_scan(
    session: Session, actor: Actor, text: str, key: str, now: datetime, *, settings: Settings
) -> StationView:
    return act(session, actor, key, now, settings, "scan", lambda a: _read(a, text))


def _need(a: Act) -> None:
    if a.pack is None:
        raise refused("station.nothing_open")


def _with(a: Act, work: object) -> Outcome:
    _need(a)
    assert callable(work)
    result = work(a)
    assert isinstance(result, Outcome)
    return result


def unscan(
    session: Session, actor: Actor, key: str, now: datetime, *, settings: Settings
) -> StationView:
    return act(session, actor, key, now, settings, "unscan", lambda a: _with(a, scanning.unscan))


def short_line(
    session: Session,
    actor: Actor,
    line_id: int | None,
    key: str,
    now: datetime,
    *,
    settings: Settings,
) -> StationView:
    return act(
        session, actor, key, now, settings, "short",
        lambda a: _with(a, lambda b: scanning.short_line(b, line_id)),
    )  # fmt: skip


def close_parcel(
    session: Session, actor: Actor, key: str, now: datetime, *, settings: Settings
) -> StationView:
    """Close the parcel being filled (F5): weigh it; again (while weighing): back to scanning."""

    def work(a: Act) -> Outcome:
        _need(a)
        assert a.pack is not None
        if a.pack.stage == "weigh":
            return finish.back_to_scanning(a)
        return finish.start_weighing(a)

    return act(session, actor, key, now, settings, "close", work)


def next_box(
    session: Session, actor: Actor, key: str, now: datetime, *, settings: Settings
) -> StationView:
    return act(
        session,
        actor,
        key,
        now,
        settings,
        "box",
        lambda a: _with(a, lambda b: finish.choose_box(b, None)),
    )


def choose_carrier(
    session: Session, actor: Actor, carrier_service: str, reason: str, key: str, now: datetime,
    *, settings: Settings,
) -> StationView:  # fmt: skip
    return act(
        session, actor, key, now, settings, "carrier",
        lambda a: _with(a, lambda b: finish.choose_carrier(b, carrier_service, reason)),
    )  # fmt: skip


def weigh_kg(
    session: Session, actor: Actor, weight: Decimal, key: str, now: datetime, *, settings: Settings
) -> StationView:
    """A weight from the serial scale."""
    return act(
        session,
        actor,
        key,
        now,
        settings,
        "weigh",
        lambda a: _with(a, lambda b: finish.weigh(b, weight)),
    )
