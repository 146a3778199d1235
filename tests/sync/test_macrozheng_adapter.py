"""macrozheng/mall rows become contract snapshots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from sync.adapters.macrozheng import snapshot_from_oms_order

SAMPLES = Path(__file__).parents[1] / "data" / "mall-samples"
ROWS = json.loads((SAMPLES / "macrozheng_mall_oms_orders_demo.json").read_text(encoding="utf-8"))[
    "orders"
]


def test_every_demo_order_with_items_converts_and_keeps_ids_and_money_exact() -> None:
    converted = [snapshot_from_oms_order(row) for row in ROWS if row["order_items"]]
    assert len(converted) == sum(1 for row in ROWS if row["order_items"])
    first = converted[0]
    assert first.order_sn == "201809150101000001"
    assert first.placed_at.utcoffset() is not None and first.placed_at.isoformat().endswith(
        "+08:00"
    )
    assert str(first.lines[0].unit_price) == "3788.00"
    assert first.lines[0].sku_code == "201806070026001"


def test_an_order_without_items_cannot_become_a_snapshot() -> None:
    empty = next(row for row in ROWS if not row["order_items"])
    with pytest.raises(ValidationError):
        snapshot_from_oms_order(empty)
