"""The pick service on both databases: claim, walk, scan, confirm, resume, release."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from picking import floor as pick
from picking.floor.errors import ScanRefused
from tests.floor.conftest import FLOOR, NOW, Site, key, run
from warehouse.audit import Actor
from warehouse.db import Database, database_now
from warehouse.errors import PermissionDenied, StateError
from warehouse.models import (
    AuditEvent,
    Order,
    OrderLine,
    OutboxEvent,
    PickBatch,
    PickTask,
    Reservation,
    StockMove,
    StockQuant,
)

PICKING = Actor.system("picking")


def idle_for(database: Database, *, minutes: int) -> None:
    """Every held cart was last touched ``minutes`` ago on the database's clock."""
    with database.unit_of_work() as s:
        since = database_now(s) - timedelta(minutes=minutes)
        s.execute(update(PickBatch).values(last_activity_at=since, claimed_at=since))


def scan(database: Database, site: Site, text: str, *, actor: object = None) -> pick.Step:
    return run(database, pick.handle_scan, actor or site.picker, text, key(), NOW, floor=FLOOR)


def ean_of(database: Database, site: Site, step: pick.Step) -> str:
    return site.skus[step.sku_code][1]


def pick_current(database: Database, site: Site) -> pick.Step:
    """Location, item, quantity, tote: the four scans of one pick."""
    step = run(database, pick.current_step, site.picker, floor=FLOOR)
    if step.kind == "location":  # a second task at the same shelf needs no second scan
        step = scan(database, site, step.location)
    assert step.kind == "item", step
    step = scan(database, site, ean_of(database, site, step))
    assert step.kind == "quantity"
    step = scan(database, site, str(step.qty))
    assert step.kind == "tote"
    return scan(database, site, step.tote_label)


def test_two_pickers_asking_at_once_get_different_batches_most_urgent_first(
    database: Database, site: Site
) -> None:
    first = run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    second = run(database, pick.claim_next_batch, site.other, NOW, floor=FLOOR)
    assert first is not None and second is not None
    assert (first.code, second.code) == ("CART-1", "CART-2")
    again = run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    assert again is not None and again.code == "CART-1" and again.resumed


def test_a_picker_walks_a_whole_cluster_batch_and_the_orders_are_picked(
    database: Database, site: Site
) -> None:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    step = run(database, pick.current_step, site.picker, floor=FLOOR)
    assert (step.kind, step.tasks_total, step.location) == ("location", 4, "A-01-05-1-A")
    assert step.distance_left_m > 0 and step.next_stops
    while step.kind != "done":
        step = pick_current(database, site)
    with database.unit_of_work(read_only=True) as s:
        assert s.scalar(select(PickBatch.state).where(PickBatch.id == site.urgent)) == "done"
        tea = s.get(StockQuant, site.quants["A-01-05-1-A"])
        assert tea is not None and (tea.on_hand, tea.reserved) == (7, 0)
        milk = s.get(StockQuant, site.quants["A-03-02-2-A"])
        assert milk is not None and (milk.on_hand, milk.reserved) == (2, 0)
        cup = s.get(StockQuant, site.quants["A-02-10-1-B"])
        assert cup is not None and (cup.on_hand, cup.reserved) == (5, 2)  # CART-2 still waits
        states = s.scalars(select(Order.state).order_by(Order.id)).all()
        assert states == ["picked", "picked", "allocated"]
        assert s.scalar(select(func.sum(StockMove.qty)).where(StockMove.reason == "pick")) == 7
        lines = s.scalars(select(OrderLine).order_by(OrderLine.id)).all()
        assert [line.picked for line in lines] == [2, 1, 3, 1, 0]
        reservations = s.scalars(select(Reservation).order_by(Reservation.id)).all()
        assert [r.picked for r in reservations] == [2, 1, 3, 1, 0]
        progress = s.scalars(select(OutboxEvent.payload).where(OutboxEvent.kind == "progress"))
        assert sorted(str(p["event"]) for p in progress) == ["PICKED"] * 2 + ["PICKING_STARTED"] * 2
        assert s.scalar(select(func.count()).where(AuditEvent.action == "pick.confirm")) == 4


def test_a_repeated_scan_or_retry_never_counts_twice(database: Database, site: Site) -> None:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    step = scan(database, site, "A-01-05-1-A")
    step = scan(database, site, ean_of(database, site, step))
    repeat = key()
    first = run(database, pick.handle_scan, site.picker, "1", repeat, NOW, floor=FLOOR)
    again = run(database, pick.handle_scan, site.picker, "1", repeat, NOW, floor=FLOOR)
    assert first == again and first.in_hand == 1 and first.kind == "quantity"
    confirm = key()
    run(database, pick.confirm_quantity, site.picker, 1, confirm, NOW, floor=FLOOR)
    step = run(database, pick.confirm_quantity, site.picker, 1, confirm, NOW, floor=FLOOR)
    assert (step.kind, step.in_hand) == ("tote", 2)
    with database.unit_of_work(read_only=True) as s:
        tea = s.get(StockQuant, site.quants["A-01-05-1-A"])
        assert tea is not None and (tea.on_hand, tea.reserved) == (8, 1)


