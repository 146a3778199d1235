"""A repeatable tour search on a distance matrix: iterated local search with a fixed seed.

Public API
----------
``improve(order, matrix, kicks=None, seed=SEED) -> list[int]``
    From the closed tour ``order`` (row 0 first), a local optimum under 2-opt and Or-opt moves
    (runs of up to ``SEGMENT`` points moved elsewhere, either way round), then ``kicks`` rounds
    of: perturb a short stretch of the best tour (a double bridge on three cut points close
    together), repair it by local search around the cuts, keep it if it is no longer. Default
    kicks: :func:`default_kicks`. Nothing but the input decides the result: the random choices
    come from a Park–Miller generator started at ``seed``, the work is counted in kicks and
    moves, never in seconds, and distances are whole micrometres, so the same matrix gives the
    same tour on any machine and under any load.
``whole_units(matrix) -> numpy array``
    Float metres as whole micrometres (int64): every comparison is exact.
``closed_cost(order, units) -> int``

The search runs as machine code compiled by numba (:mod:`picking.routing.search_kernels`,
imported on the first search; compiled once per installation and cached). The local search
works on neighbour lists (every other point, nearest first) with a queue of points whose
surroundings changed ("don't look bits"). A move around a point only looks at neighbours
nearer than the edge it would replace, so the lists are cut short by the distances, not by a
fixed count: on warehouse floors many points lie at equal distances along one aisle, and a
list of the 12 nearest often held none in the next aisle, which left some tours stuck 0.2–0.5%
above the best known whatever the kicks. A kick is made on the working tour in place and
only the stretches it and the repair changed are copied back or kept (``_settle``), so a
kick costs what its repair does, not a pass over the whole tour.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

SEED = 20_181_001
NEIGHBOURS = None
"""How many nearest points each point's list holds; None: all of them (see above)."""
SEGMENT = 3
"""Longest run of points an Or-opt move carries elsewhere."""
REACH = 50
"""Longest stretch a kick moves: the three cuts lie within 2 × REACH positions."""
_MODULUS = 2_147_483_647  # Park–Miller "minimal standard" generator


def default_kicks(nodes: int) -> int:
    """Kicks for one start on a tour of ``nodes`` points (chosen on bench/routing.py, where
    :func:`picking.routing.tsp.repeatable_tour` runs six starts)."""
    return max(4 * nodes, 300)


def whole_units(matrix: Sequence[Sequence[float]] | NDArray[np.float64]) -> NDArray[np.int64]:
    return np.rint(np.asarray(matrix, dtype=np.float64) * 1_000_000).astype(np.int64)


def closed_cost(order: Sequence[int], units: NDArray[np.int64]) -> int:
    index = np.asarray(order, dtype=np.int64)
    return int(units[index, np.roll(index, -1)].sum())


def neighbour_lists(units: NDArray[np.int64], k: int | None = NEIGHBOURS) -> NDArray[np.int64]:
    n = len(units)
    k = n - 1 if k is None else min(k, n - 1)
    # Ties in distance are broken by index (a stable sort), so the lists are reproducible.
    order = np.argsort(units, axis=1, kind="stable")
    near = np.empty((n, k), dtype=np.int64)
    for i in range(n):
        row = order[i]
        near[i] = row[row != i][:k]
    return near


def improve(
    order: Sequence[int],
    matrix: Sequence[Sequence[float]] | NDArray[np.int64],
    kicks: int | None = None,
    seed: int = SEED,
    segment: int = SEGMENT,
    reach: int = REACH,
    near: NDArray[np.int64] | None = None,
) -> list[int]:
    units = matrix if isinstance(matrix, np.ndarray) else whole_units(matrix)
    n = len(order)
    if n <= 4:
        if n == 4:  # three tours exist; take the shortest, first of equals
            a, b, c, e = order
            tours = [[a, b, c, e], [a, b, e, c], [a, c, b, e]]
            return min(tours, key=lambda o: closed_cost(o, units))
        return list(order)
    from picking.routing.search_kernels import search  # numba loads on the first search

    if near is None:
        near = neighbour_lists(units)
    best = search(
        np.asarray(order, dtype=np.int64),
        units,
        near,
        default_kicks(n) if kicks is None else kicks,
        seed,
        segment,
        reach,
    )
    tour = [int(c) for c in best]
    start = tour.index(order[0])
    return tour[start:] + tour[:start]
