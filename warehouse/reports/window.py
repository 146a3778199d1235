"""A reporting window: ``[start, end)`` in UTC, and the small statistics the reports share."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.states import Role
from warehouse.users import require_role


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime

    @classmethod
    def days(cls, first: date, last: date, zone: str = "UTC") -> Window:
        """Whole days ``first`` to ``last`` (both included) in the time zone ``zone`` (the
        site's ``site.timezone``: a shift's day is the site's day)."""
        tz = ZoneInfo(zone)
        start = datetime.combine(first, time(0), tzinfo=tz)
        return cls(start, datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz))

    @property
    def hours(self) -> float:
        return max((self.end - self.start).total_seconds() / 3600, 1e-9)

    def holds(self, at: datetime | None) -> bool:
        return at is not None and self.start <= aware(at) < self.end


def aware(at: datetime) -> datetime:
    """SQLite hands back naive UTC; PostgreSQL aware: compare both as aware UTC."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (``share`` 0.9 = the 90th): a value that occurred."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def require_supervisor(session: Session, actor: Actor) -> None:
    require_role(session, actor, Role.SUPERVISOR)
