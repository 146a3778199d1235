"""The classic routing heuristics, kept as baselines and for routes a picker can read.

Public API (each ``(layout, stops) -> list[Stop]``, registered in :mod:`picking.routing`):

``s_shape``
    Every aisle holding picks is walked end to end, alternately up and down (the last one,
    when their number is odd, is entered and left at the same end).
``largest_gap``
    The first and last aisle holding picks are walked end to end; in the aisles between, the
    picker walks in from the front up to the largest gap between picks and from the back down
    to it, so that the largest gap is never walked.
``combined``
    Roodbergen & de Koster's combination of the two: each aisle with picks is visited once,
    either walked end to end or entered and left at the same end; here the choice is made by a
    small dynamic program over the two ends (the picker must end at the front).

In one block, each heuristic sweeps the aisles from left to right or from right to left,
whichever is shorter. With several blocks each is applied block by block, nearest block to
the depot first, entering every block from the cross-aisle nearer to the depot; this simple
generalisation is weak on purpose-built multi-block layouts and is a baseline only.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from picking.layout import Layout
from picking.routing.stops import Stop

Visit = tuple[int, float]  # (aisle, position measured from the block's entry cross-aisle)
Columns = dict[int, list[float]]
FramePolicy = Callable[[Columns, list[int], float], list[Visit]]


def _s_shape(columns: Columns, aisles: list[int], length: float) -> list[Visit]:
    order: list[Visit] = []
    for index, aisle in enumerate(aisles):
        ys = columns[aisle] if index % 2 == 0 else columns[aisle][::-1]
        order += [(aisle, y) for y in ys]
    return order


def _largest_gap(columns: Columns, aisles: list[int], length: float) -> list[Visit]:
    if len(aisles) == 1:
        return [(aisles[0], y) for y in columns[aisles[0]]]
    fronts: list[list[Visit]] = []
    order: list[Visit] = [(aisles[0], y) for y in columns[aisles[0]]]
    for aisle in aisles[1:-1]:
        ys = columns[aisle]
        edges = [0.0, *ys, length]
        gaps = [b - a for a, b in itertools.pairwise(edges)]
        cut = gaps.index(max(gaps))  # picks before ``cut`` are served from the front
        order += [(aisle, y) for y in reversed(ys[cut:])]
        fronts.append([(aisle, y) for y in ys[:cut]])
    order += [(aisles[-1], y) for y in reversed(columns[aisles[-1]])]
    for part in reversed(fronts):
        order += part
    return order


def _combined(columns: Columns, aisles: list[int], length: float) -> list[Visit]:
    # best[side] = (cost, entry sides so far); side 0 front, 1 back.
    best: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
    for aisle in aisles:
        ys = columns[aisle]
        nxt: dict[int, tuple[float, list[int]]] = {}
        for side, (cost, sides) in best.items():
            depth = ys[-1] if side == 0 else length - ys[0]
            for end, extra in ((1 - side, length), (side, 2 * depth)):
                total = cost + extra
                if end not in nxt or total < nxt[end][0]:
                    nxt[end] = (total, [*sides, side])
        best = nxt
    entry_sides = best[0][1] if 0 in best else best[1][1]
    order: list[Visit] = []
    for aisle, side in zip(aisles, entry_sides, strict=True):
        ys = columns[aisle] if side == 0 else columns[aisle][::-1]
        order += [(aisle, y) for y in ys]
    return order


def _frame_length(layout: Layout, start: int, order: list[Visit], length: float) -> float:
    total, here = 0.0, (start, 0.0)
    for visit in [*order, (start, 0.0)]:
        if visit[0] == here[0]:
            total += abs(visit[1] - here[1])
        else:
            total += abs(visit[0] - here[0]) * layout.aisle_pitch_m + min(
                visit[1] + here[1], 2 * length - visit[1] - here[1]
            )
        here = visit
    return total


def _apply(policy: FramePolicy, layout: Layout, stops: Sequence[Stop]) -> list[Stop]:
    cross = layout.cross_aisles
    depot_y = layout.depot.y
    by_block: dict[int, list[Stop]] = {}
    for stop in stops:
        by_block.setdefault(layout.block_of(stop.point.y), []).append(stop)

    def nearness(block: int) -> float:
        return min(abs(cross[block] - depot_y), abs(cross[block + 1] - depot_y))

    here = layout.depot.aisle
    result: list[Stop] = []
    for block in sorted(by_block, key=nearness):
        front, back = cross[block], cross[block + 1]
        from_front = abs(front - depot_y) <= abs(back - depot_y)
        length = back - front
        columns: Columns = {}
        lookup: dict[Visit, Stop] = {}
        for stop in by_block[block]:
            y = stop.point.y - front if from_front else back - stop.point.y
            columns.setdefault(stop.point.aisle, []).append(y)
            lookup[(stop.point.aisle, y)] = stop
        for ys in columns.values():
            ys.sort()
        left_to_right = sorted(columns)
        candidates = [
            policy(columns, left_to_right, length),
            policy(columns, left_to_right[::-1], length),
        ]
        order = min(candidates, key=lambda o: _frame_length(layout, here, o, length))
        result += [lookup[visit] for visit in order]
        here = order[-1][0]
    return result


def s_shape(layout: Layout, stops: Sequence[Stop]) -> list[Stop]:
    return _apply(_s_shape, layout, stops)


def largest_gap(layout: Layout, stops: Sequence[Stop]) -> list[Stop]:
    return _apply(_largest_gap, layout, stops)


def combined(layout: Layout, stops: Sequence[Stop]) -> list[Stop]:
    return _apply(_combined, layout, stops)
