"""The one-block program that ``picking.routing.exact`` used before the aisle sweep, kept as an
independent reference for the tests (the sweep must give the same lengths).

``single_block_length(layout, points)`` and ``single_block_optimum(layout, stops)``: Ratliff
and Rosenthal (1983) for one block, written with its own seven states and rules (absent, odd
or even at each aisle end, whether the two ends are joined, and a closed flag), not with the
sweep's generated tables.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from picking.layout import Layout, Point
from picking.routing.stops import Stop

# A state is (front degree, back degree, joined); degrees are 0 absent, 1 odd, 2 even.
State = tuple[int, int, int]
EMPTY: State = (0, 0, 0)
CLOSED: State = (0, 0, 1)
_ADD = ((0, 1, 2), (1, 2, 1), (2, 1, 2))  # _ADD[edges][degree]: parity after adding edges


def _vertical_options(ys: list[float], length: float) -> list[tuple[str, float, int, int]]:
    """(name, cost, edges added at the front end, at the back end) for one aisle's picks."""
    options = [("through", length, 1, 1), ("double", 2 * length, 2, 2)]
    if not ys:
        return [("none", 0.0, 0, 0), *options]
    options.append(("front", 2 * ys[-1], 2, 0))
    options.append(("back", 2 * (length - ys[0]), 0, 2))
    if len(ys) > 1:
        gap = max(b - a for a, b in itertools.pairwise(ys))
        options.append(("split", 2 * (length - gap), 2, 2))
    return options


def _after_vertical(state: State, front: int, back: int, joins: bool) -> State:
    da, db, same = state
    if joins:
        return (_ADD[front][da], _ADD[back][db], 1)
    keep = 1 if (same and da and db) else 0
    return (_ADD[front][da], _ADD[back][db], keep)


def _cross(state: State, f: int, k: int, need_a: bool, need_b: bool) -> State | None:
    """Leave an aisle with ``f`` front and ``k`` back cross-aisle edges; None if infeasible."""
    if state == CLOSED:
        return CLOSED if f == k == 0 and not (need_a or need_b) else None
    da, db, same = state
    fa, fb = _ADD[f][da], _ADD[k][db]
    if fa == 1 or fb == 1 or (need_a and not fa) or (need_b and not fb):
        return None
    joined = bool(same and da and db)
    a_dies = da and not f and not (joined and k)
    b_dies = db and not k and not (joined and f)
    if (a_dies and db and not joined) or (b_dies and da and not joined):
        return None  # one piece would be cut off while another goes on
    if f == 0 and k == 0:
        return CLOSED if (da or db) else EMPTY
    if a_dies or b_dies:
        return None
    # A piece started on this aisle's cross edge alone is not joined to the other side.
    return (f, k, 1 if (joined and f and k) else 0)


def _frame(layout: Layout, points: Sequence[Point]) -> tuple[dict[int, list[float]], bool]:
    """Pick positions per aisle measured from the depot's cross-aisle (mirrored if at back)."""
    length = layout.length_m
    mirror = layout.depot.y > 0
    columns: dict[int, list[float]] = {}
    for point in set(points):
        y = length - point.y if mirror else point.y
        columns.setdefault(point.aisle, []).append(y)
    for ys in columns.values():
        ys.sort()
    return columns, mirror


_CROSSINGS: dict[tuple[State, bool, bool, bool], list[tuple[int, int, State]]] = {}


def _crossings(
    state: State, need_a: bool, need_b: bool, last: bool
) -> list[tuple[int, int, State]]:
    """The feasible ways to leave an aisle in ``state`` (memoised: there are few states)."""
    key = (state, need_a, need_b, last)
    if key not in _CROSSINGS:
        pairs = [(0, 0)] if last else [(f, k) for f in range(3) for k in range(3)]
        found = [(f, k, _cross(state, f, k, need_a, need_b)) for f, k in pairs]
        _CROSSINGS[key] = [(f, k, new) for f, k, new in found if new not in (None, EMPTY)]
    return _CROSSINGS[key]


Trail = list[dict[State, tuple[State, str, int, int]]]


