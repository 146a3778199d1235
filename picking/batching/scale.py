"""Planning carts for a large wave: split by precedence and zone, savings among near
neighbours, then a local search bounded by work, on exact cart lengths (or quick repeatable
tour estimates on floors the aisle sweep does not fit).

``plan_carts(orders, cart, route, *, layout, now=None, horizon=2 h, urgent_priority=None,
priority_step=200, budget=None) -> list[Batch]`` (``None``: ``Budget()``)

1. **Precedence classes** (:func:`picking.batching.split.precedence`): urgent orders, then
   each cut-off, then each priority band. A cart holds orders of one class only, and carts
   leave class by class, so no regular order delays an urgent one and no later cut-off is
   picked ahead of an earlier one.
2. **Savings by zone**: within a class, the orders of each zone set (A only, B only, A and B,
   …) are merged Clarke & Wright style, but only pairs of near neighbours are measured
   (``budget.neighbours`` per order, searched ``budget.window`` orders either side in a walking
   order), so the work grows with the number of orders, not its square; further rounds pair
   the orders whose carts still have room.
3. **Local search across zones** in the class: move an order to a near neighbour's cart, swap
   two near orders, join two carts, share a cart out among its neighbours' carts; only changes
   that shorten the estimated walk are kept. It stops when a pass changes nothing, after
   ``budget.passes`` passes, or when ``budget.evaluations`` per order have been spent.
4. **Routes**: each cart is routed once with ``route`` (the configured algorithm) at the end.

Cart lengths come from :func:`picking.batching.cart_lengths.cart_walks`: on floors of 1–5
blocks the optimal tour through the cart's set of points (the aisle sweep, each set measured
once), so a move's change is exact, and moves that the growth of exact lengths rules out are
skipped unmeasured; on larger floors :class:`picking.batching.tours.Tours` walks, kept per
cart and changed by insertion and removal. Each batch's ``planned_m`` is its cart's length.
Nothing depends on the clock, so the same orders always give the same carts. Every cart keeps
the cart's totes, items, weight and volume.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from picking.batching.cart_lengths import cart_walks
from picking.batching.cart_plan import EPS, Budget, CartPlan
from picking.batching.carts import Batch, Order, RouteFn, _check_sizes, _make_batch
from picking.batching.split import Key, near_neighbours, precedence, zones
from picking.layout import Layout
from warehouse.config import CartSettings


class _Search(CartPlan):
    """A class's carts and the local search across its zones (step 3)."""

    # -- local search --------------------------------------------------------------------

    def improve(self, near: dict[str, list[str]]) -> None:
        limit = self.work + self.budget.evaluations * len(self.by_id)
        for _ in range(self.budget.passes):
            changed = False
            for oid in sorted(self.by_id):
                if self.work >= limit:
                    return
                changed |= self._relocate(oid, near) or self._swap(oid, near)
            changed |= self._join_carts(near, limit)
            changed |= self._share_out(near, limit)
            if not changed:
                return

    def _targets(self, oids: Sequence[str], near: dict[str, list[str]], here: int) -> list[int]:
        found = {self.cart_of[n] for oid in oids for n in near[oid] if n in self.cart_of}
        found.discard(here)
        return sorted(found)

    def _relocate(self, oid: str, near: dict[str, list[str]]) -> bool:
        ai = self.cart_of[oid]
        a = self.carts[ai]
        a_tour, a_len = self._changed(a, (), [oid])
        exact = self.tours.exact
        if exact and a_len - a.length > -EPS:
            return False  # no cart takes the order for nothing
        best: tuple[float, int, list[int]] | None = None
        for bi in self._targets([oid], near, ai):
            b = self.carts[bi]
            if not self.fits(b, add=[oid]):
                continue
            if exact:
                # The cart with the order is no shorter than the cart or the order alone.
                bound = a_len - a.length + max(0.0, self.alone(oid) - b.length)
                if bound > -EPS or (best is not None and bound >= best[0]):
                    continue
            b_tour, b_len = self._changed(b, [oid], ())
            delta = a_len - a.length + b_len - b.length
            if delta < -EPS and (best is None or delta < best[0]):
                best = (delta, bi, b_tour)
        if best is None:
            return False
        _, bi, b_tour = best
        self._drop(ai, oid)
        self._add(bi, oid)
        self._set(ai, a_tour)
        self._set(bi, b_tour)
        return True

    def _swap(self, oid: str, near: dict[str, list[str]]) -> bool:
        ai = self.cart_of[oid]
        a = self.carts[ai]
        a_rest: tuple[list[int], float] | None = None  # the cart without ``oid``
        best: tuple[float, str, list[int], list[int]] | None = None
        exact = self.tours.exact
        for pid in near[oid]:
            bi = self.cart_of.get(pid, ai)
            if bi == ai:
                continue
            b = self.carts[bi]
            if not (self.fits(a, add=[pid], drop=[oid]) and self.fits(b, add=[oid], drop=[pid])):
                continue
            if a_rest is None:
                a_rest = self.tours.remove(a.tour, self._only(a, [oid]))
            b_floor = 0.0  # b after the swap is no shorter than this
            if exact:
                # Exact lengths grow with the set: each cart after the swap is no shorter
                # than what it keeps or than the order it takes alone.
                b_floor = max(self.tours.remove(b.tour, self._only(b, [pid]))[1], self.alone(oid))
                bound = max(a_rest[1], self.alone(pid)) + b_floor - a.length - b.length
                if bound > -EPS or (best is not None and bound >= best[0]):
                    continue
            self.work += 2
            a_tour, a_len = self.tours.insert(a_rest[0], self.nodes[pid], a_rest[1])
            bound = a_len + b_floor - a.length - b.length  # b cannot gain more than its walk
            if bound > -EPS or (exact and best is not None and bound >= best[0]):
                continue
            b_tour, b_len = self._changed(b, [oid], [pid])
            delta = a_len + b_len - a.length - b.length
            if delta < -EPS and (best is None or delta < best[0]):
                best = (delta, pid, a_tour, b_tour)
        if best is None:
            return False
        _, pid, a_tour, b_tour = best
        bi = self.cart_of[pid]
        self._drop(ai, oid)
        self._drop(bi, pid)
        self._add(ai, pid)
        self._add(bi, oid)
        self._set(ai, a_tour)
        self._set(bi, b_tour)
        return True

    def _live_by_fill(self) -> list[int]:
        live = [i for i, c in enumerate(self.carts) if c.orders]
        return sorted(live, key=lambda i: (self.fill(self.carts[i]), min(self.carts[i].orders)))

    def _join_carts(self, near: dict[str, list[str]], limit: int) -> bool:
        changed = False
        ranked = self._live_by_fill()
        for ai in ranked:
            a = self.carts[ai]
            if not a.orders or self.work >= limit:
                continue
            best: tuple[float, int, list[int]] | None = None
            emptiest = [i for i in ranked if i != ai and self.carts[i].orders]
            emptiest = emptiest[: self.budget.emptiest]
            for bi in sorted({*self._targets(a.orders, near, ai), *emptiest}):
                b = self.carts[bi]
                if not b.orders or not self.fits(b, add=a.orders):
                    continue
                tour, length = self._changed(b, list(a.orders), ())
                delta = length - a.length - b.length
                if delta < -EPS and (best is None or delta < best[0]):
                    best = (delta, bi, tour)
            if best is not None:
                self._join(best[1], ai, best[2])
                changed = True
        return changed

    def _share_out(self, near: dict[str, list[str]], limit: int) -> bool:
        """Empty carts (emptiest first) whose orders all fit in neighbours' carts for less."""
        changed = False
        for ai in self._live_by_fill():
            a = self.carts[ai]
            if not a.orders or self.work >= limit:
                continue
            trial: dict[int, tuple[list[str], list[int], float]] = {}
            gained = a.length
            orders = sorted(a.orders, key=lambda i: (-self.by_id[i].items, i))
            for oid in orders:
                best: tuple[float, int, list[int]] | None = None
                for bi in self._targets([oid], near, ai):
                    b = self.carts[bi]
                    if not b.orders:
                        continue
                    added, tour, length = trial.get(bi, ([], b.tour, b.length))
                    if not self.fits(b, add=[*added, oid]):
                        continue
                    self.work += 1
                    new_tour, new_len = self.tours.insert(tour, self.nodes[oid])
                    extra = new_len - length
                    if best is None or extra < best[0]:
                        best = (extra, bi, new_tour)
                if best is None:
                    break
                extra, bi, new_tour = best
                gained -= extra
                added = trial.get(bi, ([], [], 0.0))[0]
                trial[bi] = ([*added, oid], new_tour, self.tours.length(new_tour))
            else:
                if gained > EPS:
                    for bi, (added, tour, _) in sorted(trial.items()):
                        for oid in added:
                            self._drop(ai, oid)
                            self._add(bi, oid)
                        self._set(bi, tour)
                    a.tour, a.length = [0], 0.0
                    changed = True
        return changed

    def total(self) -> float:
        return sum(c.length for c in self.carts if c.orders)

    def groups(self) -> list[tuple[list[Order], float]]:
        """Each cart's orders and its length."""
        return [
            ([self.by_id[i] for i in sorted(c.orders)], c.length) for c in self.carts if c.orders
        ]


