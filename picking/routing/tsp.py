"""Tours over any layout: shortest-path distance matrix, then a search with no clock in it.

Public API
----------
``tsp_order(layout, stops, budget_s=None) -> list[Stop]``
    The best tour found, the same for the same stops every time (``budget_s`` is ignored and
    kept for the old callers). Up to ``EXACT_NODES`` points (depot included) it is the
    optimum (Held–Karp, ``fast_tsp.solve_tsp_exact``); above that it is the shortest of six
    iterated local searches (:mod:`picking.routing.search`) from three opening tours, each
    walked both ways, with a fixed seed each and a fixed number of kicks
    (:func:`repeatable_tour`).
``solve(matrix, budget_s)``, ``search``: ``fast_tsp``'s clock-bounded search, kept for
    :class:`TourLengths` (batching's thousands of quick estimates) and as an independent
    reference in ``bench/routing.py``; routes shown to pickers never use it.
``distance_matrix(layout, points) -> list[list[float]]``
``integer_matrix(matrix) -> tuple[list[list[int]], float]``
    ``fast_tsp`` accepts whole numbers up to 65,535 only. Distances are expressed in the finest
    step of 1, 2 or 5 × 10^k metres (1 mm at best) that keeps the longest leg in range; the
    step is returned so that callers can check the rounding error (at most half a step a leg).
``polish(order, matrix) -> list[int]``
    2-opt and Or-opt (moving runs of 1–3 points) until no move shortens the closed tour.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Sequence

import fast_tsp
import numpy as np
from numpy.typing import NDArray

from picking.layout import Layout, Point
from picking.routing.heuristics import combined
from picking.routing.search import SEED, closed_cost, improve, neighbour_lists, whole_units
from picking.routing.stops import Stop

EXACT_NODES = 15
"""``fast_tsp`` solves up to 20 points exactly, but Held–Karp costs 5–100 ms from 16 on."""
MAX_UNITS = 65_535


def default_budget(nodes: int) -> float:
    """Seconds of local search: enough to reach the optimum on 30-point tours in tests."""
    return min(0.08, 0.006 + 0.0002 * nodes)


def _walk_info(
    layout: Layout, points: Sequence[Point]
) -> list[tuple[int, float, int, float, float]]:
    """Per point: aisle, y, block interval (-1 - k on cross-aisle k) and its cross-aisles."""
    cross = layout.cross_aisles
    info = []
    for p in points:
        k = bisect_left(cross, p.y)
        block = -1 - k if k < len(cross) and cross[k] == p.y else k - 1
        low = cross[max(block, 0)] if block >= 0 else p.y
        high = cross[block + 1] if block >= 0 else p.y
        info.append((p.aisle, p.y, block, low, high))
    return info


def distances_from(layout: Layout, point: Point, others: Sequence[Point]) -> list[float]:
    """Shortest walks from ``point`` to each of ``others``; ``layout.distance``, inlined."""
    pitch = layout.aisle_pitch_m
    (ai, yi, bi, lo, hi), *rest = _walk_info(layout, [point, *others])
    row = []
    for aj, yj, bj, _, _ in rest:
        if ai == aj:
            row.append(abs(yi - yj))
        elif bi == bj and bi >= 0:  # same block: out over the nearer cross-aisle
            row.append(abs(ai - aj) * pitch + min(yi + yj - 2 * lo, 2 * hi - yi - yj))
        else:
            row.append(abs(ai - aj) * pitch + abs(yi - yj))
    return row


def distance_array(layout: Layout, points: Sequence[Point]) -> NDArray[np.float64]:
    """:func:`distance_matrix` as one numpy array, computed with the same operations."""
    info = _walk_info(layout, points)
    aisle = np.array([i[0] for i in info], dtype=np.float64)
    y = np.array([i[1] for i in info], dtype=np.float64)
    block = np.array([i[2] for i in info], dtype=np.int64)
    low = np.array([i[3] for i in info], dtype=np.float64)
    high = np.array([i[4] for i in info], dtype=np.float64)
    across = np.abs(aisle[:, None] - aisle[None, :]) * layout.aisle_pitch_m
    ys = y[:, None] + y[None, :]
    detour = np.minimum(ys - 2 * low[:, None], 2 * high[:, None] - y[:, None] - y[None, :])
    straight = np.abs(y[:, None] - y[None, :])
    same_block = (block[:, None] == block[None, :]) & (block[:, None] >= 0)
    matrix = np.where(same_block, across + detour, across + straight)
    same_aisle = aisle[:, None] == aisle[None, :]
    matrix = np.where(same_aisle, straight, matrix)
    # distance_matrix measures each pair from its lower index: so the same float rounding.
    upper = np.triu(np.ones(matrix.shape, dtype=np.bool_))
    return np.where(upper, matrix, matrix.T)


def distance_matrix(layout: Layout, points: Sequence[Point]) -> list[list[float]]:
    n = len(points)
    matrix = [[0.0] * n for _ in range(n)]
    for i in range(n - 1):
        for j, d in enumerate(distances_from(layout, points[i], points[i + 1 :]), start=i + 1):
            matrix[i][j] = matrix[j][i] = d
    return matrix


def steps_are_exact(layout: Layout, step: float) -> bool:
    """Whether every distance in ``layout`` is a whole number of ``step`` (so rounding is exact)."""
    lengths = (layout.aisle_pitch_m, layout.bay_pitch_m, layout.end_gap_m, *layout.cross_aisles)
    return all(abs(v / step - round(v / step)) < 1e-6 for v in lengths)


def integer_step(matrix: Sequence[Sequence[float]]) -> float:
    longest = max((max(row) for row in matrix), default=0.0)
    for exponent in range(-3, 9):
        for mantissa in (1, 2, 5):
            step = mantissa * 10.0**exponent
            if longest / step <= MAX_UNITS:
                return step
    raise ValueError("distances too long for the TSP solver")


def integer_matrix(matrix: Sequence[Sequence[float]]) -> tuple[list[list[int]], float]:
    step = integer_step(matrix)
    return [[round(d / step) for d in row] for row in matrix], step


def tsp_order(layout: Layout, stops: Sequence[Stop], budget_s: float | None = None) -> list[Stop]:
    """The shortest tour found through ``stops``; the same stops always give the same order.

    ``budget_s`` is accepted for callers of the old signature and ignored: no clock decides.
    """
    if len(stops) <= 2:
        return list(stops)
    points = [layout.depot, *(s.point for s in stops)]
    tour = repeatable_tour(distance_array(layout, points), starts(layout, points))
    return [stops[i - 1] for i in tour[1:]]


def starts(layout: Layout, points: Sequence[Point]) -> list[list[int]]:
    """Three opening tours for the search: aisle by aisle, block by block in a serpentine, and
    the combined heuristic's route (three different valleys to search from)."""
    by_aisle = sorted(range(1, len(points)), key=lambda i: (points[i].aisle, points[i].y))

    def serpentine(i: int) -> tuple[int, int, float]:
        block = layout.block_of(points[i].y)
        aisle = points[i].aisle
        up = (aisle % 2 == 0) == (block % 2 == 0)
        return (block, aisle if block % 2 == 0 else -aisle, points[i].y if up else -points[i].y)

    stops = [Stop(p, (str(i),)) for i, p in enumerate(points) if i]
    heuristic = [int(s.codes[0]) for s in combined(layout, stops)]
    return [[0, *by_aisle], [0, *sorted(range(1, len(points)), key=serpentine)], [0, *heuristic]]


