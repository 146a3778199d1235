"""Helpers shared by the sync tests (a module with a unique name, importable from them)."""

from __future__ import annotations

from warehouse.db import Database
from warehouse.models import Merchant, Sku

CATALOG: dict[tuple[str, str], list[str]] = {
    ("17", "华为官方旗舰店"): ["HW-P20-GOLD-64", "HW-MATE-BLK-128", "HW-BAND-4"],
    ("23", "小米之家"): ["MI-8-BLK-64", "MI-RED5A-16", "MI-BAND-3"],
    ("31", "三只松鼠"): ["SZSS-NUT-500G", "SZSS-MANGO-100G"],
}


def add_catalog(database: Database, catalog: dict[tuple[str, str], list[str]] | None = None) -> None:
    """Merchants and SKUs in the warehouse, the same the reference mall will order."""
    with database.unit_of_work() as session:
        for (mall_id, name), codes in (catalog or CATALOG).items():
            merchant = Merchant(mall_id=mall_id, name=name)
            session.add(merchant)
            session.flush()
            for code in codes:
                session.add(Sku(merchant_id=merchant.id, code=code, name_zh=f"商品 {code}"))
