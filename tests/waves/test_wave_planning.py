"""A supervisor releases a wave: allocated orders become carts with routed pick tasks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from picking.waves import URGENT_HORIZON, order_cutoff, plan_wave
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.config import CartSettings, PickingSettings, Settings
from warehouse.db import Database
from warehouse.demo import seed_demo
from warehouse.models import Order, PickBatch, PickTask, Reservation
from warehouse.pii import ReceiverCipher

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SUPERVISOR = Actor(name="S001", role="supervisor")


def allocated_site(database: Database, settings: Settings, cipher: ReceiverCipher) -> None:
    with database.unit_of_work() as session:
        seed_demo(session, settings, cipher, seed=5, orders=40, today=date(2026, 11, 24))
    allocate_pending(database, actor=Actor.system("allocation"), today=date(2026, 11, 24))


def test_every_reserved_unit_becomes_exactly_one_pick_task(
    database: Database, settings: Settings, cipher: ReceiverCipher
) -> None:
    allocated_site(database, settings, cipher)
    with database.unit_of_work() as session:
        plan = plan_wave(session, settings, SUPERVISOR, now=NOW)
    assert plan is not None
    with database.unit_of_work(read_only=True) as session:
        reserved = session.scalar(select(func.sum(Reservation.qty)))
        tasked = session.scalar(select(func.sum(PickTask.qty)))
        allocated = session.scalar(select(func.count()).where(Order.state == "allocated"))
        in_tasks = session.scalar(select(func.count(func.distinct(PickTask.order_id))))
        batches = session.scalars(select(PickBatch)).all()
    assert tasked == reserved
    assert in_tasks == allocated == plan.orders
    assert len(batches) == len(plan.batches)
    assert all(b.state == "open" and b.route_length_m > 0 for b in batches)


def test_no_cart_breaks_its_limits_and_each_order_has_its_own_tote(
    database: Database, settings: Settings, cipher: ReceiverCipher
) -> None:
    cart = CartSettings(totes=4, max_items=12, max_weight_kg=80, max_volume_l=240)
    settings = settings.model_copy(update={"picking": PickingSettings(cart=cart)})
    allocated_site(database, settings, cipher)
    with database.unit_of_work() as session:
        plan_wave(session, settings, SUPERVISOR, now=NOW)
    with database.unit_of_work(read_only=True) as session:
        for batch in session.scalars(select(PickBatch)):
            tasks = batch.tasks
            orders = {t.order_id for t in tasks}
            assert len(orders) <= cart.totes
            assert sum(t.qty for t in tasks) <= cart.max_items
            totes = {t.order_id: t.tote for t in tasks}
            assert sorted(totes.values()) == list(range(1, len(orders) + 1))
            assert [t.sequence for t in tasks] == list(range(1, len(tasks) + 1))


def test_planning_twice_puts_no_order_in_two_carts(
    database: Database, settings: Settings, cipher: ReceiverCipher
) -> None:
    allocated_site(database, settings, cipher)
    with database.unit_of_work() as session:
        first = plan_wave(session, settings, SUPERVISOR, now=NOW)
    with database.unit_of_work() as session:
        second = plan_wave(session, settings, SUPERVISOR, now=NOW + timedelta(minutes=1))
    assert first is not None and second is None


def test_a_dry_run_creates_nothing_and_the_plan_walks_less_than_the_usual_way(
    sqlite_database: Database, settings: Settings, cipher: ReceiverCipher
) -> None:
    allocated_site(sqlite_database, settings, cipher)
    with sqlite_database.unit_of_work() as session:
        plan = plan_wave(session, settings, SUPERVISOR, now=NOW, dry_run=True)
    assert plan is not None
    assert plan.walk_m < plan.fcfs_s_shape_m < plan.one_per_trip_m
    with sqlite_database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(func.count()).select_from(PickBatch)) == 0


def test_carts_never_mix_cut_offs_and_leave_urgent_first_then_cut_off_by_cut_off(
    database: Database, settings: Settings, cipher: ReceiverCipher
) -> None:
    allocated_site(database, settings, cipher)
    with database.unit_of_work() as session:
        # Some orders due within the urgent horizon, so that the wave has urgent carts too.
        for order in session.scalars(select(Order).where(Order.id % 5 == 0)):
            order.due_at = NOW + timedelta(minutes=45)
    with database.unit_of_work() as session:
        plan = plan_wave(session, settings, SUPERVISOR, now=NOW)
    assert plan is not None
    keys = []
    with database.unit_of_work(read_only=True) as session:
        for batch in session.scalars(select(PickBatch).order_by(PickBatch.code)):
            orders = {t.order.id: t.order for t in batch.tasks}.values()
            classes = set()
            for order in orders:
                due = order.due_at if order.due_at.tzinfo else order.due_at.replace(tzinfo=UTC)
                if due <= NOW + URGENT_HORIZON:
                    classes.add((0, NOW, 0))
                else:
                    cutoff = order_cutoff(settings, due, NOW)
                    assert cutoff is not None
                    classes.add((1, cutoff, -(order.priority // 200)))
            assert len(classes) == 1
            keys.append(classes.pop())
    assert keys == sorted(keys)
    assert keys[0][0] == 0 and keys[-1][0] == 1


def test_the_cut_off_is_the_last_collection_that_still_makes_the_due_time(
    settings: Settings,
) -> None:
    zone = ZoneInfo(settings.site.timezone)
    now = datetime(2026, 11, 11, 1, 0, tzinfo=zone)
    at = partial(datetime, 2026, 11, 11, tzinfo=zone)
    cutoffs = sorted(c.cutoff for c in settings.carriers)  # 17:00 and 18:00
    assert [c.hour for c in cutoffs] == [17, 18]
    assert order_cutoff(settings, at(17, 30), now) == at(17, 0)
    assert order_cutoff(settings, at(23, 0), now) == at(18, 0)
    assert order_cutoff(settings, at(18, 0), now) == at(18, 0)
    # Due before today's first collection: yesterday's has gone, so the next one.
    assert order_cutoff(settings, at(9, 0), now) == at(17, 0)
    assert order_cutoff(settings, None, now) == at(17, 0)
    assert order_cutoff(settings, at(9, 0) + timedelta(days=1), now) == at(18, 0)
