"""Planning carts: savings, then joining and a local search, urgent orders first."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from picking.batching.carts import (
    Batch,
    LengthFn,
    Order,
    RouteFn,
    _check_sizes,
    _make_batch,
    is_urgent,
)
from picking.batching.savings import improve, near_orders, savings_groups
from picking.layout import Layout, Point
from picking.routing.sweep import fits_sweep, sweep_length
from picking.routing.tsp import TourLengths
from warehouse.config import CartSettings


def plan_batches(
    orders: Sequence[Order],
    cart: CartSettings,
    route: RouteFn,
    *,
    now: datetime | None = None,
    horizon: timedelta = timedelta(hours=2),
    urgent_priority: int | None = None,
    estimate: LengthFn | None = None,
    time_limit_s: float = 1.0,
    neighbours: int = 10,
    layout: Layout | None = None,
    locate: Callable[[str], Point] | None = None,
) -> list[Batch]:
    _check_sizes(orders, cart)
    if layout is None and isinstance(getattr(locate, "__self__", None), Layout):
        layout = getattr(locate, "__self__", None)  # ``locate=layout.locate`` names the layout
    if estimate is None:
        estimate = (
            route_estimator(layout) if layout is not None else lambda codes: route(codes).length_m
        )
    length = _cached(estimate)
    deadline = time.monotonic() + time_limit_s
    urgent = [o for o in orders if is_urgent(o, now, horizon, urgent_priority)]
    regular = [o for o in orders if not is_urgent(o, now, horizon, urgent_priority)]
    batches: list[Batch] = []
    for group, flag in ((urgent, True), (regular, False)):
        if not group:
            continue
        near, guess = near_orders(group, neighbours, layout)
        # The savings may use 40% of the time left; joining carts and the local search the rest.
        halfway = time.monotonic() + (deadline - time.monotonic()) * 0.4
        groups = savings_groups(group, cart, length, near, halfway, guess)
        groups = improve(groups, cart, length, near, deadline)
        batches += [_make_batch(g, cart, route, flag) for g in groups]
    arrival = {o.order_id: i for i, o in enumerate(orders)}
    by_id = {o.order_id: o for o in orders}

    def release_key(batch: Batch) -> tuple[bool, float, int, int]:
        members = [by_id[i] for i in batch.order_ids]
        dues = [o.due.timestamp() for o in members if o.due is not None]
        return (
            not batch.urgent,
            min(dues, default=float("inf")),
            -max(o.priority for o in members),
            min(arrival[i] for i in batch.order_ids),
        )

    return sorted(batches, key=release_key)


def release(batches: Sequence[Batch], min_fill: float = 0.0) -> tuple[list[Batch], list[Batch]]:
    """Split into carts to send now and part-full regular carts that may wait for more orders.

    A batch holding an urgent order is always released, however empty its cart.
    """
    released = [b for b in batches if b.urgent or b.fill >= min_fill]
    held = [b for b in batches if not (b.urgent or b.fill >= min_fill)]
    return released, held


def _cached(length: LengthFn) -> Callable[[frozenset[str]], float]:
    memo: dict[frozenset[str], float] = {frozenset(): 0.0}

    def cached(codes: frozenset[str]) -> float:
        if codes not in memo:
            memo[codes] = length(sorted(codes))
        return memo[codes]

    return cached


def route_estimator(layout: Layout) -> LengthFn:
    """A fast tour length for the search: the exact aisle sweep on floors it fits (up to six
    cross-aisles, well under a millisecond), a short TSP search on larger floors."""
    exact = fits_sweep(layout)
    quick = None if exact else TourLengths(layout)
    places: dict[str, Point] = {}

    def estimate(codes: Sequence[str]) -> float:
        for code in codes:
            if code not in places:
                places[code] = layout.locate(code)
        points = [places[code] for code in codes]
        if quick is None:
            return sweep_length(layout, points) if points else 0.0
        return quick(points)

    return estimate
