"""Order priority: which released order gets stock (and a picker) first.

Scoring (higher is more urgent; the allocator takes the highest first, then the earliest due
time, then the oldest order):

=====================================  ======
what                                    points
=====================================  ======
``expedited`` (paid express service)     +400
due time already passed                  +300
due within 2 hours                       +200
due within 6 hours                       +120
due within 24 hours                       +60
``holiday`` (must arrive before a date)  +100
``gift``                                  +50
=====================================  ======

The due time is the order's ``due_at`` (the mall's ``ship_by``), or else the next collection
cut-off of its carrier (of any configured carrier when none is chosen yet) in the site's time
zone. Urgency grows as the clock runs, so :func:`refresh_priorities` recomputes the queue at
the start of each allocation run and the intake recomputes one order on release.

A supervisor's ``priority_override`` wins over the score; clearing it returns to the score.
``Order.priority`` always holds the effective value so that the queue is one indexed sort.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.audit import Actor, record
from warehouse.config import Settings
from warehouse.errors import NotFound, WarehouseError
from warehouse.models import Order
from warehouse.orders import RELEASED, SHORT
from warehouse.states import Role
from warehouse.users import require_role

EXPEDITED_POINTS = 400
HOLIDAY_POINTS = 100
GIFT_POINTS = 50
OVERDUE_POINTS = 300
# (due within so many hours, points): the first row that applies counts.
URGENCY_STEPS: tuple[tuple[float, int], ...] = ((2.0, 200), (6.0, 120), (24.0, 60))
OVERRIDE_RANGE = (-1000, 10_000)


def score(
    *, expedited: bool, gift: bool, holiday: bool, due: datetime | None, now: datetime
) -> int:
    """The computed priority of an order with these flags and this due time."""
    points = 0
    if expedited:
        points += EXPEDITED_POINTS
    if holiday:
        points += HOLIDAY_POINTS
    if gift:
        points += GIFT_POINTS
    if due is not None:
        hours_left = (due - now).total_seconds() / 3600
        if hours_left <= 0:
            points += OVERDUE_POINTS
        else:
            points += next((p for limit, p in URGENCY_STEPS if hours_left < limit), 0)
    return points


def next_cutoff(settings: Settings, now: datetime, carrier_code: str = "") -> datetime | None:
    """The next collection cut-off after ``now`` (UTC), of this carrier or of any carrier."""
    carriers = [c for c in settings.carriers if not carrier_code or c.code == carrier_code]
    if not carriers:
        carriers = list(settings.carriers)
    if not carriers:
        return None
    zone = ZoneInfo(settings.site.timezone)
    local_now = now.astimezone(zone)
    best: datetime | None = None
    for carrier in carriers:
        cutoff = datetime.combine(local_now.date(), carrier.cutoff, tzinfo=zone)
        if cutoff <= local_now:
            cutoff = datetime.combine(local_now.date() + timedelta(days=1), carrier.cutoff, zone)
        if best is None or cutoff < best:
            best = cutoff
    return best.astimezone(UTC) if best is not None else None


def due_time(order: Order, settings: Settings, now: datetime) -> datetime | None:
    """When the order must leave: its own due time, or else the next carrier cut-off."""
    if order.due_at is not None:
        return order.due_at
    return next_cutoff(settings, now, order.carrier_code)


def recompute_priority(order: Order, settings: Settings, now: datetime | None = None) -> int:
    """Set ``order.priority`` to the override or the score, and return it."""
    now = now or datetime.now(UTC)
    if order.priority_override is not None:
        value = order.priority_override
    else:
        value = score(
            expedited=order.expedited,
            gift=order.gift,
            holiday=order.holiday,
            due=due_time(order, settings, now),
            now=now,
        )
    order.priority = value
    return value


def refresh_priorities(
    session: Session,
    settings: Settings,
    actor: Actor,
    now: datetime | None = None,
    states: tuple[str, ...] = (RELEASED, SHORT),
) -> int:
    """Recompute the priority of every order waiting for stock; returns how many changed.
    System work (before allocating) or a supervisor's."""
    require_role(session, actor, Role.SUPERVISOR, system=True)
    now = now or datetime.now(UTC)
    changed = 0
    for order in session.scalars(select(Order).where(Order.state.in_(states))):
        before = order.priority
        if recompute_priority(order, settings, now) != before:
            changed += 1
    return changed


def set_priority(
    session: Session,
    actor: Actor,
    fo_id: str,
    value: int | None,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> int:
    """A supervisor fixes an order's priority (``None`` returns it to the computed score)."""
    require_role(session, actor, Role.SUPERVISOR)
    if value is not None and not OVERRIDE_RANGE[0] <= value <= OVERRIDE_RANGE[1]:
        raise WarehouseError(
            f"A priority must be between {OVERRIDE_RANGE[0]} and {OVERRIDE_RANGE[1]}."
        )
    order = session.scalar(select(Order).where(Order.fo_id == fo_id).with_for_update())
    if order is None:
        raise NotFound(f"No order {fo_id} is known here.")
    before = {"priority": order.priority, "override": order.priority_override}
    order.priority_override = value
    effective = recompute_priority(order, settings or Settings(), now)
    record(
        session,
        actor,
        "order.priority",
        "order",
        order.fo_id,
        before=before,
        after={"priority": effective, "override": value},
    )
    return effective
