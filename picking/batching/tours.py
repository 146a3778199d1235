"""Quick, repeatable tour estimates for planning many carts (the final routes come later).

``Places(layout)`` numbers every walking point of the floor once (the depot is node 0, the
bays in point order after it): ``node(code)``, ``nodes(codes) -> frozenset[int]``, ``points``.
``Tours(layout)`` (a ``Places``) also keeps the walking distances between all of them, and
builds, extends and shortens tours as lists of nodes from the depot; the large-wave planner
uses it on floors the exact aisle sweep does not fit (else
:class:`picking.batching.cart_lengths.SetLengths`, which has the same methods):

``tour(nodes) -> (order, length)``
    Farthest-first cheapest insertion, then 2-opt and Or-opt moves (runs of 1–3 nodes), a
    bounded number of times. The same nodes always give the same tour: no clock, no chance.
``insert(order, nodes) -> (order, length)`` and ``remove(order, nodes) -> (order, length)``
    A tour with more nodes (each put where it adds least) or fewer (the rest walked in the
    same order); ``change(order, length, add, drop)`` both (drop first); ``polish(order)``
    improves a tour in place. ``exact`` is False: a length is a walk, not always the shortest.

A tour here is a real walk, so its length is never below the optimum; on the shipped floor it
is within about 1 % of the optimal route (``tests/picking/test_wave_scale.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from picking.layout import Layout, Point

_EPS = 1e-9
POLISH_MOVES = 200
"""At most this many improving moves per polish: a bound on the work, never reached in tests."""


class Places:
    """The floor's walking points numbered once: the depot is node 0, the bays in point order
    after it."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        points = sorted(
            {
                layout.bay_point(block.zone, aisle, bay)
                for block in layout.blocks
                for aisle in range(1, layout.aisles + 1)
                for bay in range(1, block.bays + 1)
            }
            - {layout.depot}
        )
        self.points: list[Point] = [layout.depot, *points]
        self.node_of_point = {p: i for i, p in enumerate(self.points)}
        self._codes: dict[str, int] = {}

    def node(self, code: str) -> int:
        """The node of a location code (raises ``UnknownLocation`` like ``Layout.locate``)."""
        found = self._codes.get(code)
        if found is None:
            found = self._codes[code] = self.node_of_point[self.layout.locate(code)]
        return found

    def nodes(self, codes: Iterable[str]) -> frozenset[int]:
        return frozenset(self.node(c) for c in codes)


class Tours(Places):
    exact = False
    """The lengths are of real walks found by insertion, not always the shortest."""

    def __init__(self, layout: Layout) -> None:
        super().__init__(layout)
        distance = layout.distance
        self.matrix: list[list[float]] = [
            [distance(p, q) for q in self.points] for p in self.points
        ]

    def forget(self) -> None:
        """Nothing is kept between precedence classes."""

    def row(self, node: int) -> list[float]:
        return self.matrix[node]

    def length(self, order: Sequence[int]) -> float:
        matrix = self.matrix
        total, last = 0.0, order[-1]
        for node in order:
            total += matrix[last][node]
            last = node
        return total

    def tour(self, nodes: Iterable[int]) -> tuple[list[int], float]:
        rest = set(nodes) - {0}
        order, _ = self.insert([0], rest)
        self.polish(order)
        best = self.length(order)
        if len(rest) > 5:
            # A second start: aisle by aisle, up one and down the next (an S-shape), polished.
            points = self.points
            snake = sorted(
                rest, key=lambda n: (points[n].aisle, points[n].y * (1 - 2 * (points[n].aisle % 2)))
            )
            other = [0, *snake]
            self.polish(other)
            length = self.length(other)
            if length < best - _EPS:
                order, best = other, length
        return order, best

    def insert(
        self, order: Sequence[int], nodes: Iterable[int], length: float | None = None
    ) -> tuple[list[int], float]:
        """``order`` (of ``length``, if known) with ``nodes`` added (farthest from the depot
        first), each where it adds least."""
        tour = list(order)
        present = set(tour)
        matrix = self.matrix
        depot = matrix[0]
        new = sorted(set(nodes) - present, key=lambda n: (-depot[n], n))
        if length is None:
            length = self.length(tour)
        if not new:
            return tour, length
        # legs[k]: the walk from tour[k] to the next node (the depot after the last).
        after = [*tour[1:], tour[0]]
        legs = [matrix[a][b] for a, b in zip(tour, after, strict=True)]
        for node in new:
            row = matrix[node]
            extras = [row[a] + row[b] - leg for a, b, leg in zip(tour, after, legs, strict=True)]
            best = min(extras)
            k = extras.index(best)  # the first cheapest place
            b = after[k]
            tour.insert(k + 1, node)
            after[k : k + 1] = [node, b]
            legs[k : k + 1] = [row[tour[k]], row[b]]
            length += best
        return tour, length

    def remove(self, order: Sequence[int], nodes: Iterable[int]) -> tuple[list[int], float]:
        gone = set(nodes) - {0}
        tour = [n for n in order if n not in gone]
        return tour, self.length(tour)

    def change(
        self,
        order: Sequence[int],
        length: float,
        add: Iterable[int],
        drop: Iterable[int] | None = None,
    ) -> tuple[list[int], float]:
        """``order`` (of ``length``) without ``drop`` (the rest walked in the same order), then
        with ``add`` inserted where each adds least (not yet polished)."""
        tour = list(order)
        if drop is not None:
            tour, length = self.remove(tour, drop)
        new = set(add) - set(tour)
        if new:
            tour, length = self.insert(tour, new, length)
        return tour, length

    def polish(self, tour: list[int], moves: int = POLISH_MOVES) -> None:
        """2-opt and Or-opt until no move shortens the tour (or ``moves`` have been made)."""
        while moves > 0 and len(tour) > 3 and (self._two_opt(tour) or self._or_opt(tour)):
            moves -= 1

    def _two_opt(self, tour: list[int]) -> bool:
        n = len(tour)
        rows = [self.matrix[v] for v in tour]
        for i in range(n - 1):
            ra, b = rows[i], tour[i + 1]
            base = ra[b]
            for j in range(i + 2, n if i else n - 1):
                c, e = tour[j], tour[(j + 1) % n]
                rc = rows[j]
                if ra[c] + rows[i + 1][e] < base + rc[e] - _EPS:
                    tour[i + 1 : j + 1] = reversed(tour[i + 1 : j + 1])
                    return True
        return False

    def _or_opt(self, tour: list[int]) -> bool:
        n = len(tour)
        for size in (1, 2, 3):
            for i in range(1, n - size + 1):  # never move the depot at position 0
                seg = tour[i : i + size]
                first, last = self.matrix[seg[0]], self.matrix[seg[-1]]
                before, after = tour[i - 1], tour[(i + size) % n]
                gain = first[before] + last[after] - self.matrix[before][after]
                if gain <= _EPS:
                    continue
                rest = tour[:i] + tour[i + size :]
                m = len(rest)
                for k in range(m):
                    p, q = rest[k], rest[(k + 1) % m]
                    pq = self.matrix[p][q]
                    if first[p] + last[q] - pq < gain - _EPS:
                        tour[:] = [*rest[: k + 1], *seg, *rest[k + 1 :]]
                        return True
                    if last[p] + first[q] - pq < gain - _EPS:
                        tour[:] = [*rest[: k + 1], *seg[::-1], *rest[k + 1 :]]
                        return True
        return False
