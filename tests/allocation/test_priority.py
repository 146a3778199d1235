"""Priority: express and near cut-off first; a supervisor's word wins."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from tests import builders as f
from warehouse.audit import Actor
from warehouse.config import CarrierSettings, Settings
from warehouse.db import Database
from warehouse.errors import PermissionDenied
from warehouse.models import AuditEvent, Order
from warehouse.priority import (
    next_cutoff,
    recompute_priority,
    refresh_priorities,
    score,
    set_priority,
)

# 08:00 in Shanghai
NOW = datetime(2026, 11, 24, 0, 0, tzinfo=UTC)
SETTINGS = Settings(
    carriers=[
        CarrierSettings(code="SF", name="SF", cutoff=time(18, 0)),
        CarrierSettings(code="ZTO", name="ZTO", cutoff=time(17, 0)),
    ]
)


def test_the_score_adds_flags_and_urgency() -> None:
    far = NOW + timedelta(days=3)
    assert score(expedited=False, gift=False, holiday=False, due=far, now=NOW) == 0
    assert score(expedited=True, gift=True, holiday=True, due=far, now=NOW) == 550
    assert score(expedited=False, gift=False, holiday=False, due=NOW - timedelta(1), now=NOW) == 300
    assert (
        score(expedited=False, gift=False, holiday=False, due=NOW + timedelta(hours=1), now=NOW)
        == 200
    )
    assert (
        score(expedited=False, gift=False, holiday=False, due=NOW + timedelta(hours=5), now=NOW)
        == 120
    )
    assert (
        score(expedited=False, gift=False, holiday=False, due=NOW + timedelta(hours=20), now=NOW)
        == 60
    )


def test_the_next_cut_off_is_taken_in_the_sites_time_zone() -> None:
    # 08:00 Shanghai: ZTO collects at 17:00 local = 09:00 UTC
    assert next_cutoff(SETTINGS, NOW) == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert next_cutoff(SETTINGS, NOW, "SF") == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    evening = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)  # 19:00 local: both gone, tomorrow's
    assert next_cutoff(SETTINGS, evening) == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_an_order_without_a_due_time_is_due_at_the_next_cut_off(sqlite_database: Database) -> None:
    with sqlite_database.unit_of_work() as s:
        order = f.order(s, f.merchant(s), [("X", 1)])
        order.carrier_code = "ZTO"
        assert recompute_priority(order, SETTINGS, NOW) == 60  # 9 hours to go
        order.expedited = True
        assert recompute_priority(order, SETTINGS, NOW) == 460


def test_a_supervisor_override_wins_and_is_audited(database: Database) -> None:
    with database.unit_of_work() as s:
        f.order(s, f.merchant(s), [("X", 1)], fo_id="FO-1")
    boss = Actor(name="S001", role="supervisor")
    with database.unit_of_work() as s:
        assert set_priority(s, boss, "FO-1", 999, settings=SETTINGS, now=NOW) == 999
    with database.unit_of_work() as s:
        refresh_priorities(s, SETTINGS, Actor.system("allocation"), NOW)
    with database.unit_of_work() as s:
        order = s.scalar(select(Order).where(Order.fo_id == "FO-1"))
        assert order is not None and (order.priority, order.priority_override) == (999, 999)
        audit = s.scalar(select(AuditEvent).where(AuditEvent.action == "order.priority"))
        assert audit is not None and audit.actor == "S001"
        assert audit.after == {"priority": 999, "override": 999}
        assert set_priority(s, boss, "FO-1", None, settings=SETTINGS, now=NOW) < 999


def test_a_picker_cannot_change_priority(database: Database) -> None:
    with database.unit_of_work() as s:
        f.order(s, f.merchant(s), [("X", 1)], fo_id="FO-1")
    with pytest.raises(PermissionDenied), database.unit_of_work() as s:
        set_priority(s, Actor(name="P1", role="picker"), "FO-1", 5)
