"""The search behind :func:`picking.batching.plan_batches`: savings, then moves and swaps.

``savings_groups(orders, cart, length, near) -> list[list[Order]]``
    Clarke & Wright for batching: the saving of two orders is how much shorter one tour for
    both is than two tours; pairs are taken from the largest saving down and their carts are
    merged when everything fits and the merged tour really is shorter than the two.
``improve(groups, cart, length, near, deadline) -> list[list[Order]]``
    Move one order to another cart, or swap two orders between carts, whenever that shortens
    the total walk without breaking a cart limit; stop when nothing improves or at the deadline.
``near_orders(orders, k, layout) -> (near, guess)``
    Which orders are worth comparing: the ``k`` with the largest estimated saving, or every
    order when ``layout`` is None. Route lengths are the expensive part, so the search only
    evaluates pairs of near orders, and where the deadline stops it, it goes on the estimate.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from picking.batching.carts import Order, fits_cart
from picking.layout import Layout
from warehouse.config import CartSettings

Length = Callable[[frozenset[str]], float]
_EPS = 1e-6


def _codes(group: Sequence[Order]) -> frozenset[str]:
    return frozenset(code for order in group for code in order.locations)


def reach(order: Order, layout: Layout) -> tuple[int, int, dict[int, float]]:
    """Aisles spanned from the depot and, per aisle, the farthest pick from the depot's end."""
    depot = layout.depot
    depth: dict[int, float] = {}
    for code in order.locations:
        point = layout.locate(code)
        depth[point.aisle] = max(depth.get(point.aisle, 0.0), abs(point.y - depot.y))
    aisles = [*depth, depot.aisle]
    return min(aisles), max(aisles), depth


Pair = tuple[str, str]


def near_orders(
    orders: Sequence[Order], k: int, layout: Layout | None
) -> tuple[dict[str, list[str]], dict[Pair, float]]:
    """Each order's ``k`` partners with the largest estimated saving, and those estimates.

    The estimate is what two return-style tours share: the walk along the cross-aisle over
    the aisles both span, and in every aisle both visit, the shallower of the two depths.
    Without a layout there is no estimate and every order is a partner of every other.
    """
    ids = [o.order_id for o in orders]
    if layout is None:
        return {i: [j for j in ids if j != i] for i in ids}, {}
    profiles = [reach(o, layout) for o in orders]
    guess: dict[Pair, float] = {}
    shared: list[list[tuple[float, int]]] = [[] for _ in orders]
    for i, (lo_i, hi_i, depth_i) in enumerate(profiles):
        for j in range(i + 1, len(orders)):
            lo_j, hi_j, depth_j = profiles[j]
            common = depth_i.keys() & depth_j.keys()
            score = 2 * max(0, min(hi_i, hi_j) - max(lo_i, lo_j)) * layout.aisle_pitch_m
            score += 2 * sum(min(depth_i[a], depth_j[a]) for a in common)
            shared[i].append((-score, j))
            shared[j].append((-score, i))
    near: dict[str, list[str]] = {}
    for i, ranked in enumerate(shared):
        best = sorted(ranked)[:k]
        near[ids[i]] = [ids[j] for _, j in best]
        for score, j in best:
            guess[(ids[i], ids[j]) if ids[i] < ids[j] else (ids[j], ids[i])] = -score
    return near, guess