def test_refusals_are_one_sentence_in_both_languages(database: Database, site: Site) -> None:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    with pytest.raises(ScanRefused) as wrong_place:
        scan(database, site, "B-01-04-1-A")
    assert str(wrong_place.value) == "Wrong location: go to A-01-05-1-A."
    assert wrong_place.value.localized("zh_CN") == "库位错误：请到 A-01-05-1-A。"
    scan(database, site, "A-01-05-1-A")
    with pytest.raises(ScanRefused, match="Wrong item: take TEA"):
        scan(database, site, site.skus["CUP"][1])
    step = scan(database, site, "A-01-05-1-A")  # scanning the shelf again changes nothing
    assert step.kind == "item"
    step = scan(database, site, site.skus["TEA"][1])
    with pytest.raises(ScanRefused, match="only 2 more"):
        scan(database, site, "3")
    step = run(database, pick.current_step, site.picker, floor=FLOOR)
    assert (step.kind, step.in_hand) == ("quantity", 0)


def test_dated_goods_check_lot_and_expiry_from_a_gs1_label(database: Database, site: Site) -> None:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    while (step := run(database, pick.current_step, site.picker, floor=FLOOR)).sku_code != "MILK":
        pick_current(database, site)
    scan(database, site, step.location)
    gtin = site.skus["MILK"][1].zfill(14)
    with pytest.raises(ScanRefused, match="Wrong lot: take lot L1"):
        scan(database, site, f"(01){gtin}(17)270601(10)L2")
    with pytest.raises(ScanRefused, match="Lot L1 is expired"):
        scan(database, site, f"(01){gtin}(17)261120(10)L1")
    step = scan(database, site, f"]C101{gtin}17270301\x1d10L1")  # raw, with a separator
    assert step.kind == "quantity"


def test_killing_the_terminal_resumes_at_the_same_step(database: Database, site: Site) -> None:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    step = pick_current(database, site)
    step = scan(database, site, step.location)
    before = scan(database, site, ean_of(database, site, step))
    fresh = Database.from_url(database.url)  # a new process: new engine, new connections
    try:
        claimed = run(
            fresh, pick.claim_next_batch, site.picker, NOW + timedelta(minutes=3), floor=FLOOR
        )
        assert claimed is not None and claimed.resumed
        after = run(fresh, pick.current_step, site.picker, floor=FLOOR)
    finally:
        fresh.dispose()
    assert after == before and after.kind == "quantity"


def test_an_idle_batch_goes_back_to_the_queue_with_its_progress(
    database: Database, site: Site
) -> None:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    step = pick_current(database, site)
    scan(database, site, step.location)  # standing at the next shelf, then walks off
    idle_for(database, minutes=13)  # the test site gives carts back after 12 idle minutes
    assert run(database, pick.release_abandoned, PICKING, floor=FLOOR) == ["CART-1"]
    taken = run(database, pick.claim_next_batch, site.other, NOW, floor=FLOOR)
    assert taken is not None and taken.code == "CART-1" and taken.tasks_left == 3
    step = run(database, pick.current_step, site.other, floor=FLOOR)
    assert (step.kind, step.tasks_done) == ("location", 1)  # the new picker scans the shelf
    assert run(database, pick.current_step, site.picker, floor=FLOOR).kind == "idle"


def test_skip_sends_the_picker_to_this_shelf_at_the_end(database: Database, site: Site) -> None:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    first = run(database, pick.current_step, site.picker, floor=FLOOR)
    step = run(database, pick.skip_task, site.picker, key(), NOW, floor=FLOOR)
    assert step.location != first.location
    with database.unit_of_work(read_only=True) as s:
        tasks = s.scalars(
            select(PickTask).where(PickTask.batch_id == site.urgent).order_by(PickTask.sequence)
        ).all()
        assert first.task_id in {t.id for t in tasks[-2:]}  # both totes' tasks at that shelf


def test_logging_out_keeps_the_batch(database: Database, site: Site) -> None:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    idle_for(database, minutes=5)
    assert run(database, pick.release_abandoned, PICKING, floor=FLOOR) == []
    assert run(database, pick.release_batch, site.picker) == "CART-1"
    assert run(database, pick.current_step, site.picker, floor=FLOOR).kind == "idle"


def test_an_expired_lot_on_the_shelf_is_refused_even_from_a_plain_ean(
    database: Database, site: Site
) -> None:
    with database.unit_of_work() as s:
        milk = s.get(StockQuant, site.quants["A-03-02-2-A"])
        assert milk is not None
        milk.expiry = date(2026, 11, 24)  # expires today: can no longer reach a buyer
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    while (step := run(database, pick.current_step, site.picker, floor=FLOOR)).sku_code != "MILK":
        pick_current(database, site)
    scan(database, site, step.location)
    with pytest.raises(ScanRefused, match="expired"):
        scan(database, site, site.skus["MILK"][1])


def test_a_tote_scanned_too_early_says_what_is_left(database: Database, site: Site) -> None:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    step = scan(database, site, "A-01-05-1-A")
    scan(database, site, ean_of(database, site, step))
    scan(database, site, "1")
    with pytest.raises(StateError, match="Not yet: 1 more to pick here"):
        scan(database, site, "T01")


def test_a_packer_may_not_pick(database: Database, site: Site) -> None:
    with database.unit_of_work() as s:
        from tests import builders as f

        packer = f.picker(s, "K100", role="packer")
    with pytest.raises(PermissionDenied) as refused:
        run(database, pick.claim_next_batch, packer, NOW, floor=FLOOR)
    assert refused.value.localized("zh_CN") == "您的角色（packer）不能拣货。"


def test_a_held_batch_with_nothing_left_is_closed_not_resumed(
    database: Database, site: Site
) -> None:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    with database.unit_of_work() as s:  # e.g. every order of the cart was cancelled
        for task in s.scalars(select(PickTask).where(PickTask.batch_id == site.urgent)):
            task.state = "skipped"
    batch = run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    assert batch is not None and batch.code == "CART-2" and not batch.resumed
