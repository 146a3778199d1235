"""The search behind :func:`picking.batching.plan_batches`: savings, then moves and swaps.

``savings_groups(orders, cart, length, near) -> list[list[Order]]``
    Clarke & Wright for batching: the saving of two orders is how much shorter one tour for
    both is than two tours; pairs are taken from the largest saving down and their carts are
    merged when everything fits and the merged tour really is shorter than the two.
``improve(groups, cart, length, near, deadline) -> list[list[Order]]``
    Move one order to another cart, or swap two orders between carts, whenever that shortens
    the total walk without breaking a cart limit; stop when nothing improves or at the deadline.
``near_orders(orders, k, locate) -> dict[str, list[str]]``
    Which orders are worth comparing: the ``k`` whose pick points' centre is nearest, or
    every order when ``locate`` is None. Route lengths are the expensive part, so the search
    only evaluates pairs of near orders.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from picking.batching import Order, fits_cart
from picking.layout import Point
from warehouse.config import CartSettings

Length = Callable[[frozenset[str]], float]
_EPS = 1e-6


def _codes(group: Sequence[Order]) -> frozenset[str]:
    return frozenset(code for order in group for code in order.locations)


def near_orders(orders: Sequence[Order], k: int,
               locate: Callable[[str], Point] | None) -> dict[str, list[str]]:
    ids = [o.order_id for o in orders]
    if locate is None or len(orders) <= k + 1:
        return {i: [j for j in ids if j != i] for i in ids}
    centres: list[tuple[float, float]] = []
    for order in orders:
        points = [locate(code) for code in order.locations] or [Point(0, 0.0)]
        centres.append((sum(p.aisle for p in points) / len(points),
                        sum(p.y for p in points) / len(points)))
    near: dict[str, list[str]] = {}
    for i, (ax, ay) in enumerate(centres):
        ranked = sorted((abs(ax - bx) + abs(ay - by) / 10, j)
                        for j, (bx, by) in enumerate(centres) if j != i)
        near[ids[i]] = [ids[j] for _, j in ranked[:k]]
    return near


def savings_groups(orders: Sequence[Order], cart: CartSettings, length: Length,
                   near: dict[str, list[str]]) -> list[list[Order]]:
    by_id = {o.order_id: o for o in orders}
    pairs: dict[tuple[str, str], float] = {}
    for i, partners in near.items():
        for j in partners:
            key = (i, j) if i < j else (j, i)
            if key in pairs or not fits_cart([by_id[i], by_id[j]], cart):
                continue
            a, b = by_id[key[0]], by_id[key[1]]
            pairs[key] = (length(_codes([a])) + length(_codes([b]))
                          - length(_codes([a, b])))
    group_of = {o.order_id: i for i, o in enumerate(orders)}
    groups: dict[int, list[Order]] = {i: [o] for i, o in enumerate(orders)}
    for (i, j), saving in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        gi, gj = group_of[i], group_of[j]
        if saving <= _EPS or gi == gj:
            continue
        merged = groups[gi] + groups[gj]
        if not fits_cart(merged, cart):
            continue
        if length(_codes(merged)) >= length(_codes(groups[gi])) + length(_codes(groups[gj])):
            continue
        groups[gi] = merged
        for order in groups.pop(gj):
            group_of[order.order_id] = gi
    return list(groups.values())


def improve(groups: list[list[Order]], cart: CartSettings, length: Length,
            near: dict[str, list[str]], deadline: float) -> list[list[Order]]:
    groups = [list(g) for g in groups]
    group_of = {o.order_id: gi for gi, g in enumerate(groups) for o in g}
    by_id = {o.order_id: o for g in groups for o in g}

    def cost(group: Sequence[Order]) -> float:
        return length(_codes(group))

    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for oid in sorted(by_id):
            if time.monotonic() >= deadline:
                break
            order, a = by_id[oid], group_of[oid]
            here = groups[a]
            without = [o for o in here if o.order_id != oid]
            base_a = cost(here)
            targets = sorted({group_of[n] for n in near.get(oid, ())} - {a})
            moved = False
            for b in targets:
                there = [*groups[b], order]
                if not fits_cart(there, cart):
                    continue
                delta = cost(without) + cost(there) - base_a - cost(groups[b])
                if delta < -_EPS:
                    groups[a], groups[b] = without, there
                    group_of[oid] = b
                    moved = improved = True
                    break
            if moved:
                continue
            for pid in near.get(oid, ()):
                b = group_of[pid]
                if b == a:
                    continue
                new_a = [*without, by_id[pid]]
                new_b = [*(o for o in groups[b] if o.order_id != pid), order]
                if not (fits_cart(new_a, cart) and fits_cart(new_b, cart)):
                    continue
                delta = cost(new_a) + cost(new_b) - base_a - cost(groups[b])
                if delta < -_EPS:
                    groups[a], groups[b] = new_a, new_b
                    group_of[oid], group_of[pid] = b, a
                    improved = True
                    break
    return [g for g in groups if g]
