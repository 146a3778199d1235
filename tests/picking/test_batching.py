"""Carts: never over a limit, urgent orders first and never held back, less walking than FCFS."""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta
from functools import partial

import pytest

from picking.batching import (
    Batch,
    Order,
    OrderTooBig,
    first_come_first_served,
    fits_cart,
    one_order_per_trip,
    plan_batches,
    release,
    route_estimator,
)
from picking.layout import Layout
from picking.routing import plan_route
from warehouse.config import CartSettings
from warehouse.errors import WarehouseError

NOW = datetime(2026, 11, 24, 14, 0)


def random_orders(layout: Layout, rng: random.Random, count: int) -> list[Order]:
    orders = []
    for n in range(count):
        lines = rng.randint(1, 8)
        codes = tuple(
            f"{rng.choice('AB')}-{rng.randint(1, 12):02d}-{rng.randint(1, 20):02d}-1-A"
            for _ in range(lines)
        )
        due = (
            NOW + timedelta(minutes=rng.choice([30, 90, 300, 600])) if rng.random() < 0.5 else None
        )
        orders.append(
            Order(
                f"SO{n:03d}",
                codes,
                lines + rng.randint(0, 3),
                round(rng.uniform(0.2, 9.0), 1),
                round(rng.uniform(1, 30), 1),
                rng.choice([0, 0, 0, 1, 5]),
                due,
            )
        )
    return orders


def random_cart(rng: random.Random) -> CartSettings:
    return CartSettings(
        totes=rng.randint(2, 8),
        max_items=rng.randint(12, 40),
        max_weight_kg=rng.uniform(10, 40),
        max_volume_l=rng.uniform(30, 120),
    )


def members(batch: Batch, orders: list[Order]) -> list[Order]:
    by_id = {o.order_id: o for o in orders}
    return [by_id[i] for i in batch.order_ids]


@pytest.mark.parametrize("seed", range(6))
def test_batching_never_breaks_a_cart_limit_or_a_cut_off(shipped_layout: Layout, seed: int) -> None:
    rng = random.Random(seed)
    cart = random_cart(rng)
    orders = [o for o in random_orders(shipped_layout, rng, 30) if fits_cart([o], cart)]
    route = partial(plan_route, shipped_layout)
    batches = plan_batches(
        orders,
        cart,
        route,
        now=NOW,
        horizon=timedelta(hours=2),
        urgent_priority=5,
        layout=shipped_layout,
        time_limit_s=0.3,
    )
    placed = [i for b in batches for i in b.order_ids]
    assert sorted(placed) == sorted(o.order_id for o in orders)  # every order exactly once
    for batch in batches:
        group = members(batch, orders)
        assert fits_cart(group, cart)
        urgent = [
            o.priority >= 5 or (o.due is not None and o.due <= NOW + timedelta(hours=2))
            for o in group
        ]
        assert all(urgent) if batch.urgent else not any(urgent)  # urgent never mixed in
        codes = {c for o in group for c in o.locations}
        assert {c for s in batch.route.stops for c in s.codes} == codes
    flags = [b.urgent for b in batches]
    assert flags == sorted(flags, reverse=True)  # urgent carts go out first
    urgent_dues = [
        min((o.due for o in members(b, orders) if o.due), default=None) for b in batches if b.urgent
    ]
    dated = [d for d in urgent_dues if d is not None]
    assert dated == sorted(dated)


@pytest.mark.parametrize("seed", range(4))
def test_first_come_first_served_fills_carts_in_arrival_order(
    shipped_layout: Layout, seed: int
) -> None:
    rng = random.Random(50 + seed)
    cart = random_cart(rng)
    orders = [o for o in random_orders(shipped_layout, rng, 30) if fits_cart([o], cart)]
    batches = first_come_first_served(
        orders, cart, partial(plan_route, shipped_layout, algorithm="s-shape")
    )
    assert [i for b in batches for i in b.order_ids] == [o.order_id for o in orders]
    for batch, after in itertools.pairwise(batches):
        assert fits_cart(members(batch, orders), cart)
        assert not fits_cart(members(batch, orders) + members(after, orders)[:1], cart)
    assert all(b.route.algorithm == "s-shape" for b in batches)


def test_an_urgent_order_leaves_alone_rather_than_wait_for_a_full_cart(
    shipped_layout: Layout,
) -> None:
    cart = CartSettings(totes=8, max_items=60)
    rush = Order("RUSH", ("B-12-20-1-A",), 1, due=NOW + timedelta(minutes=40))
    calm = [Order(f"C{n}", ("A-01-02-1-A",), 1) for n in range(3)]
    batches = plan_batches(
        [*calm, rush], cart, partial(plan_route, shipped_layout), now=NOW, layout=shipped_layout
    )
    assert batches[0].order_ids == ("RUSH",) and batches[0].urgent
    released, held = release(batches, min_fill=0.5)
    assert batches[0] in released  # nearly empty, but urgent
    assert all(not b.urgent for b in held)


def test_an_order_too_big_for_any_cart_is_refused_by_name(shipped_layout: Layout) -> None:
    cart = CartSettings(totes=4, max_items=10)
    big = Order("SO-BIG", ("A-01-01-1-A",), 12)
    with pytest.raises(OrderTooBig, match=r"Order SO-BIG .* does not fit on one cart") as caught:
        plan_batches([big], cart, partial(plan_route, shipped_layout))
    assert isinstance(caught.value, WarehouseError)


def test_batching_walks_less_than_fcfs_with_s_shape_and_less_than_one_order_per_trip(
    shipped_layout: Layout,
) -> None:
    rng = random.Random(3)
    cart = CartSettings(totes=10, max_items=30, max_weight_kg=1e6, max_volume_l=1e6)
    orders = random_orders(shipped_layout, rng, 40)
    optimal = partial(plan_route, shipped_layout)
    ours = sum(
        b.length_m
        for b in plan_batches(orders, cart, optimal, layout=shipped_layout, time_limit_s=0.5)
    )
    fcfs = sum(
        b.length_m
        for b in first_come_first_served(
            orders, cart, partial(plan_route, shipped_layout, algorithm="s-shape")
        )
    )
    single = sum(b.length_m for b in one_order_per_trip(orders, optimal))
    assert ours < 0.85 * fcfs and ours < 0.6 * single


def test_the_quick_estimate_is_close_to_the_route_shown(shipped_layout: Layout) -> None:
    rng = random.Random(11)
    estimate = route_estimator(shipped_layout)
    for order in random_orders(shipped_layout, rng, 20):
        shown = plan_route(shipped_layout, order.locations).length_m
        assert estimate(order.locations) == pytest.approx(shown, rel=0.02)
