"""The peak-day bench's site: its merchants and SKUs, a PostgreSQL server to make and copy
databases on, the site built once, and stock sized to the demand intake left.

Public API: ``CATALOG``, ``Server(url)`` (``create``, ``url_of``, ``drop_all``),
``build_site(database, settings)``, ``stock_for_demand(database, today) -> int``.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from warehouse.config import Settings
from warehouse.db import Database, normalise_url
from warehouse.demo import _locations
from warehouse.models import Location, Merchant, Order, OrderLine, Sku, StockQuant
from warehouse.states import OrderState, Role
from warehouse.users import SITE_SETUP, add_user

MERCHANTS = 8
SKUS_PER_MERCHANT = 250
CATALOG = {
    (str(m), f"商户{m}"): [f"SKU-{m}-{n:04d}" for n in range(SKUS_PER_MERCHANT)]
    for m in range(1, MERCHANTS + 1)
}
ENOUGH, SHORT = 1.2, 0.5
"""Stock for 1.2 times the demand of most SKUs, and half the demand of one in ten, so part of
the orders are short, as at a peak."""


class Server:
    """Throw-away databases on one PostgreSQL server, dropped at the end."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        self.names: list[str] = []

    def url_of(self, name: str) -> str:
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        name = f"wms_peak_{uuid.uuid4().hex[:10]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        self.names.append(name)
        return name

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            for name in self.names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


def build_site(database: Database, settings: Settings) -> None:
    """The demo floor's locations, the catalogue's merchants and SKUs, a supervisor and a
    picker; stock comes after intake, sized to what was ordered."""
    rng = random.Random(5)
    with database.unit_of_work() as session:
        _locations(session, settings)
        for (mall_id, name), codes in CATALOG.items():
            merchant = Merchant(mall_id=mall_id, name=name)
            session.add(merchant)
            session.flush()
            for n, code in enumerate(codes):
                dated = n % 5 == 0
                session.add(
                    Sku(
                        merchant_id=merchant.id,
                        code=code,
                        name_zh=code,
                        weight_kg=Decimal(str(round(rng.uniform(0.05, 2.0), 3))),
                        length_mm=rng.randint(50, 300),
                        width_mm=rng.randint(40, 200),
                        height_mm=rng.randint(20, 150),
                        lot_controlled=dated,
                        shelf_life_days=365 if dated else None,
                        min_remaining_days=30 if dated else 0,
                        pick_face_min=5,
                        pick_face_max=60,
                        reorder_point=10,
                    )
                )
        add_user(session, SITE_SETUP, badge="S900", name="Peak", role=Role.SUPERVISOR, pin="9000")
        add_user(session, SITE_SETUP, badge="P900", name="First", role=Role.PICKER, pin="9001")


def stock_for_demand(database: Database, today: date) -> int:
    """Quants on a pick face and in reserve for each ordered SKU (see ``ENOUGH``); a fifth of
    the SKUs dated, the pick face's lot nearer its limit than the reserve's."""
    rng = random.Random(9)
    with database.unit_of_work(read_only=True) as session:
        demand = dict(
            session.execute(
                select(OrderLine.sku_id, func.sum(OrderLine.qty))
                .join(Order, Order.id == OrderLine.order_id)
                .where(Order.state == OrderState.RELEASED, OrderLine.sku_id.is_not(None))
                .group_by(OrderLine.sku_id)
            ).all()
        )
        skus = session.execute(select(Sku.id, Sku.merchant_id, Sku.lot_controlled)).all()
        places = session.execute(select(Location.id, Location.kind).order_by(Location.id)).all()
    faces = [i for i, kind in places if kind == "pick"]
    reserve = [i for i, kind in places if kind == "reserve"]
    rows: list[dict[str, Any]] = []
    for n, (sku_id, owner_id, dated) in enumerate(skus):
        share = SHORT if n % 10 == 3 else ENOUGH
        total = int(int(demand.get(sku_id, 0)) * share * rng.uniform(0.9, 1.1))
        face_qty = min(total, max(20, total // 10))
        for k, (location_id, qty) in enumerate(
            ((faces[n % len(faces)], face_qty), (reserve[n % len(reserve)], total - face_qty))
        ):
            if qty <= 0 and k:
                continue
            rows.append(
                {
                    "sku_id": sku_id,
                    "location_id": location_id,
                    "owner_id": owner_id,
                    "lot": f"L{k}" if dated else "",
                    "expiry": today + timedelta(days=(40 if k == 0 else 300)) if dated else None,
                    "on_hand": max(qty, 0),
                    "reserved": 0,
                }
            )
    with database.engine.begin() as conn:
        for first in range(0, len(rows), 5000):
            conn.execute(insert(StockQuant), rows[first : first + 5000])
        conn.execute(text("ANALYZE"))
    return sum(r["on_hand"] for r in rows)
