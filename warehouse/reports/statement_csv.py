"""Merchant statements as CSV: one row per merchant; box sizes and materials as columns."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from warehouse.reports.statement import MerchantStatement
from warehouse.reports.window import Window

BASE = ("merchant", "name", "from", "to", "orders", "lines", "units_picked", "parcels")
TAIL = ("returns_units", "location_days")


def statement_csv(window: Window, statements: list[MerchantStatement]) -> str:
    boxes = sorted({b for s in statements for b in s.parcels_by_box})
    materials = sorted({m for s in statements for m in s.materials})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [*BASE, *(f"box:{b}" for b in boxes), *(f"material:{m}" for m in materials), *TAIL]
    )
    for s in statements:
        writer.writerow(
            [
                s.mall_id,
                s.name,
                window.start.date().isoformat(),
                (window.end - timedelta(days=1)).date().isoformat(),
                s.orders,
                s.lines,
                s.units_picked,
                s.parcels,
                *(s.parcels_by_box.get(b, 0) for b in boxes),
                *(s.materials.get(m, 0) for m in materials),
                s.returns_units,
                s.location_days,
            ]
        )
    return out.getvalue()
