"""Rows for the supervisor's tests: a supervisor, a picker, a packer, and an order whose pick
was escalated short by the real pick service (goods of it already in a tote)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from picking import floor as pick
from tests import builders as f
from tests.builders import FLOOR, NOW, key
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import Order, ShortageCase
from warehouse.states import Role


@dataclass(frozen=True)
class People:
    supervisor: Actor
    picker: Actor
    packer: Actor


def people(database: Database) -> People:
    with database.unit_of_work() as session:
        return People(
            f.user(session, role=Role.SUPERVISOR),
            f.user(session, role=Role.PICKER),
            f.user(session, role=Role.PACKER),
        )


@dataclass(frozen=True)
class Escalated:
    order_id: int
    fo_id: str
    case_id: int
    merchant: str
    tea_shelf: str
    picker: Actor


def escalated_short(database: Database) -> Escalated:
    """Tea ×3 and a cup: the tea shelf holds 1 and no other has tea; the picker takes the 1
    and reports the rest short, the cup is picked; the case goes to the supervisor."""
    with database.unit_of_work() as session:
        shop = f.merchant(session)
        tea, cup = f.sku(session, shop, "TEA"), f.sku(session, shop, "CUP")
        shelf = f.location(session)
        tea_q = f.stock(session, tea, shelf, 3)
        cup_q = f.stock(session, cup, f.location(session), 1)
        order = f.allocated_order(session, shop, [(tea_q, 3), (cup_q, 1)])
        f.batch(session, [order])
        picker = f.picker(session)
        codes = {"TEA": f.barcode(tea), "CUP": f.barcode(cup)}
        ids = (order.id, order.fo_id, shop.mall_id, shelf.code)
    with database.unit_of_work() as session:
        pick.claim_next_batch(session, picker, NOW, floor=FLOOR)
        step = pick.current_step(session, picker, floor=FLOOR)
    while step.kind != "done":
        with database.unit_of_work() as session:
            if step.kind == "location":
                step = pick.handle_scan(session, picker, step.location, key(), NOW, floor=FLOOR)
            elif step.kind == "item" and step.sku_code == "TEA":
                step = pick.report_short(session, picker, None, "EMPTY", 1, key(), NOW, floor=FLOOR)
            elif step.kind == "item":
                step = pick.handle_scan(
                    session, picker, codes[step.sku_code], key(), NOW, floor=FLOOR
                )
            elif step.kind == "quantity":
                step = pick.handle_scan(
                    session, picker, str(step.qty - step.in_hand), key(), NOW, floor=FLOOR
                )
            else:
                step = pick.handle_scan(session, picker, step.tote_label, key(), NOW, floor=FLOOR)
    with database.unit_of_work() as session:
        case_id = session.scalar(select(ShortageCase.id).where(ShortageCase.order_id == ids[0]))
        assert case_id is not None
        assert session.get(Order, ids[0]).state == "short"  # type: ignore[union-attr]
    return Escalated(ids[0], ids[1], case_id, ids[2], ids[3], picker)