def _program(
    layout: Layout, points: Sequence[Point]
) -> tuple[float, Trail, int, dict[int, list[float]], bool]:
    """Run the dynamic program: (length, back-pointers, first aisle, picks per aisle, mirror)."""
    length, pitch = layout.length_m, layout.aisle_pitch_m
    columns, mirror = _frame(layout, points)
    depot = layout.depot.aisle
    first, last = min(*columns, depot), max(*columns, depot)
    # Picks on a cross-aisle are junction vertices: they make that end of the aisle required.
    interior: dict[int, list[float]] = {}
    trail: Trail = []
    costs: dict[State, float] = {EMPTY: 0.0}
    for j in range(first, last + 1):
        ys = columns.get(j, [])
        interior[j] = [y for y in ys if 0 < y < length]
        need_a = j == depot or any(y <= 0 for y in ys)
        need_b = any(y >= length for y in ys)
        moves: dict[State, tuple[State, str, int, int]] = {}
        after: dict[State, float] = {}
        options = _vertical_options(interior[j], length)
        for state, cost in costs.items():
            for name, extra, front, back in options:
                if state == CLOSED:
                    if name != "none":
                        continue
                    new = CLOSED
                else:
                    new = _after_vertical(state, front, back, name in ("through", "double"))
                total = cost + extra
                if total < after.get(new, float("inf")):
                    after[new], moves[new] = total, (state, name, 0, 0)
        trail.append(moves)
        costs, links = {}, {}
        for state, cost in after.items():
            for f, k, new_state in _crossings(state, need_a, need_b, j == last):
                total = cost + (f + k) * pitch
                if total < costs.get(new_state, float("inf")):
                    costs[new_state], links[new_state] = total, (state, "cross", f, k)
        trail.append(links)
    if CLOSED not in costs:
        raise AssertionError("no closed tour found by the single-block program")
    return costs[CLOSED], trail, first, interior, mirror


def single_block_length(layout: Layout, points: Sequence[Point]) -> float:
    """The length of the shortest tour through ``points`` in a one-block layout."""
    return _program(layout, points)[0] if points else 0.0


def single_block_optimum(layout: Layout, stops: Sequence[Stop]) -> tuple[list[Stop], float]:
    """The shortest tour through ``stops`` in a one-block layout and its length in metres."""
    if not stops:
        return [], 0.0
    best, trail, first, interior, mirror = _program(layout, [s.point for s in stops])
    return _euler_order(layout, stops, trail, first, interior, mirror), best


def _euler_order(
    layout: Layout,
    stops: Sequence[Stop],
    trail: Trail,
    first: int,
    interior: dict[int, list[float]],
    mirror: bool,
) -> list[Stop]:
    length = layout.length_m
    edges: list[tuple[object, object]] = []
    state = CLOSED
    for step in range(len(trail) - 1, -1, -1):
        prev, name, f, k = trail[step][state]
        j = first + step // 2
        if name == "cross":
            edges += [(("a", j), ("a", j + 1))] * f + [(("b", j), ("b", j + 1))] * k
        else:
            edges += _aisle_edges(j, name, interior[j], length)
        state = prev
    adjacency: dict[object, list[int]] = {}
    for index, (u, v) in enumerate(edges):
        adjacency.setdefault(u, []).append(index)
        adjacency.setdefault(v, []).append(index)
    by_vertex: dict[object, list[Stop]] = {}
    for stop in stops:
        y = length - stop.point.y if mirror else stop.point.y
        j = stop.point.aisle
        key: object = ("a", j) if y <= 0 else ("b", j) if y >= length else ("p", j, y)
        by_vertex.setdefault(key, []).append(stop)
    # Hierholzer's walk; a stop is listed when its vertex is first reached.
    used = [False] * len(edges)
    start: object = ("a", layout.depot.aisle)
    path, seen, order = [start], set(), []
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
        path.pop()
        # Vertices pop in reverse circuit order; record in forward order afterwards.
        order.append(vertex)
    result: list[Stop] = []
    for vertex in reversed(order):
        if vertex not in seen:
            seen.add(vertex)
            result.extend(by_vertex.get(vertex, []))
    return result


def _aisle_edges(j: int, name: str, ys: list[float], length: float) -> list[tuple[object, object]]:
    chain: list[object] = [("a", j), *(("p", j, y) for y in ys), ("b", j)]
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
    gaps = [b - a for a, b in itertools.pairwise(ys)]
    cut = gaps.index(max(gaps)) + 1  # pairs[cut] is the gap left unwalked
    return (pairs[:cut] + pairs[cut + 1 :]) * 2