def savings_groups(
    orders: Sequence[Order],
    cart: CartSettings,
    length: Length,
    near: dict[str, list[str]],
    deadline: float = float("inf"),
    guess: dict[Pair, float] | None = None,
) -> list[list[Order]]:
    """Clarke & Wright merging; pairs not measured by the deadline keep their ``guess``."""
    by_id = {o.order_id: o for o in orders}
    pairs: dict[Pair, float] = {}
    # Every order's best partner first, then every order's second, ...: if the deadline cuts
    # this short, the most promising pairs have been measured.
    for rank in range(max((len(p) for p in near.values()), default=0)):
        if time.monotonic() >= deadline:
            break
        for i, partners in near.items():
            if rank >= len(partners):
                continue
            j = partners[rank]
            key = (i, j) if i < j else (j, i)
            if key in pairs or not fits_cart([by_id[i], by_id[j]], cart):
                continue
            a, b = by_id[key[0]], by_id[key[1]]
            pairs[key] = length(_codes([a])) + length(_codes([b])) - length(_codes([a, b]))
    for key, estimate in (guess or {}).items():
        if key not in pairs and fits_cart([by_id[key[0]], by_id[key[1]]], cart):
            pairs[key] = estimate
    group_of = {o.order_id: i for i, o in enumerate(orders)}
    groups: dict[int, list[Order]] = {i: [o] for i, o in enumerate(orders)}
    for (i, j), saving in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        gi, gj = group_of[i], group_of[j]
        if saving <= _EPS or gi == gj:
            continue
        merged = groups[gi] + groups[gj]
        if not fits_cart(merged, cart):
            continue
        if time.monotonic() < deadline and (
            length(_codes(merged)) >= length(_codes(groups[gi])) + length(_codes(groups[gj]))
        ):
            continue
        groups[gi] = merged
        for order in groups.pop(gj):
            group_of[order.order_id] = gi
    return list(groups.values())


def improve(
    groups: list[list[Order]],
    cart: CartSettings,
    length: Length,
    near: dict[str, list[str]],
    deadline: float,
) -> list[list[Order]]:
    groups = [list(g) for g in groups]
    # Part-full carts are the costliest waste at large capacities: a whole tour for a few
    # orders. Join them first (cheap), then polish, then try to share a cart out.
    while _merge_two(groups, cart, length, deadline):
        pass
    while time.monotonic() < deadline:
        _local_moves(groups, cart, length, near, deadline)
        if not (
            _merge_two(groups, cart, length, deadline)
            or _dissolve_one(groups, cart, length, deadline)
        ):
            break
    return [g for g in groups if g]


def _merge_two(
    groups: list[list[Order]],
    cart: CartSettings,
    length: Length,
    deadline: float,
    emptiest: int = 12,
) -> bool:
    """Join the two of the emptiest carts whose joint tour saves most; False if none saves."""
    live = sorted(
        (gi for gi, g in enumerate(groups) if g), key=lambda i: (sum(o.items for o in groups[i]), i)
    )[:emptiest]
    best: tuple[float, int, int] | None = None
    for n, a in enumerate(live):
        for b in live[n + 1 :]:
            if time.monotonic() >= deadline:
                return False
            merged = groups[a] + groups[b]
            if not fits_cart(merged, cart):
                continue
            saving = length(_codes(groups[a])) + length(_codes(groups[b])) - length(_codes(merged))
            if saving > _EPS and (best is None or saving > best[0]):
                best = (saving, a, b)
    if best is None:
        return False
    _, a, b = best
    groups[a], groups[b] = groups[a] + groups[b], []
    return True


def _local_moves(
    groups: list[list[Order]],
    cart: CartSettings,
    length: Length,
    near: dict[str, list[str]],
    deadline: float,
) -> None:
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


def _dissolve_one(
    groups: list[list[Order]], cart: CartSettings, length: Length, deadline: float
) -> bool:
    """Empty the first cart (fewest items first) whose orders all fit elsewhere for less walk."""
    live = [gi for gi, g in enumerate(groups) if g]
    for gi in sorted(live, key=lambda i: (sum(o.items for o in groups[i]), i)):
        if time.monotonic() >= deadline:
            return False
        trial = {i: list(groups[i]) for i in live if i != gi}
        gained = length(_codes(groups[gi]))
        for order in sorted(groups[gi], key=lambda o: (-o.items, o.order_id)):
            best: tuple[float, int] | None = None
            for i, members in trial.items():
                if fits_cart([*members, order], cart):
                    extra = length(_codes([*members, order])) - length(_codes(members))
                    if best is None or extra < best[0]:
                        best = (extra, i)
            if best is None:
                break
            gained -= best[0]
            trial[best[1]].append(order)
        else:
            if gained > _EPS:
                for i, members in trial.items():
                    groups[i] = members
                groups[gi] = []
                return True
    return False
