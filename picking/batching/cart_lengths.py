"""How the large-wave planner measures a cart: the exact length of its set of points where
the aisle sweep fits the floor, else an insertion tour.

``cart_walks(layout) -> Walks``
    :class:`SetLengths` when :func:`picking.routing.sweep.fits_sweep` holds (floors of 1–5
    blocks), else :class:`picking.batching.tours.Tours`.
``Walks``
    What the planner asks of either: ``layout``, ``exact``, ``points``, ``nodes(codes)``,
    ``tour(nodes)``, ``insert(order, nodes, length=None)``, ``remove(order, nodes)``,
    ``change(order, length, add, drop=None)``, ``polish(order)``, ``length(order)``,
    ``forget()``; a tour is a list of nodes from the depot (node 0), a length in metres.
``SetLengths(layout)``
    The same methods, but the order of a "tour" means nothing: its length is the optimal
    tour through its set of nodes (:func:`picking.routing.sweep.sweep_length`), so a move's
    change is ``length(set after) - length(set before)``, exact. Lengths are kept by the
    frozenset of nodes, so a set measured again costs a dictionary look-up; ``measured``
    counts the sweeps run. The store is emptied when it holds ``SET_LENGTHS_KEPT`` sets and
    by ``forget()``, which changes only the time (a length is a function of its set), never
    a plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from picking.batching.tours import Places, Tours
from picking.layout import Layout, Point
from picking.routing.sweep import fits_sweep, sweep_length

SET_LENGTHS_KEPT = 200_000
"""Sets whose lengths are kept at most (a set of 20 nodes and its length take about 1.5 kB)."""


class Walks(Protocol):
    layout: Layout
    points: list[Point]

    @property
    def exact(self) -> bool: ...

    def nodes(self, codes: Iterable[str]) -> frozenset[int]: ...

    def tour(self, nodes: Iterable[int]) -> tuple[list[int], float]: ...

    def insert(
        self, order: Sequence[int], nodes: Iterable[int], length: float | None = None
    ) -> tuple[list[int], float]: ...

    def remove(self, order: Sequence[int], nodes: Iterable[int]) -> tuple[list[int], float]: ...

    def change(
        self,
        order: Sequence[int],
        length: float,
        add: Iterable[int],
        drop: Iterable[int] | None = None,
    ) -> tuple[list[int], float]: ...

    def polish(self, tour: list[int]) -> None: ...

    def length(self, order: Sequence[int]) -> float: ...

    def forget(self) -> None: ...


class SetLengths(Places):
    exact = True
    """Every length is the optimal tour's, so a set never measures longer than a superset."""

    def __init__(self, layout: Layout) -> None:
        super().__init__(layout)
        self._known: dict[frozenset[int], float] = {}
        self.measured = 0

    def set_length(self, nodes: frozenset[int]) -> float:
        """The optimal tour through ``nodes`` from the depot (node 0; a tour's set holds it)."""
        found = self._known.get(nodes)
        if found is None:
            if 0 not in nodes:
                return self.set_length(nodes | {0})
            if len(self._known) >= SET_LENGTHS_KEPT:
                self._known = {}
            points = self.points
            found = sweep_length(self.layout, [points[n] for n in nodes if n])
            self._known[nodes] = found
            self.measured += 1
        return found

    def length(self, order: Sequence[int]) -> float:
        return self.set_length(frozenset(order))

    def tour(self, nodes: Iterable[int]) -> tuple[list[int], float]:
        rest = sorted(set(nodes) - {0})
        return [0, *rest], self.set_length(frozenset((0, *rest)))

    def insert(
        self, order: Sequence[int], nodes: Iterable[int], length: float | None = None
    ) -> tuple[list[int], float]:
        return self.change(order, length, nodes)

    def remove(self, order: Sequence[int], nodes: Iterable[int]) -> tuple[list[int], float]:
        gone = set(nodes) - {0}
        tour = [n for n in order if n not in gone]
        return tour, self.length(tour)

    def change(
        self,
        order: Sequence[int],
        length: float | None,
        add: Iterable[int],
        drop: Iterable[int] | None = None,
    ) -> tuple[list[int], float]:
        """The set of ``order`` without ``drop`` and with ``add``, measured once."""
        gone = set(drop or ()) - {0}
        tour = [n for n in order if n not in gone] if gone else list(order)
        present = set(tour)
        new = sorted(set(add) - present)
        if new:
            tour += new
        elif not gone and length is not None:
            return tour, length
        return tour, self.set_length(frozenset(tour))

    def polish(self, tour: list[int]) -> None:
        """Nothing to do: the length is already the shortest."""

    def forget(self) -> None:
        """Let the kept lengths go (between precedence classes, which share no cart)."""
        self._known = {}


def cart_walks(layout: Layout) -> Walks:
    return SetLengths(layout) if fits_sweep(layout) else Tours(layout)
