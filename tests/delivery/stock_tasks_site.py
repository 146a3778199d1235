"""A site with real put-back and unpack work: two orders allocated, picked through the pick
service on one cart, one of them packed into a parcel, then both cancelled the way intake
applies the mall's cancellation. Used by the service tests and the screen's Pilot tests."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from sync.order_changes import cancel_order
from tests import builders as b
from tests.delivery.test_cancelled_after_packing import _parcel, _pick_everything
from warehouse.allocation.service import allocate_order
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.models import Order, StockTask
from warehouse.orders import transition
from warehouse.states import OrderState, Role
from warehouse.users import add_user

TEA_SHELF, CUP_SHELF = "A-01-05-1-A", "A-02-10-1-B"
SPARE_SHELF = "A-03-02-2-A"
"""Another pick face holding only the same merchant's stock: a put-back there is allowed."""
OTHERS_SHELF = "B-01-04-1-A"
"""A pick face holding another merchant's stock: refused."""
RESERVE_SHELF = "B-02-01-1-A"
"""Bulk stock of the same merchant, not a pick face: refused."""


@dataclass(frozen=True)
class StockTaskSite:
    packer: Actor
    returns: Actor
    picker: Actor
    loose_order: str
    packed_order: str
    tracking_no: str
    barcodes: dict[str, str]
    sku_ids: dict[str, int]
    cart: str


def build(database: Database, settings: Settings) -> StockTaskSite:
    """Loose order: 3 tea and 1 cup picked, in tote 1 (two put-back tasks). Packed order:
    2 tea in parcel ``tracking_no`` (one unpack task). Users K100 (packer, PIN 1234) and
    R100 (returns, PIN 1234) can log in at the terminal."""
    with database.unit_of_work() as session:
        admin = Actor("cli:test", role="admin")
        add_user(session, admin, badge="K100", name="王打包", role="packer", pin="1234")
        add_user(session, admin, badge="R100", name="赵退货", role="returns", pin="1234")
        packer = b.user(session, "K1", Role.PACKER)
        returns = b.user(session, "R1", Role.RETURNS)
        picker = b.picker(session)
        shop, other = b.merchant(session, "17"), b.merchant(session, "18")
        tea, cup = b.sku(session, shop, "TEA"), b.sku(session, shop, "CUP")
        mug, jam = b.sku(session, shop, "MUG"), b.sku(session, other, "JAM")
        shelves = {
            code: b.location(session, code, kind="reserve" if code == RESERVE_SHELF else "pick")
            for code in (TEA_SHELF, CUP_SHELF, SPARE_SHELF, OTHERS_SHELF, RESERVE_SHELF)
        }
        b.stock(session, tea, shelves[TEA_SHELF], 10)
        b.stock(session, cup, shelves[CUP_SHELF], 5)
        b.stock(session, mug, shelves[SPARE_SHELF], 2)
        b.stock(session, jam, shelves[OTHERS_SHELF], 4)
        b.stock(session, mug, shelves[RESERVE_SHELF], 20)
        loose = b.order(session, shop, [(tea, 3), (cup, 1)])
        packed = b.order(session, shop, [(tea, 2)])
        for order in (loose, packed):
            allocate_order(session, order, actor=Actor.system("allocation"), today=b.NOW.date())
        cart = b.batch(session, [loose, packed])
        barcodes = {"TEA": b.barcode(tea), "CUP": b.barcode(cup), "JAM": b.barcode(jam)}
        ids = {"TEA": tea.id, "CUP": cup.id}
        fo = {"loose": loose.fo_id, "packed": packed.fo_id}
        cart_code = cart.code
    _pick_everything(database, picker, barcodes)
    with database.unit_of_work() as session:
        packed = session.scalars(select(Order).where(Order.fo_id == fo["packed"])).one()
        transition(session, packed, OrderState.PACKING, packer)
        tracking = _parcel(session, packed, {"TEA": 2}, settings.carrier("SF"))
        transition(session, packed, OrderState.PACKED, packer)
    with database.unit_of_work() as session:
        for key in ("loose", "packed"):
            order = session.scalars(select(Order).where(Order.fo_id == fo[key])).one()
            cancel_order(session, order, Actor.system("sync"), answer=True, reason="buyer")
    return StockTaskSite(
        packer, returns, picker, fo["loose"], fo["packed"], tracking, barcodes, ids, cart_code
    )


def task_id(database: Database, kind: str, sku_id: int | None = None) -> int:
    with database.unit_of_work(read_only=True) as session:
        query = select(StockTask.id).where(StockTask.kind == kind)
        if sku_id is not None:
            query = query.where(StockTask.sku_id == sku_id)
        return session.scalars(query).one()
