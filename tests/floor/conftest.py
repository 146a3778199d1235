"""A small site for pick-service tests: one merchant, three SKUs on five shelves, two carts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import pytest
from sqlalchemy.orm import Session

from tests import builders as f
from tests.builders import FLOOR, NOW, key
from warehouse.audit import Actor
from warehouse.db import Database

T = TypeVar("T")
__all__ = ["FLOOR", "NOW", "Site", "key", "run"]


def run(database: Database, job: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """One action in one transaction, as the terminal does it."""
    with database.unit_of_work() as session:
        return job(session, *args, **kwargs)


@dataclass
class Site:
    picker: Actor
    other: Actor
    merchant_id: int
    skus: dict[str, tuple[int, str]]
    """name -> (sku id, EAN)."""
    quants: dict[str, int]
    """shelf code -> quant id."""
    urgent: int
    """Batch id of the urgent cart (two orders)."""
    later: int


def build_site(session: Session) -> Site:
    shop = f.merchant(session, "SHOP")
    tea = f.sku(session, shop, "TEA")
    cup = f.sku(session, shop, "CUP")
    milk = f.sku(session, shop, "MILK", lot_controlled=True)
    shelves = {
        code: f.location(session, code)
        for code in ("A-01-05-1-A", "A-02-10-1-B", "A-03-02-2-A", "B-01-04-1-A", "B-05-07-1-A")
    }
    quants = {
        "A-01-05-1-A": f.stock(session, tea, shelves["A-01-05-1-A"], 10),
        "A-02-10-1-B": f.stock(session, cup, shelves["A-02-10-1-B"], 6),
        "A-03-02-2-A": f.stock(
            session, milk, shelves["A-03-02-2-A"], 5, lot="L1", expiry=date(2027, 3, 1)
        ),
        "B-01-04-1-A": f.stock(session, tea, shelves["B-01-04-1-A"], 4),
        "B-05-07-1-A": f.stock(
            session, milk, shelves["B-05-07-1-A"], 8, lot="L2", expiry=date(2027, 6, 1)
        ),
    }
    one = f.allocated_order(session, shop, [(quants["A-01-05-1-A"], 2), (quants["A-02-10-1-B"], 1)])
    two = f.allocated_order(session, shop, [(quants["A-03-02-2-A"], 3), (quants["A-01-05-1-A"], 1)])
    three = f.allocated_order(session, shop, [(quants["A-02-10-1-B"], 2)])
    urgent = f.batch(session, [one, two], code="CART-1", priority=5)
    later = f.batch(session, [three], code="CART-2", priority=1)
    return Site(
        picker=f.picker(session, "P100"),
        other=f.picker(session, "P200"),
        merchant_id=shop.id,
        skus={s.code: (s.id, f.barcode(s)) for s in (tea, cup, milk)},
        quants={code: q.id for code, q in quants.items()},
        urgent=urgent.id,
        later=later.id,
    )


@pytest.fixture
def site(database: Database) -> Site:
    return run(database, build_site)
