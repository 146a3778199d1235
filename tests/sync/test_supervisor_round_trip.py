"""A shortage case decided by a supervisor goes to the reference mall over HTTP, and the
customer's answer to a substitute comes back through the change feed and closes the case."""

from __future__ import annotations

from sqlalchemy import select
from sync_helpers import add_catalog

from sync import shortage_resolutions as resolve
from sync.client import MallClient
from sync.ingest import sync_orders
from sync.intake import IntakeContext
from sync.mall_sim import RunningMall, seed_store
from sync.mall_sim.resolutions import answer_substitute
from sync.pusher import push_pending
from tests import builders as f
from warehouse.allocation import allocate_order
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import Order, OutboxEvent, ShortageCase
from warehouse.orders import RELEASED

CATALOG = {("17", "华为官方旗舰店"): ["HW-P20-GOLD-64", "HW-P20-BLUE-64"]}


def _sync(database: Database, mall: RunningMall, context: IntakeContext) -> None:
    with MallClient(mall.base_url, mall.token) as client:
        sync_orders(database, client, context)
        push_pending(database, client)
        sync_orders(database, client, context)


def test_a_substitute_offered_reaches_the_mall_and_its_answer_closes_the_case(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    add_catalog(database, CATALOG)
    ids = seed_store(mall.store, 30, {k: v[:1] for k, v in CATALOG.items()}, seed=3)
    _sync(database, mall, context)
    with database.unit_of_work() as session:
        fo_id = next(
            fo
            for fo in ids
            if session.scalar(select(Order.state).where(Order.fo_id == fo)) == RELEASED
        )
        allocate_order(session, fo_id, actor=Actor.system("allocation"))  # no stock: short
        supervisor = f.user(session, role="supervisor")
    _sync(database, mall, context)
    with database.unit_of_work() as session:
        order = session.scalar(select(Order).where(Order.fo_id == fo_id))
        assert order is not None and order.state == "short"
        case = session.scalar(select(ShortageCase).where(ShortageCase.order_id == order.id))
        assert case is not None
        case_id, line_id = case.id, order.lines[0].line_id
        resolve.offer_substitute(session, supervisor, case_id, "HW-P20-BLUE-64")
    _sync(database, mall, context)
    with database.unit_of_work(read_only=True) as session:
        states = dict(session.execute(select(OutboxEvent.kind, OutboxEvent.state)).all())
    assert states["substitute_offer"] == "sent"
    assert [s.get("kind") for s in mall.store.record(fo_id).shortages][-1] == "substitute_offer"
    answer_substitute(mall.store, fo_id, line_id, agreed=True)
    _sync(database, mall, context)
    with database.unit_of_work(read_only=True) as session:
        case = session.get(ShortageCase, case_id)
        order = session.scalar(select(Order).where(Order.fo_id == fo_id))
        assert case is not None and order is not None
        assert case.state == "resolved"
        live = {line.line_id: line.sku_code for line in order.lines if not line.cancelled}
    assert live[f"{line_id}-S"] == "HW-P20-BLUE-64"
