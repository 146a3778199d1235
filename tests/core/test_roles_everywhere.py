"""Roles hold in every service, from the database's current record (issue 10, point 3).

Every public domain function that acts for someone is listed in ``roles_registry``; the walk
below fails when one is missing, so a new writing service cannot be forgotten.
"""

from __future__ import annotations

import ast
import importlib
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from picking import floor as pick
from picking.waves import plan_wave
from tests import builders as f
from tests.builders import FLOOR, NOW, SITE, key
from tests.core import roles_registry as registry
from tests.floor.conftest import build_site
from warehouse.audit import Actor
from warehouse.db import Database, database_now
from warehouse.errors import PermissionDenied
from warehouse.models import PickBatch, StockTask, User, utcnow
from warehouse.states import Role, StockTaskState
from warehouse.stock import adjust, count
from warehouse.users import add_user, set_active
from warehouse_tui.operator import shell_operator

REPO = Path(__file__).resolve().parents[2]


def _user(database: Database, role: str, *, active: bool = True) -> Actor:
    with database.unit_of_work() as s:
        actor = f.user(s, role=role)
        s.get_one(User, actor.user_id).active = active
        return actor


def test_every_function_that_acts_for_someone_is_in_the_registry() -> None:
    found = registry.acting_functions()
    listed = {*registry.CHECKED, *registry.PICKERS_OWN, *registry.INSIDE, *registry.READS}
    assert found - listed == set(), "new services: check the role and list them"
    by_hand = {"sync.intake.apply_snapshot", "sync.intake_sets.store_new_orders"}  # by context
    assert listed - found == by_hand, "listed but gone (or no longer taking an actor)"


@pytest.mark.parametrize("name", sorted(registry.CHECKED))
def test_every_writing_service_refuses_a_picker(database: Database, name: str) -> None:
    picker = _user(database, Role.PICKER)
    with pytest.raises(PermissionDenied):
        registry.CHECKED[name](database, picker)


@pytest.mark.parametrize("name", sorted(registry.CHECKED))
def test_a_disabled_admin_is_refused_by_every_writing_service(
    sqlite_database: Database, name: str
) -> None:
    """Even the role that may do anything: the service reads the badge's current row."""
    admin = _user(sqlite_database, Role.ADMIN, active=False)
    with pytest.raises(PermissionDenied, match="disabled"):
        registry.CHECKED[name](sqlite_database, admin)


@pytest.mark.parametrize("name", sorted(registry.PICKERS_OWN))
def test_the_pick_service_is_the_pickers_own_work(sqlite_database: Database, name: str) -> None:
    database = sqlite_database
    with database.unit_of_work() as s:
        site = build_site(s)
        packer = f.user(s, role=Role.PACKER)
    pick_ = registry.PICKERS_OWN[name]
    if name.endswith("release_batch"):
        assert pick_(database, packer) is None  # holds no cart: nothing to give back
    else:
        with pytest.raises(PermissionDenied):
            pick_(database, packer)
    registry.PICKERS_OWN["picking.floor.claim.claim_next_batch"](database, site.picker)
    with database.unit_of_work() as s:  # the picker holds a cart, then is disabled
        s.get_one(User, site.picker.user_id).active = False
    with pytest.raises(PermissionDenied, match="disabled"):
        pick_(database, site.picker)


@pytest.mark.parametrize("name", sorted(registry.READS))
def test_reading_functions_only_read(sqlite_database: Database, name: str) -> None:
    registry.READS[name](sqlite_database, _user(sqlite_database, Role.PACKER))


