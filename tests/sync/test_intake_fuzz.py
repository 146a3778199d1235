"""Hypothesis drives hostile values into intake: a page is always stored, never an exception.

Each example takes a good order, replaces a few values at random places with random JSON
(texts with control characters, huge and negative numbers, booleans as strings, deep
nesting, wrong types) and stores it on a page between two good orders. Whatever happens to
the hostile order, the good ones are stored, the cursor moves on, and each item is stored,
ignored or quarantined. ``WMS_FUZZ_EXAMPLES`` sets the number of examples (default 25).
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sync_helpers import CATALOG, add_catalog

from sync.contract import RawFeedPage
from sync.ingest import read_cursor, store_page
from sync.intake import IntakeContext
from sync.mall_sim.generator import generate_orders
from warehouse.db import Database
from warehouse.models import Merchant, Order

EXAMPLES = int(os.environ.get("WMS_FUZZ_EXAMPLES", "25"))

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=80),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=5),
    st.sampled_from(["yes", "-1.00", "1e400", "0001-01-01T00:00:00+00:00", "urgent", "x" * 70]),
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)
_PATHS = [
    ("fo_id",), ("version",), ("change_seq",), ("order_sn",), ("placed_at",), ("priority",),
    ("gift",), ("state",), ("lines",), ("merchant",), ("receiver",), ("payment",),
    ("merchant", "id"), ("payment", "method"), ("payment", "paid"), ("payment", "cod_amount"),
    ("payment", "shipping_fee"), ("receiver", "name"), ("receiver", "mobile"),
    ("receiver", "province"), ("lines", 0, "line_id"), ("lines", 0, "qty"),
    ("lines", 0, "unit_price"), ("lines", 0, "discount"), ("lines", 0, "sku_code"),
]  # fmt: skip


def _replace(order: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    target: Any = order
    for part in path[:-1]:
        if not isinstance(target, dict | list):
            return
        try:
            target = target[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(target, dict) or (isinstance(target, list) and isinstance(path[-1], int)):
        with contextlib.suppress(IndexError):
            target[path[-1]] = value  # type: ignore[index]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(st.tuples(st.sampled_from(_PATHS), _json), min_size=1, max_size=4))
def test_no_hostile_value_stops_a_page(
    database: Database,
    context: IntakeContext,
    changes: list[tuple[tuple[str | int, ...], Any]],
) -> None:
    with database.unit_of_work(read_only=True) as session:
        if session.scalar(select(Merchant.id).limit(1)) is None:
            add_catalog(database)
    cursor = read_cursor(database, "mall:W1")
    number = int(cursor) // 10 + 1
    good_a, hostile, good_b = generate_orders(
        3, CATALOG, seed=number, warehouse_code="W1", first_number=number * 3
    )
    for item in (good_a, hostile, good_b):
        item["version"], item["change_seq"] = 1, 1
    for path, value in changes:
        _replace(hostile, path, value)
    page = RawFeedPage(
        items=[good_a, hostile, good_b], next_cursor=str(int(cursor) + 10), has_more=False
    )
    stats = store_page(database, page, name="mall:W1", expected_cursor=cursor, context=context)
    assert stats.new + stats.updated + stats.ignored + stats.quarantined == 3
    assert read_cursor(database, "mall:W1") == str(int(cursor) + 10)
    with database.unit_of_work(read_only=True) as session:
        stored = set(session.scalars(select(Order.fo_id)))
    assert {good_a["fo_id"], good_b["fo_id"]} <= stored
