"""Carts on the floor and count tasks on the handheld, on both databases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from picking import floor as pick
from picking.floor import carts, counts
from picking.wave_release import preview_wave, release_wave
from tests import builders as f
from tests.builders import FLOOR, NOW, SITE, key
from tests.supervisor.helpers import escalated_short, people
from warehouse.audit import Actor
from warehouse.db import Database, database_now
from warehouse.errors import StateError, StockError
from warehouse.models import AuditEvent, Location, PickBatch, StockMove, StockQuant, StockTask, Wave
from warehouse.words import render_all


def test_a_cart_in_progress_shows_its_picker_and_is_reassigned_or_given_back(
    database: Database,
) -> None:
    who = people(database)
    with database.unit_of_work() as session:
        shop = f.merchant(session)
        quant = f.stock(session, f.sku(session, shop, "TEA"), f.location(session), 5)
        code = f.batch(session, [f.allocated_order(session, shop, [(quant, 2)])]).code
        other = f.picker(session, "P-OTHER")
    with database.unit_of_work() as session:
        pick.claim_next_batch(session, who.picker, NOW, floor=FLOOR)
    with database.unit_of_work(read_only=True) as session:
        (view,) = carts.carts_in_progress(session, who.supervisor)
    assert (view.code, view.picker, view.done, view.total) == (code, who.picker.name, 0, 1)
    with database.unit_of_work() as session:
        carts.reassign_cart(session, who.supervisor, code, "P-OTHER", NOW)
    with database.unit_of_work() as session:
        assert pick.release_batch(session, who.picker) is None  # the first picker holds nothing
        batch = session.scalar(select(PickBatch).where(PickBatch.code == code))
        assert batch is not None and batch.assignee_id == other.user_id and batch.state == "claimed"
    with database.unit_of_work() as session:
        carts.give_back_cart(session, who.supervisor, code)
    with database.unit_of_work(read_only=True) as session:
        batch = session.scalar(select(PickBatch).where(PickBatch.code == code))
        assert batch is not None and (batch.state, batch.assignee_id) == ("open", None)
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert "pick.reassign" in actions and actions.count("pick.release") == 2


def test_an_abandoned_cart_is_given_back_by_the_sweep(database: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    who = people(database)
    with database.unit_of_work() as session:
        shop = f.merchant(session)
        quant = f.stock(session, f.sku(session, shop, "TEA"), f.location(session), 5)
        code = f.batch(session, [f.allocated_order(session, shop, [(quant, 2)])]).code
    with database.unit_of_work() as session:
        pick.claim_next_batch(session, who.picker, NOW, floor=FLOOR)
    with database.unit_of_work() as session:  # idle for longer than the site allows
        idle_since = database_now(session) - FLOOR.abandon_after - timedelta(minutes=1)
        session.execute(
            update(PickBatch).values(last_activity_at=idle_since, claimed_at=idle_since)
        )
    with database.unit_of_work() as session:
        assert pick.release_abandoned(session, Actor.system("sweep"), floor=FLOOR) == [code]


def test_a_wave_is_previewed_without_writing_then_released(database: Database) -> None:
    who = people(database)
    with database.unit_of_work() as session:
        shop = f.merchant(session)
        quant = f.stock(session, f.sku(session, shop, "TEA"), f.location(session), 9)
        for _ in range(3):
            f.allocated_order(session, shop, [(quant, 1)])
    with database.unit_of_work() as session:
        plan = preview_wave(session, SITE, who.supervisor, NOW)
        assert plan is not None and plan.orders == 3
        session.rollback()
    with database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(Wave.id)) is None
    with database.unit_of_work() as session:
        released = release_wave(session, SITE, who.supervisor, NOW)
    with database.unit_of_work(read_only=True) as session:
        assert released is not None
        assert session.scalar(select(Wave.code)) == released.code
        assert session.scalar(select(AuditEvent.action).where(AuditEvent.action == "wave.release"))


def test_a_picker_counts_the_shelf_of_a_short_pick_and_the_stock_is_adjusted(
    database: Database,
) -> None:
    e = escalated_short(database)
    who = people(database)
    with database.unit_of_work() as session:
        view = counts.next_count_task(session, e.picker)
    assert view is not None and view.location == e.tea_shelf and view.skus[0] == "TEA"
    with database.unit_of_work() as session, pytest.raises(StateError):
        counts.count_sku(
            session, e.picker, view.task_id, "A-99-99-9-Z", "TEA", 0, key(), NOW.date()
        )
    with database.unit_of_work(read_only=True) as session:
        before = session.scalar(
            select(StockQuant.on_hand).join(Location).where(Location.code == e.tea_shelf)
        )
    same = key()
    for _ in range(2):  # the same Enter twice counts once
        with database.unit_of_work() as session:
            difference = counts.count_sku(
                session, e.picker, view.task_id, e.tea_shelf, "TEA", 4, same, NOW.date()
            )
            assert difference == 4 - (before or 0)
    with database.unit_of_work() as session:
        counts.finish_count(session, e.picker, view.task_id)
    with database.unit_of_work(read_only=True) as session:
        task = session.get(StockTask, view.task_id)
        assert task is not None and task.state == "done"
        quant = session.scalar(select(StockQuant).where(StockQuant.on_hand == 4))
        assert quant is not None
        assert session.scalar(select(StockMove.id).where(StockMove.reason == "count"))
        audit = session.scalar(select(AuditEvent).where(AuditEvent.action == "count.sku"))
        assert audit is not None and "Count task" in render_all(audit.note, "en")
    with database.unit_of_work() as session:
        assert counts.next_count_task(session, who.picker) is None


def test_a_count_below_what_is_reserved_is_refused(database: Database) -> None:
    with database.unit_of_work() as session:
        shop = f.merchant(session)
        shelf = f.location(session)
        quant = f.stock(session, f.sku(session, shop, "TEA"), shelf, 5)
        f.allocated_order(session, shop, [(quant, 3)])
        session.add(StockTask(kind="count", sku_id=quant.sku_id, from_location_id=shelf.id))
        code = shelf.code
    who = people(database)
    with database.unit_of_work() as session:
        view = counts.next_count_task(session, who.picker)
        assert view is not None
    with database.unit_of_work() as session, pytest.raises(StockError):
        counts.count_sku(session, who.picker, view.task_id, code, "TEA", 2, key(), NOW.date())


def test_a_pick_face_running_low_gets_one_count_task(database: Database) -> None:
    from picking.floor.counts import raise_low_stock_counts
    from warehouse.audit import Actor

    with database.unit_of_work() as session:
        shop = f.merchant(session)
        low = f.sku(session, shop, "LOW", pick_face_min=3)
        f.stock(session, low, f.location(session), 2)
        f.stock(session, f.sku(session, shop, "FULL", pick_face_min=3), f.location(session), 9)
    for expected in (1, 0):  # a second sweep finds the task already open
        with database.unit_of_work() as session:
            assert raise_low_stock_counts(session, Actor.system("sweep")) == expected
    who = people(database)
    with database.unit_of_work() as session:
        view = counts.next_count_task(session, who.picker)
    assert view is not None and view.skus == ("LOW",)