def plan_carts(
    orders: Sequence[Order],
    cart: CartSettings,
    route: RouteFn,
    *,
    layout: Layout,
    now: datetime | None = None,
    horizon: timedelta = timedelta(hours=2),
    urgent_priority: int | None = None,
    priority_step: int = 200,
    budget: Budget | None = None,
) -> list[Batch]:
    budget = budget or Budget()
    _check_sizes(orders, cart)
    tours = cart_walks(layout)
    classes: dict[Key, list[Order]] = defaultdict(list)
    for order in orders:
        classes[precedence(order, now, horizon, urgent_priority, priority_step)].append(order)
    arrival = {o.order_id: n for n, o in enumerate(orders)}
    planned: list[tuple[tuple[Key, float, int, int], Batch]] = []
    for key in sorted(classes):
        tours.forget()  # classes share no cart, so hardly a set
        group = classes[key]
        partners = max(budget.neighbours, budget.pairs // len(group))
        near = near_neighbours(group, layout, partners, max(budget.window, partners))
        parts: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for order in group:
            parts[zones(order, layout)].append(order.order_id)
        best: _Search | None = None
        starts = budget.starts[: max(1, budget.start_orders // len(group))]
        # Savings pair orders of one zone set, so each order's partners are sought there.
        by_id = {o.order_id: o for o in group}
        near_in_part: dict[str, list[str]] = {}
        for ids in parts.values():
            near_in_part |= near_neighbours(
                [by_id[i] for i in ids], layout, partners, max(budget.window, partners)
            )
        for shape in starts:
            search = _Search(group, cart, tours, budget)
            for zone_set in sorted(parts):
                search.savings(parts[zone_set], near_in_part, shape)
            search.improve(near)
            if best is None or search.total() < best.total() - EPS:
                best = search
        assert best is not None
        for members, length in best.groups():
            batch = _make_batch(members, cart, route, key[0] == 0, length)
            dues = [o.due.timestamp() for o in members if o.due is not None]
            planned.append(
                (
                    (
                        key,
                        min(dues, default=float("inf")),
                        -max(o.priority for o in members),
                        min(arrival[o.order_id] for o in members),
                    ),
                    batch,
                )
            )
    planned.sort(key=lambda item: item[0])
    return [batch for _, batch in planned]
