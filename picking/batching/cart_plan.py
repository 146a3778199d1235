"""The carts of one precedence class while a large wave is planned: each cart's orders,
load and length, kept up to date as orders are added and dropped, and the savings rounds
among near neighbours that fill them (step 2 of :mod:`picking.batching.scale`).

A cart's length comes from a :class:`picking.batching.cart_lengths.Walks`: the optimal tour
through its set of points where the aisle sweep fits the floor (``walks.exact``), else an
insertion tour kept per cart."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from picking.batching.cart_lengths import Walks
from picking.batching.carts import Order
from picking.batching.split import near_neighbours
from warehouse.config import CartSettings

EPS = 1e-6
"""Changes smaller than this (metres) are not improvements."""


@dataclass(frozen=True)
class Budget:
    """The work the planner may do; results depend on these numbers only, never on time."""

    neighbours: int = 16
    """Partners measured per order (savings pairs and local-search moves). Was 8 while carts
    were measured by insertion tours; exact set lengths (cached, with bounds that skip most
    moves) made twice as many affordable: 1.5 % less walking on 10,000 orders."""
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
    """Savings rounds at most (see :meth:`CartPlan.savings`)."""


class CartLoad:
    __slots__ = ("counts", "items", "length", "orders", "tour", "volume", "weight")

    def __init__(self) -> None:
        self.orders: list[str] = []
        self.counts: dict[int, int] = {}
        self.tour: list[int] = [0]
        self.length = 0.0
        self.items = 0
        self.weight = 0.0
        self.volume = 0.0


class CartPlan:
    """Carts being planned for one precedence class: what each holds, its tour estimate and
    the savings rounds that fill them (:meth:`savings`); the local search is in
    :mod:`picking.batching.scale`."""

    def __init__(
        self, orders: Sequence[Order], cart: CartSettings, tours: Walks, budget: Budget
    ) -> None:
        self.cart = cart
        self.tours = tours
        self.budget = budget
        self.by_id = {o.order_id: o for o in orders}
        self.nodes = {o.order_id: tours.nodes(o.locations) for o in orders}
        self.size = {o.order_id: (o.items, o.weight_kg, o.volume_l) for o in orders}
        self.carts: list[CartLoad] = []
        self.cart_of: dict[str, int] = {}
        self.work = 0
        self._lengths: dict[frozenset[int], float] = {}
        self._alone: dict[str, float] = {}

    # -- carts ---------------------------------------------------------------------------

    def fits(self, c: CartLoad, add: Sequence[str] = (), drop: Sequence[str] = ()) -> bool:
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

    def fill(self, c: CartLoad) -> float:
        cart = self.cart
        return max(
            len(c.orders) / cart.totes,
            c.items / cart.max_items,
            c.weight / cart.max_weight_kg,
            c.volume / cart.max_volume_l,
        )

    def new_cart(self, oid: str) -> int:
        c = CartLoad()
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

    def _only(self, c: CartLoad, oids: Sequence[str]) -> set[int]:
        """Nodes of the cart that only these of its orders visit."""
        uses: dict[int, int] = defaultdict(int)
        for oid in oids:
            for n in self.nodes[oid]:
                uses[n] += 1
        return {n for n, k in uses.items() if c.counts.get(n, 0) == k}

    def alone(self, oid: str) -> float:
        """The order's own tour: with exact lengths, no cart holding it is shorter."""
        found = self._alone.get(oid)
        if found is None:
            found = self._alone[oid] = self.tours.tour(self.nodes[oid])[1]
        return found

    def _changed(
        self, c: CartLoad, add: Sequence[str], drop: Sequence[str]
    ) -> tuple[list[int], float]:
        """The cart's tour with ``drop`` taken out and ``add`` put in (not yet polished)."""
        self.work += 1
        if drop and len(drop) == len(c.orders) and not add:
            return [0], 0.0
        added = {n for oid in add for n in self.nodes[oid]}
        return self.tours.change(c.tour, c.length, added, self._only(c, drop) if drop else None)

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

    def _room(self, c: CartLoad) -> bool:
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
            if saving <= EPS or ga == gb:
                continue
            a, b = self.carts[ga], self.carts[gb]
            if len(a.orders) < len(b.orders) or (
                len(a.orders) == len(b.orders) and a.orders[0] > b.orders[0]
            ):
                ga, gb, a, b = gb, ga, b, a
            if not self.fits(a, add=b.orders):
                continue
            tour, length = self._changed(a, list(b.orders), ())
            if length >= a.length + b.length - EPS:
                self.tours.polish(tour)
                length = self.tours.length(tour)
                if length >= a.length + b.length - EPS:
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


def _fits_two(a: Order, b: Order, cart: CartSettings) -> bool:
    return (
        cart.totes >= 2
        and a.items + b.items <= cart.max_items
        and a.weight_kg + b.weight_kg <= cart.max_weight_kg + 1e-9
        and a.volume_l + b.volume_l <= cart.max_volume_l + 1e-9
    )
