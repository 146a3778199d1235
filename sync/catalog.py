"""The warehouse's catalogue as the reference mall's generator wants it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from warehouse.db import Database
from warehouse.models import Merchant, Sku


def warehouse_catalog(
    db: Database, *, per_merchant: int | None = None
) -> dict[tuple[str, str], list[str]]:
    """``(mall merchant id, name)`` → active SKU codes, so generated orders match real SKUs.

    An unmigrated database has no catalogue: the result is then empty.
    """
    catalog: dict[tuple[str, str], list[str]] = {}
    try:
        with db.unit_of_work(read_only=True) as session:
            rows = session.execute(
                select(Merchant.mall_id, Merchant.name, Sku.code)
                .join(Sku, Sku.merchant_id == Merchant.id)
                .where(Sku.active.is_(True))
                .order_by(Merchant.id, Sku.id)
            ).all()
    except DBAPIError:
        return {}
    for mall_id, name, code in rows:
        codes = catalog.setdefault((mall_id, name), [])
        if per_merchant is None or len(codes) < per_merchant:
            codes.append(code)
    return catalog
