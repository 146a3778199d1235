"""Planning carts for a large wave: split by precedence and zone, savings among near
neighbours, then a local search bounded by work, on quick repeatable tour estimates.

``plan_carts(orders, cart, route, *, layout, now=None, horizon=2 h, urgent_priority=None,
priority_step=100, budget=Budget()) -> list[Batch]``

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

Tour lengths inside the search are :class:`picking.batching.tours.Tours` walks, kept per cart
and changed by insertion and removal; nothing depends on the clock, so the same orders always
give the same carts. Every cart keeps the cart's totes, items, weight and volume.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from picking.batching.carts import Batch, Order, RouteFn, _check_sizes, _make_batch
from picking.batching.split import Key, near_neighbours, precedence, zones
from picking.batching.tours import Tours
from picking.layout import Layout
from warehouse.config import CartSettings

_EPS = 1e-6


@dataclass(frozen=True)
class Budget:
    """The work the planner may do; results depend on these numbers only, never on time."""

    neighbours: int = 8
    """Partners measured per order (savings pairs and local-search moves)."""
    window: int = 150
    """Orders either side, in the walking order, among which partners are sought."""
    passes: int = 4
    """Local-search passes at most."""
    evaluations: int = 300
    """Tour evaluations per order at most in the local search."""
    emptiest: int = 24
    """A part-full cart may also join any of this many emptiest carts of its class."""
    pairs: int = 2000
    """In a small class each order gets up to ``pairs / orders`` partners (at least
    ``neighbours``), so small waves are searched more widely for the same work."""
    starts: tuple[float, ...] = (1.0, 0.9, 1.1, 0.8)
    """Savings shapes tried, each followed by the local search, keeping the shortest; a class
    of ``n`` orders tries ``max(1, start_orders // n)`` of them."""
    start_orders: int = 1000
    rounds: int = 4
    """Savings rounds at most (see :meth:`_Search.savings`)."""


class _Cart:
    __slots__ = ("counts", "items", "length", "orders", "tour", "volume", "weight")

    def __init__(self) -> None:
        self.orders: list[str] = []
        self.counts: dict[int, int] = {}
        self.tour: list[int] = [0]
        self.length = 0.0
        self.items = 0
        self.weight = 0.0
        self.volume = 0.0


class _Search:
    def __init__(
        self, orders: Sequence[Order], cart: CartSettings, tours: Tours, budget: Budget
    ) -> None:
        self.cart = cart
        self.tours = tours
        self.budget = budget
        self.by_id = {o.order_id: o for o in orders}
        self.nodes = {o.order_id: tours.nodes(o.locations) for o in orders}
        self.size = {o.order_id: (o.items, o.weight_kg, o.volume_l) for o in orders}
        self.carts: list[_Cart] = []
        self.cart_of: dict[str, int] = {}
        self.work = 0
        self._lengths: dict[frozenset[int], float] = {}

    # -- carts ---------------------------------------------------------------------------

    def fits(self, c: _Cart, add: Sequence[str] = (), drop: Sequence[str] = ()) -> bool:
        cart, size = self.cart, self.size
        orders, items, weight, volume = len(c.orders), c.items, c.weight, c.volume
        for oid in add:
            i, w, v = size[oid]
            orders, items, weight, volume = orders + 1, items + i, weight + w, volume + v
        for oid in drop:
            i, w, v = size[oid]
            orders, items, weight, volume = orders - 1, items - i, weight - w, volume - v
        return (
            orders <= cart.totes
            and items <= cart.max_items
            and weight <= cart.max_weight_kg + 1e-9
            and volume <= cart.max_volume_l + 1e-9
        )

    def fill(self, c: _Cart) -> float:
        cart = self.cart
        return max(
            len(c.orders) / cart.totes,
            c.items / cart.max_items,
            c.weight / cart.max_weight_kg,
            c.volume / cart.max_volume_l,
        )

    def new_cart(self, oid: str) -> int:
        c = _Cart()
        self.carts.append(c)
        index = len(self.carts) - 1
        self._add(index, oid)
        c.tour, c.length = self.tours.tour(self.nodes[oid])
        return index

    def _add(self, index: int, oid: str) -> None:
        c, o = self.carts[index], self.by_id[oid]
        c.orders.append(oid)
        for n in self.nodes[oid]:
            c.counts[n] = c.counts.get(n, 0) + 1
        c.items += o.items
        c.weight += o.weight_kg
        c.volume += o.volume_l
        self.cart_of[oid] = index

    def _drop(self, index: int, oid: str) -> None:
        c, o = self.carts[index], self.by_id[oid]
        c.orders.remove(oid)
        for n in self.nodes[oid]:
            c.counts[n] -= 1
            if not c.counts[n]:
                del c.counts[n]
        c.items -= o.items
        c.weight -= o.weight_kg
        c.volume -= o.volume_l

    def _only(self, c: _Cart, oids: Sequence[str]) -> set[int]:
        """Nodes of the cart that only these of its orders visit."""
        uses: dict[int, int] = defaultdict(int)
        for oid in oids:
            for n in self.nodes[oid]:
                uses[n] += 1
        return {n for n, k in uses.items() if c.counts.get(n, 0) == k}

    def _changed(
        self, c: _Cart, add: Sequence[str], drop: Sequence[str]
    ) -> tuple[list[int], float]:
        """The cart's tour with ``drop`` taken out and ``add`` put in (not yet polished)."""
        self.work += 1
        tour, length = c.tour, c.length
        if drop:
            if len(drop) == len(c.orders) and not add:
                return [0], 0.0
            tour, length = self.tours.remove(tour, self._only(c, drop))
        if add:
            keep = set(tour)
            new = {n for oid in add for n in self.nodes[oid]} - keep
            if new:
                tour, length = self.tours.insert(tour, new, length)
        return tour, length

    def _set(self, index: int, tour: list[int]) -> None:
        c = self.carts[index]
        self.tours.polish(tour)
        c.tour, c.length = tour, self.tours.length(tour)

    def _pair_length(self, nodes: frozenset[int]) -> float:
        found = self._lengths.get(nodes)
        if found is None:
            self.work += 1
            found = self._lengths[nodes] = self.tours.tour(nodes)[1]
        return found

    # -- savings -------------------------------------------------------------------------

    def savings(self, part: Sequence[str], near: dict[str, list[str]], shape: float = 1.0) -> None:
        """Clarke & Wright on the pairs of near orders; ``shape`` weighs the joint tour
        (``L(i) + L(j) - shape * L(i+j)``) to rank pairs differently in another start.

        Partners lists are short, so an order whose partners all went into full carts would
        stay alone: each further round (``budget.rounds``) seeks partners again among the
        orders whose carts still have room, until a round joins nothing."""
        for oid in sorted(part):
            self.new_cart(oid)
        members = list(part)
        for _ in range(self.budget.rounds):
            if not self._merge(self._pairs(members, near, shape)):
                return
            members = [oid for oid in members if self._room(self.carts[self.cart_of[oid]])]
            if len(members) < 2:
                return
            near = near_neighbours(
                [self.by_id[i] for i in members],
                self.tours.layout,
                self.budget.neighbours,
                self.budget.window,
            )

    def _room(self, c: _Cart) -> bool:
        return len(c.orders) < self.cart.totes and self.fill(c) < 1.0 - 1e-9

    def _pairs(
        self, members: Sequence[str], near: dict[str, list[str]], shape: float
    ) -> dict[tuple[str, str], float]:
        inside = set(members)
        pairs: dict[tuple[str, str], float] = {}
        for oid in members:
            for other in near[oid]:
                key = (oid, other) if oid < other else (other, oid)
                if other not in inside or key in pairs:
                    continue
                if self.cart_of[oid] == self.cart_of[other]:
                    continue
                if not _fits_two(self.by_id[key[0]], self.by_id[key[1]], self.cart):
                    continue
                a, b = self.nodes[key[0]], self.nodes[key[1]]
                both = self._pair_length(a | b)
                pairs[key] = self._pair_length(a) + self._pair_length(b) - shape * both
        return pairs

    def _merge(self, pairs: dict[tuple[str, str], float]) -> int:
        joined = 0
        for (i, j), saving in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
            ga, gb = self.cart_of[i], self.cart_of[j]
            if saving <= _EPS or ga == gb:
                continue
            a, b = self.carts[ga], self.carts[gb]
            if len(a.orders) < len(b.orders) or (
                len(a.orders) == len(b.orders) and a.orders[0] > b.orders[0]
            ):
                ga, gb, a, b = gb, ga, b, a
            if not self.fits(a, add=b.orders):
                continue
            tour, length = self._changed(a, list(b.orders), ())
            if length >= a.length + b.length - _EPS:
                self.tours.polish(tour)
                length = self.tours.length(tour)
                if length >= a.length + b.length - _EPS:
                    continue
            self._join(ga, gb, tour)
            joined += 1
        return joined

    def _join(self, into: int, other: int, tour: list[int]) -> None:
        for oid in list(self.carts[other].orders):
            self._drop(other, oid)
            self._add(into, oid)
        self.carts[other].tour, self.carts[other].length = [0], 0.0
        self._set(into, tour)

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
        best: tuple[float, int, list[int]] | None = None
        for bi in self._targets([oid], near, ai):
            b = self.carts[bi]
            if not self.fits(b, add=[oid]):
                continue
            b_tour, b_len = self._changed(b, [oid], ())
            delta = a_len - a.length + b_len - b.length
            if delta < -_EPS and (best is None or delta < best[0]):
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
        for pid in near[oid]:
            bi = self.cart_of.get(pid, ai)
            if bi == ai:
                continue
            b = self.carts[bi]
            if not (self.fits(a, add=[pid], drop=[oid]) and self.fits(b, add=[oid], drop=[pid])):
                continue
            if a_rest is None:
                a_rest = self.tours.remove(a.tour, self._only(a, [oid]))
            self.work += 2
            a_tour, a_len = self.tours.insert(a_rest[0], self.nodes[pid], a_rest[1])
            if a_len - a.length - b.length > -_EPS:
                continue  # b cannot gain more than its whole walk
            b_tour, b_len = self._changed(b, [oid], [pid])
            delta = a_len + b_len - a.length - b.length
            if delta < -_EPS and (best is None or delta < best[0]):
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
                if delta < -_EPS and (best is None or delta < best[0]):
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
                if gained > _EPS:
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

    def groups(self) -> list[list[Order]]:
        return [[self.by_id[i] for i in sorted(c.orders)] for c in self.carts if c.orders]


def _fits_two(a: Order, b: Order, cart: CartSettings) -> bool:
    return (
        cart.totes >= 2
        and a.items + b.items <= cart.max_items
        and a.weight_kg + b.weight_kg <= cart.max_weight_kg + 1e-9
        and a.volume_l + b.volume_l <= cart.max_volume_l + 1e-9
    )


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
    budget: Budget = Budget(),
) -> list[Batch]:
    _check_sizes(orders, cart)
    tours = Tours(layout)
    classes: dict[Key, list[Order]] = defaultdict(list)
    for order in orders:
        classes[precedence(order, now, horizon, urgent_priority, priority_step)].append(order)
    arrival = {o.order_id: n for n, o in enumerate(orders)}
    planned: list[tuple[tuple[Key, float, int, int], Batch]] = []
    for key in sorted(classes):
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
            if best is None or search.total() < best.total() - _EPS:
                best = search
        assert best is not None
        for members in best.groups():
            batch = _make_batch(members, cart, route, key[0] == 0)
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
