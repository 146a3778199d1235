"""A returns site: one merchant with a plain and a dated SKU on a pick face, the returns
shelves from the settings, and orders the reference mall sent and the warehouse shipped."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from sync.client import MallClient, RetryPolicy
from sync.ingest import sync_orders
from sync.intake import IntakeContext
from sync.mall_sim import RunningMall
from sync.mall_sim.rules import restate_amounts
from sync.pusher import push_pending
from sync.returns_ingest import sync_returns
from tests import builders as f
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import (
    Location,
    Order,
    OutboxEvent,
    Parcel,
    Shipment,
    StockMove,
    StockQuant,
)
from warehouse.orders import transition
from warehouse.states import OrderState, Role

FAST = RetryPolicy(attempts=3, base_s=0.001, cap_s=0.01)
NOW = datetime.now(UTC)
TODAY = NOW.date()


@dataclass
class ReturnSite:
    db: Database
    mall: RunningMall
    context: IntakeContext
    clerk: Actor
    boss: Actor
    tea: str
    tea_ean: str
    nuts: str
    nuts_gtin: str
    other_ean: str
    face: str
    merchant: str = "31"

    def nuts_label(self, expiry: date, lot: str = "L2611") -> str:
        return f"(01){self.nuts_gtin}(17){expiry:%y%m%d}(10){lot}"


def build(database: Database, mall: RunningMall, context: IntakeContext) -> ReturnSite:
    returns = context.settings.returns
    with database.unit_of_work() as session:
        owner = f.merchant(session, "31")
        other = f.merchant(session, "99")
        tea = f.sku(session, owner, "TEA-1", pick_face_max=50)
        nuts = f.sku(session, owner, "NUTS-500G", lot_controlled=True, min_remaining_days=30)
        stranger = f.sku(session, other, "OTHER-1")
        face = f.location(session)
        f.stock(session, tea, face, 5)
        f.location(session, returns.putaway_location)
        for code in (
            returns.rework_location,
            returns.quarantine_location,
            returns.not_ours_location,
        ):
            shelf = f.location(session, code, kind="returns")
            shelf.active = False
        clerk = f.user(session, "R001", Role.RETURNS)
        boss = f.user(session, "S001", Role.SUPERVISOR)
        site = ReturnSite(
            database,
            mall,
            context,
            clerk,
            boss,
            tea.code,
            f.barcode(tea),
            nuts.code,
            "0" + f.barcode(nuts),
            f.barcode(stranger),
            face.code,
        )
    return site


def _snapshot(fo_id: str, lines: list[tuple[str, int]]) -> dict[str, object]:
    rows = [
        {
            "line_id": f"L{n}",
            "sku_code": code,
            "name": f"商品 {code}",
            "qty": qty,
            "unit_price": "60.00",
        }
        for n, (code, qty) in enumerate(lines, 1)
    ]
    placed = (NOW - timedelta(days=5)).isoformat(timespec="seconds")
    payment = restate_amounts({"method": "online", "paid": True, "currency": "CNY"}, rows)
    return {
        "fo_id": fo_id,
        "order_sn": fo_id.split("-")[1],
        "group_order_sn": fo_id.split("-")[1],
        "merchant": {"id": "31", "name": "三只松鼠"},
        "warehouse_code": "W1",
        "state": "requested",
        "cancel_request": None,
        "placed_at": placed,
        "paid_at": placed,
        "priority": "normal",
        "gift": False,
        "payment": payment,
        "receiver": {
            "name": "张三",
            "mobile": "13800000000",
            "phone": "",
            "province": "广东省",
            "city": "深圳市",
            "district": "福田区",
            "detail": "xx路1号",
            "postcode": "518000",
        },
        "buyer_note": "",
        "lines": rows,
    }


def client(site: ReturnSite) -> MallClient:
    return MallClient(site.mall.base_url, site.mall.token, policy=FAST)


def shipped_order(site: ReturnSite, fo_id: str, lines: list[tuple[str, int]], tracking: str) -> str:
    """An order the mall sent, taken in, worked and shipped in parcel ``tracking``."""
    site.mall.store.add_order(copy.deepcopy(_snapshot(fo_id, lines)))
    with client(site) as mall:
        sync_orders(site.db, mall, site.context)
    system = Actor.system("test")
    with site.db.unit_of_work() as session:
        order = session.scalars(select(Order).where(Order.fo_id == fo_id)).one()
        assert order.state == OrderState.RELEASED, order.hold_reason
        for state in ("allocated", "picking", "picked", "packing", "packed", "shipped"):
            transition(session, order, state, system)
        for line in order.lines:
            line.picked = line.packed = line.qty
        order.carrier_code = "SF"
        session.add(
            Shipment(
                order_id=order.id,
                state="shipped",
                carrier_code="SF",
                shipped_at=NOW,
                parcels=[Parcel(tracking_no=tracking)],
            )
        )
    return fo_id


def pull(site: ReturnSite) -> None:
    with client(site) as mall:
        sync_orders(site.db, mall, site.context)
        sync_returns(site.db, mall, site.context)


def push_all(site: ReturnSite, rounds: int = 60) -> None:
    """Push until nothing is pending (faults may defer events: their delay is cut here)."""
    for _ in range(rounds):
        with client(site) as mall:
            push_pending(site.db, mall, base_delay_s=0.0, max_delay_s=0.0)
        with site.db.unit_of_work() as session:
            pending = session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.state == "pending")
            )
            session.execute(
                OutboxEvent.__table__.update()
                .where(OutboxEvent.state == "pending")
                .values(next_attempt_at=NOW - timedelta(hours=1))
            )
        if not pending:
            return
    raise AssertionError("the outbox did not drain")


def on_hand(site: ReturnSite, sku_code: str, location: str) -> int:
    with site.db.unit_of_work(read_only=True) as session:
        from warehouse.models import Sku

        total = session.scalar(
            select(func.coalesce(func.sum(StockQuant.on_hand), 0))
            .join(Location, StockQuant.location_id == Location.id)
            .join(Sku, StockQuant.sku_id == Sku.id)
            .where(Location.code == location, Sku.code == sku_code)
        )
        return int(total or 0)


def ledger(site: ReturnSite, rma_id: str) -> list[StockMove]:
    with site.db.unit_of_work(read_only=True) as session:
        return list(
            session.scalars(
                select(StockMove)
                .where(StockMove.reference.like(f"return {rma_id}%"))
                .order_by(StockMove.id)
            )
        )


def outcome_events(site: ReturnSite) -> list[OutboxEvent]:
    with site.db.unit_of_work(read_only=True) as session:
        return list(
            session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.kind == "return_outcome")
                .order_by(OutboxEvent.id)
            )
        )
