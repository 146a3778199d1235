"""A cancelled order whose goods are already packed has exactly one way back: the unpack task
of each parcel (its completion puts the units away, once); only picked units in no parcel get
put-back tasks. Real allocation, the real pick service, the mall's cancellation as intake
applies it, and the handover scan."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import select

from picking import floor as pick
from shipping.handover import open_handover, scan_parcel
from shipping.handover_messages import HandoverError
from shipping.tracking import draw_tracking_number
from shipping.unpacking import complete_unpack
from sync.order_changes import cancel_order
from tests import builders as b
from tests.delivery.helpers import site
from warehouse.allocation.service import allocate_order
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import (
    Order,
    OrderLine,
    Parcel,
    ParcelLine,
    Reservation,
    Shipment,
    StockLevelDirty,
    StockQuant,
    StockTask,
)
from warehouse.orders import transition
from warehouse.states import OrderState, ParcelState, Role
from warehouse.stock_levels import sellable

SYSTEM = Actor.system("sync")


def _pick_everything(database: Database, picker: Actor, barcodes: dict[str, str]) -> None:
    def run(fn, *args):  # type: ignore[no-untyped-def]
        with database.unit_of_work() as session:
            return fn(session, picker, *args, floor=b.FLOOR)

    assert run(pick.claim_next_batch, b.NOW) is not None
    step = run(pick.current_step)
    while step.kind not in ("done", "idle"):
        if step.kind == "location":
            scan = step.location
        elif step.kind == "item":
            scan = barcodes[step.sku_code]
        elif step.kind == "quantity":
            scan = str(step.qty - step.in_hand)
        else:
            scan = step.tote_label
        step = run(pick.handle_scan, scan, b.key(), b.NOW)


def _parcel(session, order: Order, units: dict[str, int], carrier) -> str:  # type: ignore[no-untyped-def]
    """What the packing station leaves for one closed parcel of ``order``."""
    shipment = session.scalars(select(Shipment).where(Shipment.order_id == order.id)).first()
    if shipment is None:
        shipment = Shipment(order_id=order.id, state="packed", carrier_code=carrier.code)
        session.add(shipment)
        session.flush()
    parcel = Parcel(
        shipment_id=shipment.id,
        box_code="B1",
        tracking_no=draw_tracking_number(session, carrier),
        state=ParcelState.PACKED,
    )
    session.add(parcel)
    session.flush()
    for line in order.lines:
        if units.get(line.sku_code):
            session.add(
                ParcelLine(parcel_id=parcel.id, order_line_id=line.id, qty=units[line.sku_code])
            )
            line.packed += units[line.sku_code]
    order.carrier_code = carrier.code
    return parcel.tracking_no


def _tasks(session, order: Order) -> Counter[str]:  # type: ignore[no-untyped-def]
    parcels = [
        f"parcel:{p}"
        for p in session.scalars(
            select(Parcel.id).join(Shipment).where(Shipment.order_id == order.id)
        )
    ]
    rows = session.scalars(
        select(StockTask).where(StockTask.reference.in_([order.fo_id, *parcels]))
    )
    return Counter(t.kind for t in rows)


def test_a_packed_cancelled_order_goes_back_once(database: Database, tmp_path: Path) -> None:
    settings = site(tmp_path)
    sf = settings.carrier("SF")
    with database.unit_of_work() as session:
        packer = b.user(session, "K1", Role.PACKER)
        picker = b.picker(session)
        shop = b.merchant(session, "17")
        tea, cup = b.sku(session, shop, "TEA"), b.sku(session, shop, "CUP")
        shelves = {"TEA": b.location(session), "CUP": b.location(session)}
        b.stock(session, tea, shelves["TEA"], 10)
        b.stock(session, cup, shelves["CUP"], 5)
        barcodes = {"TEA": b.barcode(tea), "CUP": b.barcode(cup)}
        whole = b.order(session, shop, [(tea, 3), (cup, 1)])
        part = b.order(session, shop, [(tea, 3)])
        for order in (whole, part):
            allocate_order(session, order, actor=Actor.system("allocation"), today=b.NOW.date())
        b.batch(session, [whole, part])
        ids = {"whole": whole.id, "part": part.id, "tea": tea.id, "cup": cup.id}
    _pick_everything(database, picker, barcodes)

    with database.unit_of_work() as session:
        whole = session.get(Order, ids["whole"])
        part = session.get(Order, ids["part"])
        assert whole is not None and part is not None
        assert whole.state == part.state == OrderState.PICKED
        for order in (whole, part):
            transition(session, order, OrderState.PACKING, packer)
        whole_no = _parcel(session, whole, {"TEA": 3, "CUP": 1}, sf)
        transition(session, whole, OrderState.PACKED, packer)
        part_no = _parcel(session, part, {"TEA": 2}, sf)  # the third unit still at the station
        before = sellable(session, [ids["tea"], ids["cup"]], b.NOW.date())
        assert before == {ids["tea"]: 4, ids["cup"]: 4}

    with database.unit_of_work() as session:
        for key in ("whole", "part"):
            order = session.get(Order, ids[key])
            assert order is not None
            assert cancel_order(session, order, SYSTEM, answer=True, reason="buyer") == (
                "cancelled_put_back"
            )
    with database.unit_of_work() as session:
        whole, part = session.get(Order, ids["whole"]), session.get(Order, ids["part"])
        assert _tasks(session, whole) == Counter({"unpack": 1})
        assert _tasks(session, part) == Counter({"unpack": 1, "put_back": 1})
        (loose,) = session.scalars(
            select(StockTask).where(StockTask.kind == "put_back", StockTask.reference == part.fo_id)
        )
        assert loose.qty == 1 and loose.to_location_id == shelves["TEA"].id
        parcels = {p.tracking_no: p for p in session.scalars(select(Parcel))}
        assert {n: parcels[n].state for n in (whole_no, part_no)} == dict.fromkeys(
            (whole_no, part_no), ParcelState.UNPACK
        )
        session.execute(StockLevelDirty.__table__.delete())

    # The parcel reaches the dock anyway: refused, pointing at the same task, no second one.
    with database.unit_of_work() as session:
        open_handover(session, packer, "SF", settings)
    with database.unit_of_work() as session:
        answer = scan_parcel(session, packer, "SF", whole_no)
    assert not answer.accepted and answer.bell
    with database.unit_of_work(read_only=True) as session:
        whole = session.get(Order, ids["whole"])
        assert _tasks(session, whole) == Counter({"unpack": 1})
        unpack_ids = {
            n: session.scalars(
                select(StockTask.id).where(StockTask.reference == f"parcel:{parcels[n].id}")
            ).one()
            for n in (whole_no, part_no)
        }
    assert f"task {unpack_ids[whole_no]}" in answer.message.render("en")

    with database.unit_of_work() as session:
        assert complete_unpack(session, packer, unpack_ids[whole_no], today=b.NOW.date()) == 4
        assert complete_unpack(session, packer, unpack_ids[part_no], today=b.NOW.date()) == 2
    with database.unit_of_work() as session:  # done once: a repeat puts nothing away
        assert complete_unpack(session, packer, unpack_ids[whole_no], today=b.NOW.date()) == 0
    with database.unit_of_work(read_only=True) as session:
        on_shelf = {
            q.sku_id: q.on_hand
            for q in session.scalars(select(StockQuant).where(StockQuant.owner_id.is_not(None)))
        }
        # Tea: 10 less 6 picked, 5 back from the two parcels; the loose unit waits for its
        # put-back task. Cup: all back.
        assert on_shelf == {ids["tea"]: 9, ids["cup"]: 5}
        assert sellable(session, [ids["tea"], ids["cup"]], b.NOW.date()) == {
            ids["tea"]: 9,
            ids["cup"]: 5,
        }
        left = session.execute(
            select(OrderLine.sku_code, Reservation.qty, Reservation.picked)
            .join(OrderLine, OrderLine.id == Reservation.order_line_id)
            .where(Reservation.qty > 0)
        ).all()
        assert left == [("TEA", 1, 1)], "only the loose unit is still out of its shelf"
        assert set(session.scalars(select(StockLevelDirty.sku_id))) == {ids["tea"], ids["cup"]}
        assert {
            t.state for t in session.scalars(select(StockTask).where(StockTask.kind == "unpack"))
        } == {"done"}


def test_an_unknown_unpack_task_is_refused(database: Database) -> None:
    with database.unit_of_work() as session:
        packer = b.user(session, "K1", Role.PACKER)
    with database.unit_of_work() as session:
        try:
            complete_unpack(session, packer, 999)
        except HandoverError as exc:
            assert exc.localized("en") == "There is no unpack task 999 to complete."
            assert "999" in exc.localized("zh")
        else:
            raise AssertionError("an unknown task must be refused")