def test_the_terminal_never_calls_a_building_block_directly() -> None:
    allowed = {"warehouse.users.require_role", "warehouse.users.current_role"}
    for path in (REPO / "warehouse_tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            module = importlib.import_module(node.module)
            for alias in node.names:
                target = getattr(module, alias.name, None)
                if callable(target) and hasattr(target, "__module__"):
                    name = registry.qualified(target)
                    assert name not in set(registry.INSIDE) - allowed, f"{path}: {name}"


def test_a_supervisor_demoted_to_picker_can_no_longer_plan_waves(database: Database) -> None:
    boss = _user(database, Role.SUPERVISOR)
    with database.unit_of_work() as s:
        assert plan_wave(s, SITE, boss, now=NOW) is None  # allowed: nothing waits yet
    with database.unit_of_work() as s:
        s.execute(update(User).where(User.id == boss.user_id).values(role=Role.PICKER))
    assert boss.role == Role.SUPERVISOR  # the terminal still remembers the old role
    with pytest.raises(PermissionDenied, match="picker"), database.unit_of_work() as s:
        plan_wave(s, SITE, boss, now=NOW)


def test_a_disabled_picker_is_refused_at_the_next_scan(database: Database) -> None:
    with database.unit_of_work() as s:
        site = build_site(s)
    with database.unit_of_work() as s:
        assert pick.claim_next_batch(s, site.picker, NOW, floor=FLOOR) is not None
    with database.unit_of_work() as s:
        set_active(s, shell_operator(), site.picker.name, False)
    with pytest.raises(PermissionDenied, match="disabled"), database.unit_of_work() as s:
        pick.handle_scan(s, site.picker, "A-01-05-1-A", key(), NOW, floor=FLOOR)


def test_a_late_clock_cannot_release_another_pickers_cart(database: Database) -> None:
    with database.unit_of_work() as s:
        site = build_site(s)
        boss = f.user(s, role=Role.SUPERVISOR)
    with database.unit_of_work() as s:
        first = pick.claim_next_batch(s, site.picker, NOW, floor=FLOOR)
    tomorrow = NOW + timedelta(days=1)
    with database.unit_of_work() as s:  # the other terminal's clock is a day ahead
        second = pick.claim_next_batch(s, site.other, tomorrow, floor=FLOOR)
    assert first is not None and second is not None and second.code != first.code
    with database.unit_of_work() as s:
        assert pick.release_abandoned(s, boss, floor=FLOOR) == []
    with pytest.raises(PermissionDenied), database.unit_of_work() as s:
        pick.release_abandoned(s, site.other, floor=FLOOR)
    with database.unit_of_work() as s:  # 13 idle minutes on the database's clock
        since = database_now(s) - timedelta(minutes=13)
        s.execute(
            update(PickBatch).where(PickBatch.code == first.code).values(last_activity_at=since)
        )
    with database.unit_of_work() as s:
        assert pick.release_abandoned(s, boss, floor=FLOOR) == [first.code]


def test_the_database_clock_is_aware_utc_and_now(database: Database) -> None:
    with database.unit_of_work(read_only=True) as s:
        now = database_now(s)
    assert now.utcoffset() == timedelta(0)
    assert abs(now - utcnow()) < timedelta(minutes=1)


def test_a_picker_counts_only_where_a_count_is_assigned_to_them(database: Database) -> None:
    with database.unit_of_work() as s:
        shop = f.merchant(s, "SHOP")
        tea = f.sku(s, shop, "TEA")
        here, there = f.location(s, "A-01-01-1-A"), f.location(s, "A-01-02-1-A")
        f.stock(s, tea, here, 5)
        f.stock(s, tea, there, 5)
        counter = f.user(s, role=Role.PICKER)
        s.add(
            StockTask(
                kind="count",
                sku_id=tea.id,
                from_location_id=here.id,
                state=StockTaskState.ASSIGNED,
                assignee_id=counter.user_id,
            )
        )
    with database.unit_of_work() as s:
        assert count(s, counter, sku_code="TEA", location_code="A-01-01-1-A", counted=4) == -1
    with pytest.raises(PermissionDenied, match="assigned"), database.unit_of_work() as s:
        count(s, counter, sku_code="TEA", location_code="A-01-02-1-A", counted=0)
    with pytest.raises(PermissionDenied), database.unit_of_work() as s:
        adjust(s, counter, sku_code="TEA", location_code="A-01-01-1-A", delta=5, reason="x")
    with database.unit_of_work() as s:
        s.execute(update(StockTask).values(state=StockTaskState.DONE))
    with pytest.raises(PermissionDenied), database.unit_of_work() as s:
        count(s, counter, sku_code="TEA", location_code="A-01-01-1-A", counted=4)


def test_system_work_passes_only_where_the_service_allows_it(database: Database) -> None:
    sync = Actor.system("sync")
    with pytest.raises(PermissionDenied, match="not a person"), database.unit_of_work() as s:
        add_user(s, sync, badge="X1", name="x", role="admin", pin="1234")
    with pytest.raises(PermissionDenied, match="not a person"), database.unit_of_work() as s:
        adjust(s, sync, sku_code="TEA", location_code="A-01-01-1-A", delta=1, reason="x")
    with database.unit_of_work() as s:
        assert plan_wave(s, SITE, Actor.system("waves"), now=NOW) is None


def test_an_actor_grants_nothing_by_default_and_the_shell_operator_names_itself() -> None:
    assert Actor(name="someone").role == ""
    operator = shell_operator()
    assert operator.name.startswith("cli:") and operator.role == Role.ADMIN
    assert operator.user_id is None


def test_only_site_setup_creates_users_without_an_admin(database: Database) -> None:
    from warehouse.users import SITE_SETUP

    with database.unit_of_work() as s:
        add_user(s, SITE_SETUP, badge="A1", name="x", role="admin", pin="1234")
        assert s.scalar(select(User.role).where(User.badge == "A1")) == "admin"