def repeatable_tour(
    matrix: Sequence[Sequence[float]] | NDArray[np.float64], openings: Sequence[Sequence[int]]
) -> list[int]:
    """A closed tour from row 0 decided by the matrix alone.

    Up to ``EXACT_NODES`` rows the Held–Karp program of ``fast_tsp`` gives the optimum (it has
    no clock). Above that, :func:`picking.routing.search.improve` runs from each opening tour
    and from it walked the other way round (the same cycle, but the search sees it from the
    other end and falls into other valleys: on bench/routing.py the traps a start cannot leave
    depend on its opening, not on its seed), each with its own fixed seed and a fixed number
    of kicks; the shortest result wins, the first of equals.
    """
    n = len(matrix)
    units = whole_units(matrix)
    if n <= EXACT_NODES:
        ints, _ = integer_matrix(np.asarray(matrix, dtype=np.float64).tolist())
        tour = fast_tsp.solve_tsp_exact(ints)
        start = tour.index(0)
        # Held–Karp on rounded distances; the micrometre search then settles any tie the
        # rounding may have ranked wrongly (it cannot lengthen the tour).
        return improve(tour[start:] + tour[:start], units, kicks=0)
    best: list[int] = []
    best_cost = 0
    near = neighbour_lists(units)
    both_ways = [*openings, *([o[0], *o[:0:-1]] for o in openings)]
    for index, opening in enumerate(both_ways):
        tour = improve(opening, units, seed=SEED + index, near=near)
        cost = closed_cost(tour, units)
        if not best or cost < best_cost:
            best, best_cost = tour, cost
    return best


def search(ints: list[list[int]], budget_s: float) -> list[int]:
    """``fast_tsp``'s local search, given ``budget_s`` of CPU time rather than wall-clock time.

    The solver stops on the wall clock; on a busy machine it may get a fraction of that on the
    CPU and return a poor tour (one SPRP-SS route came out 26% long that way). So the search
    is repeated, keeping the best tour, until it has had 80% of its budget on the CPU or ten
    times the budget has passed on the wall clock.
    """
    best: list[int] = []
    best_cost = 0.0
    cpu = 0.0
    started = time.perf_counter()
    while True:
        before = time.thread_time()
        tour = fast_tsp.find_tour(ints, max(budget_s - cpu, budget_s / 5))
        cpu += time.thread_time() - before
        cost = fast_tsp.compute_cost(tour, ints)
        if not best or cost < best_cost:
            best, best_cost = tour, cost
        if cpu >= 0.8 * budget_s or time.perf_counter() - started >= 10 * budget_s:
            return best


