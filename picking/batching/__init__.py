"""Cart batching: which orders share one cart and one pick tour. Pure; no database.

Public API
----------
``Order(order_id, locations, items, weight_kg=0, volume_l=0, priority=0, due=None)``
``Batch(order_ids, route, urgent, fill, planned_m)`` with ``length_m`` (the final route's);
``planned_m``: the length :func:`plan_carts` measured the cart by (None from the others).
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
``plan_carts(orders, cart, route, *, layout, now=None, horizon=timedelta(hours=2),
urgent_priority=None, priority_step=200, budget=None) -> list[Batch]`` (``None``: ``Budget()``)
    The planner for waves of any size (:mod:`picking.batching.scale`): precedence classes
    (urgent, cut-off, priority band) that never share a cart, savings by zone among near
    neighbours, a local search bounded by work (``Budget``) on exact cart lengths where the
    aisle sweep fits the floor, else quick repeatable tour estimates
    (:mod:`picking.batching.cart_lengths`), and each cart routed once at the end. The same orders
    always give the same carts. :func:`plan_batches` stays as the reference on small sets.

Urgency: an order is urgent when it is due by ``now + horizon`` or its priority reaches
``urgent_priority``. Urgent orders are batched only with each other (a regular order would
lengthen their tour) and their batches come first, earliest due first. Nothing waits for a
full cart here; :func:`release` lets a caller hold part-full regular carts, never urgent ones.
``now`` and ``due`` must both be naive or both be aware. No batch ever exceeds the cart's
totes, items, weight or volume.
"""

from picking.batching.cart_plan import Budget
from picking.batching.carts import (
    Batch,
    LengthFn,
    Order,
    OrderTooBig,
    RouteFn,
    cart_fill,
    first_come_first_served,
    fits_cart,
    is_urgent,
    one_order_per_trip,
)
from picking.batching.planner import plan_batches, release, route_estimator
from picking.batching.scale import plan_carts

__all__ = [
    "Batch",
    "Budget",
    "LengthFn",
    "Order",
    "OrderTooBig",
    "RouteFn",
    "cart_fill",
    "first_come_first_served",
    "fits_cart",
    "is_urgent",
    "one_order_per_trip",
    "plan_batches",
    "plan_carts",
    "release",
    "route_estimator",
]
