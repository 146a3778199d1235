"""The exact aisle sweep for floors of any number of blocks (up to ``MAX_CROSS_AISLES``).

Public API
----------
``sweep_optimum(layout, stops) -> tuple[list[Stop], float]``
    The shortest tour through ``stops`` from and back to the depot, and its length in metres.
``sweep_length(layout, points) -> float``
    Only the length (no route is rebuilt).
``fits_sweep(layout, points) -> bool``
    Whether the floor has few enough cross-aisles for the sweep (and the points lie on it).

This is the dynamic program of Ratliff and Rosenthal (1983) for one block, as generalised to
any number of cross-aisles by Roodbergen and de Koster (2001, two blocks) and Pansart,
Catusse and Cambazard (2018): the tour is built aisle by aisle, keeping for every summary of
how the partial tour meets the current aisle (:mod:`picking.routing.sweep_states`) the
cheapest partial tour with that summary. The states and their transitions depend only on the
number of cross-aisles and are built once; a route only fills in the lengths (whole
micrometres, so ties are exact) and runs the min-plus sweep (numba). The chosen edges are
read back by back-pointers and walked as an Euler circuit from the depot; the stops are
listed in the order first reached. Every sub-aisle piece is covered by one of the classic
options (none, through, twice through, in and back from the front or from the back, split at
its largest gap), which are the only ones an optimal tour needs (Ratliff and Rosenthal).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numba
import numpy as np
from numpy.typing import NDArray

from picking.layout import Layout, Point
from picking.routing.stops import Stop
from picking.routing.sweep_states import (
    MAX_CROSS_AISLES,
    VERTICAL,
    sweep_tables,
)

UNIT = 1_000_000
"""Lengths in the sweep are whole micrometres."""
_NO = np.iinfo(np.int64).max // 4
"""An option that is not allowed (and a state not reached)."""

Vertex = tuple[object, ...]


def fits_sweep(layout: Layout, points: Sequence[Point] = ()) -> bool:
    inside = all(0 <= p.y <= layout.length_m and p.aisle >= 0 for p in points)
    return 2 <= len(layout.cross_aisles) <= MAX_CROSS_AISLES and inside


@dataclass
class _Floor:
    """The picks of one route as the sweep sees them."""

    first: int
    costs: NDArray[np.int64]
    """``costs[a, b, o]``: option ``o`` on block ``b`` of aisle ``first + a``."""
    required: NDArray[np.bool_]
    """``required[a, k]``: the vertex of aisle ``first + a`` on cross-aisle ``k`` is a stop."""
    picks: dict[tuple[int, int], list[float]]
    """Pick positions ``y`` inside each (aisle, block), sorted."""


def _floor(layout: Layout, points: Sequence[Point]) -> _Floor:
    cross = layout.cross_aisles
    blocks = len(cross) - 1
    depot = layout.depot
    first = min(min(p.aisle for p in points), depot.aisle)
    last = max(max(p.aisle for p in points), depot.aisle)
    aisles = last - first + 1
    required = np.zeros((aisles, len(cross)), dtype=np.bool_)
    required[depot.aisle - first, layout.depot_cross_aisle] = True
    picks: dict[tuple[int, int], list[float]] = {}
    for p in set(points):
        k = bisect_left(cross, p.y)
        if k < len(cross) and cross[k] == p.y:
            required[p.aisle - first, k] = True
        else:
            picks.setdefault((p.aisle, k - 1), []).append(p.y)
    costs = np.full((aisles, blocks, len(VERTICAL)), _NO, dtype=np.int64)
    for a in range(aisles):
        for b in range(blocks):
            low, high = cross[b], cross[b + 1]
            whole = high - low
            ys = picks.get((first + a, b))
            lengths: dict[str, float] = {"through": whole, "double": 2 * whole}
            if ys is None:
                lengths["none"] = 0.0
            else:
                ys.sort()
                lengths["front"] = 2 * (ys[-1] - low)
                lengths["back"] = 2 * (high - ys[0])
                if len(ys) > 1:
                    gap = max(q - p for p, q in itertools.pairwise(ys))
                    lengths["split"] = 2 * (whole - gap)
            for o, name in enumerate(VERTICAL):
                if name in lengths:
                    costs[a, b, o] = round(lengths[name] * UNIT)
    return _Floor(first, costs, required, picks)


@numba.njit(cache=True)
def _run(
    vertical: NDArray[np.int32],
    crossing: NDArray[np.int32],
    costs: NDArray[np.int64],
    pitch: int,
    required: NDArray[np.bool_],
    empty: int,
    closed: int,
) -> tuple[int, NDArray[np.int32]]:
    """Min-plus sweep; returns the closed tour's cost and back-pointers (state * 8 + move)."""
    aisles, blocks, options = costs.shape
    cross_aisles = blocks + 1
    n = vertical.shape[1]
    back = np.empty((aisles * (blocks + cross_aisles), n), dtype=np.int32)
    cost = np.full(n, _NO, dtype=np.int64)
    cost[empty] = 0
    step = 0
    for a in range(aisles):
        for b in range(blocks):
            new = np.full(n, _NO, dtype=np.int64)
            row = back[step]
            for s in range(n):
                c = cost[s]
                if c == _NO:
                    continue
                for o in range(options):
                    extra = costs[a, b, o]
                    t = vertical[b, s, o]
                    if extra == _NO or t < 0:
                        continue
                    if c + extra < new[t]:
                        new[t] = c + extra
                        row[t] = s * 8 + o
            cost = new
            step += 1
        moves = 1 if a == aisles - 1 else crossing.shape[3]
        for k in range(cross_aisles):
            r = 1 if required[a, k] else 0
            new = np.full(n, _NO, dtype=np.int64)
            row = back[step]
            for s in range(n):
                c = cost[s]
                if c == _NO:
                    continue
                for m in range(moves):
                    t = crossing[r, k, s, m]
                    if t < 0:
                        continue
                    if c + m * pitch < new[t]:
                        new[t] = c + m * pitch
                        row[t] = s * 8 + m
            cost = new
            step += 1
    return cost[closed], back


