"""Cart batching: which orders share one cart and one pick tour. Pure; no database.

Public API
----------
``Order(order_id, locations, items, weight_kg=0, volume_l=0, priority=0, due=None)``
``Batch(order_ids, route, urgent)`` with ``length_m``.
``plan_batches(orders, cart, route, *, now=None, horizon=timedelta(hours=2),
urgent_priority=None, estimate=None, time_limit_s=1.0, neighbours=10,
layout=None, locate=None) -> list[Batch]``
    Savings (Clarke & Wright) on route lengths, then joining part-full carts and a local
    search that moves one order to another cart, swaps two orders or shares a cart out among
    the others, accepting only changes that shorten the total walk. ``time_limit_s`` bounds
    the search; the final routing of each cart comes on top (a few ms per cart). On a loaded
    two-block floor, 100 orders need about 3 s for the search to settle (see bench/batching).
    ``route(codes) -> Route`` gives the final routes; ``estimate(codes) -> float`` is what the
    search compares: by default :func:`route_estimator` when the layout is known (quick
    optimal tour lengths), else the length of ``route``.
    With ``layout`` only each order's ``neighbours`` most promising partners are compared,
    which keeps 100 orders to about a second; without it, every pair. ``locate=layout.locate``
    is accepted for ``layout``.
``one_order_per_trip(orders, route)`` and ``first_come_first_served(orders, cart, route)``
    The baselines: a tour per order, or carts filled in arrival order.
``fits_cart(orders, cart) -> bool`` and ``release(batches, min_fill) -> (released, held)``.
``route_estimator(layout) -> estimate``: a fast ``estimate`` for :func:`plan_batches`.

Urgency: an order is urgent when it is due by ``now + horizon`` or its priority reaches
``urgent_priority``. Urgent orders are batched only with each other (a regular order would
lengthen their tour) and their batches come first, earliest due first. Nothing waits for a
full cart here; :func:`release` lets a caller hold part-full regular carts, never urgent ones.
``now`` and ``due`` must both be naive or both be aware. No batch ever exceeds the cart's
totes, items, weight or volume.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from picking.layout import Layout, Point
from picking.routes import Route
from warehouse.config import CartSettings
from warehouse.errors import StateError

RouteFn = Callable[[Sequence[str]], Route]
LengthFn = Callable[[Sequence[str]], float]


class OrderTooBig(StateError):
    """An order that no cart can carry on its own."""


@dataclass(frozen=True)
class Order:
    order_id: str
    locations: tuple[str, ...]
    items: int
    weight_kg: float = 0.0
    volume_l: float = 0.0
    priority: int = 0
    """Higher is more urgent."""
    due: datetime | None = None


@dataclass(frozen=True)
class Batch:
    order_ids: tuple[str, ...]
    route: Route
    urgent: bool = False
    fill: float = 0.0
    """Share of the tightest cart limit in use (1.0 = full)."""

    @property
    def length_m(self) -> float:
        return self.route.length_m


def fits_cart(orders: Sequence[Order], cart: CartSettings) -> bool:
    return (
        len(orders) <= cart.totes
        and sum(o.items for o in orders) <= cart.max_items
        and sum(o.weight_kg for o in orders) <= cart.max_weight_kg + 1e-9
        and sum(o.volume_l for o in orders) <= cart.max_volume_l + 1e-9
    )


def cart_fill(orders: Sequence[Order], cart: CartSettings) -> float:
    return max(
        len(orders) / cart.totes,
        sum(o.items for o in orders) / cart.max_items,
        sum(o.weight_kg for o in orders) / cart.max_weight_kg,
        sum(o.volume_l for o in orders) / cart.max_volume_l,
    )


def _check_sizes(orders: Sequence[Order], cart: CartSettings) -> None:
    for order in orders:
        if not fits_cart([order], cart):
            raise OrderTooBig(
                f"Order {order.order_id} ({order.items} items, {order.weight_kg:g} kg, "
                f"{order.volume_l:g} l) does not fit on one cart."
            )


def _codes(group: Sequence[Order]) -> list[str]:
    return sorted({code for order in group for code in order.locations})


def _make_batch(
    group: Sequence[Order], cart: CartSettings, route: RouteFn, urgent: bool = False
) -> Batch:
    return Batch(
        tuple(o.order_id for o in group), route(_codes(group)), urgent, cart_fill(group, cart)
    )


def one_order_per_trip(orders: Sequence[Order], route: RouteFn) -> list[Batch]:
    return [Batch((o.order_id,), route(_codes([o])), False, 0.0) for o in orders]


def first_come_first_served(
    orders: Sequence[Order], cart: CartSettings, route: RouteFn
) -> list[Batch]:
    """Fill carts in arrival order; a cart leaves when the next order would not fit."""
    _check_sizes(orders, cart)
    groups: list[list[Order]] = [[]]
    for order in orders:
        if groups[-1] and not fits_cart([*groups[-1], order], cart):
            groups.append([])
        groups[-1].append(order)
    return [_make_batch(g, cart, route) for g in groups if g]


def is_urgent(
    order: Order, now: datetime | None, horizon: timedelta, urgent_priority: int | None
) -> bool:
    if urgent_priority is not None and order.priority >= urgent_priority:
        return True
    return order.due is not None and now is not None and order.due <= now + horizon


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
    from picking.savings import improve, near_orders, savings_groups

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
    """A fast tour length for the search: exact in one block, 0.5 ms of TSP search otherwise."""
    from picking.exact import single_block_length
    from picking.tsp import TourLengths

    quick = TourLengths(layout)
    places: dict[str, Point] = {}

    def estimate(codes: Sequence[str]) -> float:
        for code in codes:
            if code not in places:
                places[code] = layout.locate(code)
        points = [places[code] for code in codes]
        return single_block_length(layout, points) if len(layout.blocks) == 1 else quick(points)

    return estimate