def solve(
    matrix: list[list[float]], budget_s: float | None = None, exact: bool | None = None
) -> list[int]:
    """A closed tour over all rows of ``matrix`` starting at row 0 (the depot).

    ``exact`` says whether the integer rounding loses nothing (checked on the matrix if None).
    """
    n = len(matrix)
    ints, step = integer_matrix(matrix)
    if n <= EXACT_NODES:
        tour = fast_tsp.find_tour(ints, 1.0)
    else:
        padded = ints
        if n <= 20:
            # Copies of the depot (zero apart, same distances) lift the problem over the exact
            # solver's size without changing any tour's length, so the fast search is used.
            padded = [row + [row[0]] * (21 - n) for row in ints]
            padded += [list(padded[0]) for _ in range(21 - n)]
        budget = default_budget(n) if budget_s is None else budget_s
        tour = [i for i in search(padded, budget) if i < n]
    start = tour.index(0)
    tour = tour[start:] + tour[:start]
    if exact is None:
        exact = all(
            abs(d - i * step) < 1e-6
            for row, irow in zip(matrix, ints, strict=True)
            for d, i in zip(row, irow, strict=True)
        )
    # Rounded distances may rank two tours wrongly; repair on the true distances then.
    return tour if exact else polish(tour, matrix)


def closed_length(order: Sequence[int], matrix: Sequence[Sequence[float]]) -> float:
    return sum(matrix[a][b] for a, b in zip(order, [*order[1:], order[0]], strict=True))


def polish(order: list[int], matrix: Sequence[Sequence[float]]) -> list[int]:
    tour = list(order)
    n = len(tour)
    if n < 4:
        return tour
    improved = True
    while improved:
        improved = _two_opt(tour, matrix) or _or_opt(tour, matrix)
    return tour


def _two_opt(tour: list[int], d: Sequence[Sequence[float]]) -> bool:
    n = len(tour)
    for i in range(n - 1):
        a, b = tour[i], tour[i + 1]
        for j in range(i + 2, n if i else n - 1):
            c, e = tour[j], tour[(j + 1) % n]
            if d[a][c] + d[b][e] < d[a][b] + d[c][e] - 1e-9:
                tour[i + 1 : j + 1] = reversed(tour[i + 1 : j + 1])
                return True
    return False


def _or_opt(tour: list[int], d: Sequence[Sequence[float]]) -> bool:
    n = len(tour)
    for size in (1, 2, 3):
        for i in range(1, n - size + 1):  # never move the depot at position 0
            seg = tour[i : i + size]
            before, after = tour[i - 1], tour[(i + size) % n]
            gain = d[before][seg[0]] + d[seg[-1]][after] - d[before][after]
            rest = tour[:i] + tour[i + size :]
            for k in range(len(rest)):
                p, q = rest[k], rest[(k + 1) % len(rest)]
                for piece in (seg, seg[::-1]):
                    if d[p][piece[0]] + d[piece[-1]][q] - d[p][q] < gain - 1e-9:
                        tour[:] = rest[: k + 1] + piece + rest[k + 1 :]
                        return True
    return False


class TourLengths:
    """Quick tour lengths over one layout, for batching's search (thousands of calls).

    Distances between all points seen so far are kept as integers in one growing matrix, so a
    call only slices it and runs ``fast_tsp`` for ``budget_s`` (exactly up to
    ``EXACT_NODES`` points). The length returned is the true walk of the tour found.
    """

    def __init__(self, layout: Layout, budget_s: float = 0.0005) -> None:
        self.layout = layout
        self.budget_s = budget_s
        longest = (layout.aisles - 1) * layout.aisle_pitch_m + 2 * layout.length_m
        self.step = integer_step([[longest]])
        self.index: dict[Point, int] = {}
        self.points: list[Point] = []
        self.rows: list[list[int]] = []
        self._add(layout.depot)

    def _add(self, point: Point) -> int:
        if point in self.index:
            return self.index[point]
        distances = distances_from(self.layout, point, self.points)
        for row, d in zip(self.rows, distances, strict=True):
            row.append(round(d / self.step))
        self.rows.append([*(round(d / self.step) for d in distances), 0])
        self.index[point] = len(self.points)
        self.points.append(point)
        return self.index[point]

    def __call__(self, points: Sequence[Point]) -> float:
        nodes = [0, *sorted({self._add(p) for p in points} - {0})]
        n = len(nodes)
        if n <= 3:
            order = nodes
        else:
            ints = [[self.rows[i][j] for j in nodes] for i in nodes]
            if n <= EXACT_NODES:
                tour = fast_tsp.find_tour(ints, 1.0)
            else:
                if n <= 20:  # see solve(): depot copies keep the exact solver out
                    ints = [row + [row[0]] * (21 - n) for row in ints]
                    ints += [list(ints[0]) for _ in range(21 - n)]
                tour = [i for i in search(ints, self.budget_s) if i < n]
            order = [nodes[i] for i in tour]
        walk = [self.points[i] for i in order]
        return sum(
            self.layout.distance(a, b) for a, b in zip(walk, [*walk[1:], walk[0]], strict=True)
        )