def _program(layout: Layout, points: Sequence[Point]) -> tuple[int, NDArray[np.int32], _Floor]:
    tables = sweep_tables(len(layout.cross_aisles))
    floor = _floor(layout, points)
    best, back = _run(
        tables.vertical,
        tables.crossing,
        floor.costs,
        round(layout.aisle_pitch_m * UNIT),
        floor.required,
        tables.empty,
        tables.closed,
    )
    if best >= _NO:
        raise AssertionError("the aisle sweep found no closed tour")
    return int(best), back, floor


def _trivial(layout: Layout, points: Sequence[Point]) -> bool:
    """Every stop at the depot: the tour is no walk at all."""
    return all(p == layout.depot for p in points)


def sweep_length(layout: Layout, points: Sequence[Point]) -> float:
    if _trivial(layout, points):
        return 0.0
    return _program(layout, points)[0] / UNIT


def sweep_optimum(layout: Layout, stops: Sequence[Stop]) -> tuple[list[Stop], float]:
    points = [s.point for s in stops]
    if _trivial(layout, points):
        return list(stops), 0.0
    best, back, floor = _program(layout, points)
    edges = _edges(layout, back, floor)
    cross = layout.cross_aisles
    by_vertex: dict[Vertex, list[Stop]] = {}
    for stop in stops:
        p = stop.point
        k = bisect_left(cross, p.y)
        key: Vertex = (
            ("v", p.aisle, k) if k < len(cross) and cross[k] == p.y else ("p", p.aisle, p.y)
        )
        by_vertex.setdefault(key, []).append(stop)
    start: Vertex = ("v", layout.depot.aisle, layout.depot_cross_aisle)
    return euler_order(edges, start, by_vertex), best / UNIT


def _edges(layout: Layout, back: NDArray[np.int32], floor: _Floor) -> list[tuple[Vertex, Vertex]]:
    """The edge copies of the tour, read back from the last step's closed state."""
    cross_aisles = len(layout.cross_aisles)
    blocks = cross_aisles - 1
    per_aisle = blocks + cross_aisles
    tables = sweep_tables(cross_aisles)
    edges: list[tuple[Vertex, Vertex]] = []
    state = tables.closed
    for step in range(len(back) - 1, -1, -1):
        entry = int(back[step, state])
        state, move = entry >> 3, entry & 7
        j = floor.first + step // per_aisle
        within = step % per_aisle
        if within < blocks:
            ys = floor.picks.get((j, within), [])
            edges += _sub_aisle(j, within, VERTICAL[move], ys)
        else:
            k = within - blocks
            edges += [(("v", j, k), ("v", j + 1, k))] * move
    if state != tables.empty:
        raise AssertionError("the aisle sweep's back-pointers do not lead to the empty start")
    return edges


def _sub_aisle(j: int, block: int, name: str, ys: list[float]) -> list[tuple[Vertex, Vertex]]:
    chain: list[Vertex] = [("v", j, block), *(("p", j, y) for y in ys), ("v", j, block + 1)]
    pairs = list(itertools.pairwise(chain))
    if name == "none":
        return []
    if name == "through":
        return pairs
    if name == "double":
        return pairs * 2
    if name == "front":
        return pairs[:-1] * 2
    if name == "back":
        return pairs[1:] * 2
    gaps = [q - p for p, q in itertools.pairwise(ys)]
    cut = gaps.index(max(gaps)) + 1  # pairs[cut] is the gap left unwalked
    return (pairs[:cut] + pairs[cut + 1 :]) * 2


def euler_order(
    edges: Sequence[tuple[Vertex, Vertex]], start: Vertex, by_vertex: dict[Vertex, list[Stop]]
) -> list[Stop]:
    """Walk the edges as an Euler circuit from ``start`` (Hierholzer) and list the stops of
    each vertex when it is first reached."""
    adjacency: dict[Vertex, list[int]] = {}
    for index, (u, v) in enumerate(edges):
        adjacency.setdefault(u, []).append(index)
        adjacency.setdefault(v, []).append(index)
    used = [False] * len(edges)
    path, order = [start], []
    while path:
        vertex = path[-1]
        pending = adjacency.get(vertex, [])
        while pending and used[pending[-1]]:
            pending.pop()
        if pending:
            index = pending.pop()
            used[index] = True
            u, v = edges[index]
            path.append(v if u == vertex else u)
            continue
        order.append(path.pop())  # vertices leave in reverse circuit order
    if not all(used):
        raise AssertionError("the aisle sweep's edges are not one connected tour")
    seen: set[Vertex] = set()
    result: list[Stop] = []
    for vertex in reversed(order):
        if vertex not in seen:
            seen.add(vertex)
            result.extend(by_vertex.get(vertex, []))
    return result
