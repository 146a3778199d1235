"""The floor finishes put-back and unpack tasks: listed with what and where, refused with one
sentence on a wrong shelf or item, partial quantities, another pick face of the same merchant
recorded, nothing done twice, the sellable figure told to the mall once; an unpacked parcel is
final and gone from labels, the handover and the statement. On SQLite and PostgreSQL, after
real picking and the mall's cancellation as intake applies it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from labels.errors import LabelError
from labels.gather import find_parcels
from shipping import unpacking
from shipping.handover import open_handover, scan_parcel
from shipping.handover_messages import HandoverError
from sync.stock_effects import create_put_back_tasks, put_back_line
from sync.stock_sync import flush_stock
from tests import builders as b
from tests.delivery import stock_tasks_site as site_
from tests.delivery.helpers import site
from warehouse.db import Database
from warehouse.errors import NotFound, PermissionDenied, StateError, StockError
from warehouse.models import (
    AuditEvent,
    Order,
    OutboxEvent,
    Parcel,
    Reservation,
    Shipment,
    StockLevelDirty,
    StockMove,
    StockQuant,
    StockTask,
)
from warehouse.queues import current_figures
from warehouse.states import ParcelState, ShipmentState
from warehouse.stock import put_back_tasks as tasks
from warehouse.stock_levels import sellable

TODAY = b.NOW.date()


@pytest.fixture
def work(database: Database, tmp_path: Path) -> site_.StockTaskSite:
    return site_.build(database, site(tmp_path))


def _on_hand(database: Database, sku_id: int, shelf: str) -> int:
    with database.unit_of_work(read_only=True) as session:
        return int(
            session.scalar(
                select(func.coalesce(func.sum(StockQuant.on_hand), 0))
                .join(StockQuant.location)
                .where(StockQuant.sku_id == sku_id, StockQuant.location.has(code=shelf))
            )
            or 0
        )


def _put(database: Database, work: site_.StockTaskSite, task: int, **given: object) -> object:
    call: dict[str, object] = {
        "location_scan": site_.TEA_SHELF,
        "item_scan": work.barcodes["TEA"],
        "qty": 1,
        "key": b.key(),
        "today": TODAY,
        **given,
    }
    with database.unit_of_work() as session:
        return tasks.complete_put_back(session, work.packer, task, **call)  # type: ignore[arg-type]


def test_the_open_tasks_say_what_where_and_from_which_tote(
    database: Database, work: site_.StockTaskSite
) -> None:
    with database.unit_of_work(read_only=True) as session:
        put_backs = tasks.open_put_backs(session, work.returns)
        unpacks = unpacking.open_unpacks(session, work.packer)
        figures = current_figures(session)
    assert [(v.sku, v.qty, v.lot, v.source, v.location, v.order) for v in put_backs] == [
        ("TEA", 3, "", f"{work.cart}/T01", site_.TEA_SHELF, work.loose_order),
        ("CUP", 1, "", f"{work.cart}/T01", site_.CUP_SHELF, work.loose_order),
    ]
    (unpack,) = unpacks
    assert unpack.tracking_no == work.tracking_no and unpack.units == 2
    assert [(line.sku, line.qty, line.location) for line in unpack.lines] == [
        ("TEA", 2, site_.TEA_SHELF)
    ]
    assert figures.stock_tasks == {"put_back": 2, "unpack": 1}
    assert tasks.for_tote(put_backs, f"{work.cart}-T01") == put_backs
    assert tasks.for_tote(put_backs, "T02") == []
    assert tasks.for_tote(put_backs, "OTHER-T01") == []


def test_a_wrong_shelf_or_item_is_refused_with_one_sentence_and_changes_nothing(
    database: Database, work: site_.StockTaskSite
) -> None:
    tea = site_.task_id(database, "put_back", work.sku_ids["TEA"])
    with pytest.raises(StockError) as others:
        _put(database, work, tea, location_scan=site_.OTHERS_SHELF)
    assert str(others.value) == (
        f"{site_.OTHERS_SHELF} is not a pick face for 17's goods: put the units back at "
        f"{site_.TEA_SHELF}."
    )
    assert others.value.localized("zh_CN") == (
        f"{site_.OTHERS_SHELF} 不是 17 商品的拣货位：请放回 {site_.TEA_SHELF}。"
    )
    with pytest.raises(StockError, match="is not a pick face"):
        _put(database, work, tea, location_scan=site_.RESERVE_SHELF)  # bulk, not a pick face
    with pytest.raises(NotFound, match="There is no shelf Z-99"):
        _put(database, work, tea, location_scan="Z-99")
    with pytest.raises(StockError) as wrong_item:
        _put(database, work, tea, item_scan=work.barcodes["CUP"])
    assert str(wrong_item.value) == (
        f"'{work.barcodes['CUP']}' is not TEA: put back only TEA with this task."
    )
    assert wrong_item.value.localized("zh") == (
        f"“{work.barcodes['CUP']}”不是 TEA：本任务只归位 TEA。"
    )
    with pytest.raises(StockError, match="Put back 1 to 3 units"):
        _put(database, work, tea, qty=4)
    with pytest.raises(PermissionDenied), database.unit_of_work() as session:
        tasks.complete_put_back(
            session,
            work.picker,
            tea,
            location_scan=site_.TEA_SHELF,
            item_scan="TEA",
            qty=1,
            key=b.key(),
            today=TODAY,
        )
    with database.unit_of_work(read_only=True) as session:
        assert session.get_one(StockTask, tea).qty == 3
        assert session.scalar(select(func.count()).where(StockMove.reason == "put_back")) == 0
    assert _on_hand(database, work.sku_ids["TEA"], site_.TEA_SHELF) == 10 - 5


def test_partial_then_elsewhere_then_done_and_nothing_twice(
    database: Database, work: site_.StockTaskSite
) -> None:
    tea_id = work.sku_ids["TEA"]
    tea = site_.task_id(database, "put_back", tea_id)
    with database.unit_of_work() as session:
        session.execute(StockLevelDirty.__table__.delete())
        session.execute(OutboxEvent.__table__.delete())
    key = b.key()
    first = _put(database, work, tea, qty=1, key=key)
    assert isinstance(first, tasks.PutBackResult)
    assert (first.put, first.left, first.done) == (1, 2, False)
    again = _put(database, work, tea, qty=1, key=key)  # the same Enter, sent again
    assert isinstance(again, tasks.PutBackResult) and (again.put, again.left) == (0, 2)
    assert _on_hand(database, tea_id, site_.TEA_SHELF) == 6

    with database.unit_of_work(read_only=True) as session:
        check = tasks.check_location(session, work.packer, tea, site_.SPARE_SHELF)
    assert check == tasks.LocationCheck(site_.SPARE_SHELF, suggested=False)
    rest = _put(database, work, tea, qty=2, location_scan=site_.SPARE_SHELF)
    assert isinstance(rest, tasks.PutBackResult)
    assert (rest.put, rest.left, rest.done, rest.location) == (2, 0, True, site_.SPARE_SHELF)
    twice = _put(database, work, tea, qty=2)  # a new key on a finished task
    assert isinstance(twice, tasks.PutBackResult) and twice.put == 0

    assert _on_hand(database, tea_id, site_.TEA_SHELF) == 6
    assert _on_hand(database, tea_id, site_.SPARE_SHELF) == 2
    with database.unit_of_work(read_only=True) as session:
        task = session.get_one(StockTask, tea)
        assert (task.state, task.qty, task.assignee_id) == ("done", 0, work.packer.user_id)
        moves = session.execute(
            select(StockMove.qty, StockMove.to_location_id).where(StockMove.reason == "put_back")
        ).all()
        assert sorted(q for q, _ in moves) == [1, 2]
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "stock_task.put_back")
            .order_by(AuditEvent.id)
        ).all()
        assert [(e.after["put"], e.after["location"], e.after["suggested"]) for e in events] == [
            (1, site_.TEA_SHELF, site_.TEA_SHELF),
            (2, site_.SPARE_SHELF, site_.TEA_SHELF),
        ]
        assert events[1].note == "put back elsewhere than suggested"
        # the loose tea is no longer "picked" on the order's reservation
        left = session.scalars(
            select(Reservation.picked)
            .join(StockQuant, StockQuant.id == Reservation.quant_id)
            .where(StockQuant.sku_id == tea_id, Reservation.picked > 0)
        ).all()
        assert left == [2], "only the two tea units in the parcel are still out"
        assert sellable(session, [tea_id], TODAY) == {tea_id: 8}
        assert [v.sku for v in tasks.open_put_backs(session, work.packer)] == ["CUP"]

    # The mall hears the SKU's sellable figure once, however many calls there were.
    assert flush_stock(database) == 1
    assert flush_stock(database) == 0
    with database.unit_of_work(read_only=True) as session:
        (message,) = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "stock_levels"))
    figures = {item["sku_code"]: item for item in message.payload["items"]}
    assert set(figures) == {"TEA"} and figures["TEA"]["sellable_qty"] == 8
    _put(database, work, tea, qty=1)
    assert flush_stock(database) == 0, "a repeat marks nothing for the mall"


def test_an_unpack_puts_the_parcel_away_once_and_the_parcel_is_gone(
    database: Database, work: site_.StockTaskSite, tmp_path: Path
) -> None:
    settings = site(tmp_path)
    tea_id = work.sku_ids["TEA"]
    unpack = site_.task_id(database, "unpack")
    with database.unit_of_work(read_only=True) as session:
        found = unpacking.find_unpack(session, work.packer, work.tracking_no)
        assert found is not None and found.task_id == unpack
        assert unpacking.find_unpack(session, work.packer, "SF-NOT-HERE") is None
        with pytest.raises(PermissionDenied):
            unpacking.open_unpacks(session, work.returns)
    with pytest.raises(HandoverError) as wrong, database.unit_of_work() as session:
        unpacking.complete_unpack(session, work.packer, unpack, parcel_scan="SF000")
    assert str(wrong.value) == (
        f"'SF000' is not parcel {work.tracking_no}: scan the label of the parcel you unpack."
    )
    with database.unit_of_work() as session:
        units = unpacking.complete_unpack(
            session, work.packer, unpack, today=TODAY, parcel_scan=work.tracking_no
        )
    assert units == 2
    with database.unit_of_work() as session:
        assert unpacking.complete_unpack(session, work.packer, unpack, today=TODAY) == 0
    assert _on_hand(database, tea_id, site_.TEA_SHELF) == 7
    with database.unit_of_work(read_only=True) as session:
        parcel = session.scalars(select(Parcel).where(Parcel.tracking_no == work.tracking_no)).one()
        assert parcel.state == ParcelState.UNPACKED
        assert session.get_one(Shipment, parcel.shipment_id).state == ShipmentState.CANCELLED
        assert unpacking.open_unpacks(session, work.packer) == []
        assert current_figures(session).stock_tasks == {"put_back": 2}
        with pytest.raises(LabelError, match="was unpacked"):
            find_parcels(session, work.tracking_no)
        with pytest.raises(LabelError, match="has no parcels"):
            find_parcels(session, work.packed_order)
    with database.unit_of_work() as session:
        open_handover(session, work.packer, "SF", settings)
    with database.unit_of_work() as session:
        answer = scan_parcel(session, work.packer, "SF", work.tracking_no)
    assert not answer.accepted
    assert answer.message.render("en").startswith(f"Parcel {work.tracking_no} of cancelled order")
    with database.unit_of_work(read_only=True) as session:
        assert session.get_one(StockTask, unpack).state == "done"
        assert session.scalar(select(func.count()).where(StockTask.kind == "unpack")) == 1


def test_an_unknown_or_cancelled_put_back_task_is_one_sentence(
    database: Database, work: site_.StockTaskSite
) -> None:
    with pytest.raises(StateError, match="There is no open put-back task 999999"):
        _put(database, work, 999999)
    unpack = site_.task_id(database, "unpack")
    with pytest.raises(StateError, match="no open put-back task"):
        _put(database, work, unpack)  # an unpack task is not a put-back


def test_the_statement_leaves_an_unpacked_parcel_out(
    database: Database, work: site_.StockTaskSite
) -> None:
    from warehouse.reports.statement import _parcels
    from warehouse.reports.window import Window

    window = Window.days(date(2020, 1, 1), date(2030, 1, 1))
    with database.unit_of_work(read_only=True) as session:
        owner = session.scalars(select(StockTask.owner_id).where(StockTask.kind == "unpack")).one()
        before = _parcels(session, window, [owner])
    unpack = site_.task_id(database, "unpack")
    with database.unit_of_work() as session:
        unpacking.complete_unpack(session, work.packer, unpack, today=TODAY)
    with database.unit_of_work(read_only=True) as session:
        after = _parcels(session, window, [owner])
    assert sum(before[owner].values()) == 1 and sum(after[owner].values()) == 0


def test_units_already_on_a_put_back_task_get_no_second_one(
    database: Database, work: site_.StockTaskSite
) -> None:
    """A line cancelled over a shortage, then the whole order: the picked units have their
    task already, so the order's cancellation adds none for them (the stock comes back once)."""
    with database.unit_of_work() as session:
        order = session.scalars(select(Order).where(Order.fo_id == work.loose_order)).one()
        assert create_put_back_tasks(session, order, "cancelled again") == []
        (tea,) = [line for line in order.lines if line.sku_code == "TEA"]
        assert put_back_line(session, order, tea, "line cancelled") == []
        count = session.scalar(
            select(func.count()).select_from(StockTask).where(StockTask.kind == "put_back")
        )
    assert count == 2


def test_a_put_back_of_units_no_longer_picked_is_refused_and_adds_no_stock(
    database: Database, work: site_.StockTaskSite
) -> None:
    tea_id = work.sku_ids["TEA"]
    tea = site_.task_id(database, "put_back", tea_id)
    before = _on_hand(database, tea_id, site_.TEA_SHELF)
    with database.unit_of_work() as session:
        order = session.scalars(select(Order).where(Order.fo_id == work.loose_order)).one()
        for line in order.lines:
            for reservation in line.reservations:
                if reservation.quant.sku_id == tea_id:
                    reservation.qty -= reservation.picked - 1
                    reservation.picked = 1  # two of the three went back another way
    with pytest.raises(StockError) as refused:
        _put(database, work, tea, qty=3)
    assert str(refused.value).startswith("Only 1 of these 3 units are still picked for order")
    assert _on_hand(database, tea_id, site_.TEA_SHELF) == before
    done = _put(database, work, tea, qty=1)
    assert isinstance(done, tasks.PutBackResult) and done.put == 1
    assert _on_hand(database, tea_id, site_.TEA_SHELF) == before + 1
