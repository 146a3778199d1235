"""Splitting a large wave: precedence classes, zones, a walking order and near neighbours.

``precedence(order, now, horizon, urgent_priority, priority_step) -> Key``
    Urgent orders first (one class: its carts leave by earliest due time, as in
    :func:`picking.batching.plan_batches`), then the rest by cut-off (earliest first, none
    last), then by priority band (``priority // priority_step``, highest first). Orders of two
    classes never share a cart, so every cart of a class leaves before any of a later class.
``zones(order, layout)``: the blocks (zone letters) the order's picks lie in.
``near_neighbours(orders, layout, k, window) -> {order_id: [order_id, ...]}``
    Each order's ``k`` most promising partners among the ``window`` orders either side of it
    in a walking order (by the aisle its picks centre on, then how deep they lie, up one aisle
    and down the next). The promise is the estimate of :func:`picking.batching.savings.near_orders`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from picking.batching.carts import Order, is_urgent
from picking.batching.savings import reach
from picking.layout import Layout

Key = tuple[int, float, int]


def precedence(
    order: Order,
    now: datetime | None,
    horizon: timedelta,
    urgent_priority: int | None,
    priority_step: int,
) -> Key:
    if is_urgent(order, now, horizon, urgent_priority):
        return (0, 0.0, 0)  # one class, its carts by earliest due time
    cutoff = float("inf")
    if order.cutoff is not None:  # a naive time is UTC
        aware = order.cutoff if order.cutoff.tzinfo else order.cutoff.replace(tzinfo=UTC)
        cutoff = aware.timestamp()
    return (1, cutoff, -(order.priority // priority_step))


def zones(order: Order, layout: Layout) -> tuple[str, ...]:
    blocks = layout.blocks
    return tuple(
        sorted({blocks[layout.block_of(layout.locate(c).y)].zone for c in order.locations})
    )


def walking_order(orders: Sequence[Order], layout: Layout) -> list[Order]:
    def key(order: Order) -> tuple[int, float, str]:
        points = [layout.locate(c) for c in order.locations]
        aisle = round(sum(p.aisle for p in points) / len(points)) if points else 0
        depth = sum(p.y for p in points) / len(points) if points else 0.0
        return (aisle, depth if aisle % 2 == 0 else -depth, order.order_id)

    return sorted(orders, key=key)


def near_neighbours(
    orders: Sequence[Order], layout: Layout, k: int, window: int
) -> dict[str, list[str]]:
    ranked = walking_order(orders, layout)
    profiles = [reach(o, layout) for o in ranked]
    pitch2 = 2 * layout.aisle_pitch_m
    scored: list[list[tuple[float, int]]] = [[] for _ in ranked]
    for i, (lo_i, hi_i, depth_i) in enumerate(profiles):
        aisles_i = depth_i.keys()
        mine = scored[i]
        for j in range(i + 1, min(len(ranked), i + window + 1)):
            lo_j, hi_j, depth_j = profiles[j]
            overlap = min(hi_i, hi_j) - max(lo_i, lo_j)
            score = pitch2 * overlap if overlap > 0 else 0.0
            for aisle in aisles_i & depth_j.keys():
                a, b = depth_i[aisle], depth_j[aisle]
                score += 2 * (a if a < b else b)
            mine.append((-score, j))
            scored[j].append((-score, i))
    near: dict[str, list[str]] = {}
    for i, candidates in enumerate(scored):
        # Ties go to the partner first in walking order, so the lists never depend on input order.
        best = sorted(candidates)[:k]
        near[ranked[i].order_id] = [ranked[j].order_id for _, j in best]
    return near
