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
whichever is shorter. With several blocks each follows its published multi-block form
(Roodbergen & de Koster 2001, "Routing methods for warehouses with multiple cross aisles",
IJPR 39(9)): the picker walks up the left-most aisle holding picks to the block farthest
from the depot, picking on the way, and then works the blocks back towards the depot one by
one, entering each from its far cross-aisle and leaving it by its near one:

* S-shape: in the farthest block the left-most subaisle with picks is walked through (or
  entered and left, if it is the only one); in every block the picker then goes to the
  nearer of the left-most and right-most remaining subaisles with picks and walks through
  each in turn towards the other side; the last one is walked through if the picker is at
  the far end, else entered and left from the near end.
* largest gap: the farthest block starts as in S-shape; in each block the picker goes along
  the far cross-aisle towards the remaining subaisle farthest from him, entering each
  subaisle passed up to its largest gap, walks the farthest one through, and comes back
  along the near cross-aisle entering each up to the largest gap from that side.
* combined: in each block the picker goes to the nearer end subaisle with picks and visits
  the subaisles in order; for each, a small dynamic program chooses between walking it
  through and entering and leaving it, ending at the near cross-aisle.

"Far" and "near" are towards and away from the depot, so a depot on the back cross-aisle
mirrors the floor. Ties (two subaisles equally near) go to the right-most, as in their
description. Only the visiting order is theirs: the route's length is still walked by the
shortest path between consecutive stops.
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


class _Floor:
    """The picks seen from the depot: block rank 0 is the nearest, height grows away from it."""

    def __init__(self, layout: Layout, stops: Sequence[Stop]) -> None:
        cross = layout.cross_aisles
        self.at_back = layout.depot.y > 0
        count = len(layout.blocks)
        total = layout.length_m
        self.near_edge: list[float] = []  # height of each block's near cross-aisle
        self.far_edge: list[float] = []
        for rank in range(count):
            block = count - 1 - rank if self.at_back else rank
            low, high = cross[block], cross[block + 1]
            if self.at_back:
                low, high = total - high, total - low
            self.near_edge.append(low)
            self.far_edge.append(high)
        self.sub: dict[tuple[int, int], list[tuple[float, Stop]]] = {}
        for stop in stops:
            block = layout.block_of(stop.point.y)
            rank = count - 1 - block if self.at_back else block
            height = total - stop.point.y if self.at_back else stop.point.y
            self.sub.setdefault((rank, stop.point.aisle), []).append((height, stop))
        for picks in self.sub.values():
            picks.sort(key=lambda hs: (hs[0], hs[1].point))

    def aisles(self, rank: int) -> list[int]:
        return sorted(a for r, a in self.sub if r == rank)

    def take(self, rank: int, aisle: int, upward: bool) -> list[Stop]:
        picks = self.sub.pop((rank, aisle))
        ordered = [s for _, s in picks]
        return ordered if upward else ordered[::-1]


def _nearer_end(aisles: list[int], here: int) -> int:
    left, right = aisles[0], aisles[-1]
    return left if abs(right - here) > abs(left - here) else right


def _up_the_left_aisle(floor: _Floor) -> tuple[list[Stop], int, int]:
    """Steps 1–3: up the left-most pick aisle to the farthest block, picking on the way."""
    far = max(r for r, _ in floor.sub)
    left = min(a for _, a in floor.sub)
    order: list[Stop] = []
    for rank in range(far):
        if (rank, left) in floor.sub:
            order += floor.take(rank, left, upward=True)
    return order, far, left


def _first_far_subaisle(floor: _Floor, far: int) -> tuple[list[Stop], int, int]:
    """Step 4 of S-shape and largest gap; returns the stops, the aisle and the next block."""
    aisles = floor.aisles(far)
    first = aisles[0]
    # Only subaisle with picks: in and back out; else through to the far cross-aisle.
    return floor.take(far, first, upward=True), first, far - 1 if len(aisles) == 1 else far


def _s_shape_blocks(floor: _Floor) -> list[Stop]:
    order, far, _ = _up_the_left_aisle(floor)
    more, here, rank = _first_far_subaisle(floor, far)
    order += more
    for block in range(rank, -1, -1):  # the picker is at this block's far cross-aisle
        aisles = floor.aisles(block)
        if not aisles:
            continue
        here = _nearer_end(aisles, here)
        sweep = aisles if here == aisles[0] else aisles[::-1]
        at_far = True
        for index, aisle in enumerate(sweep):
            if index == len(sweep) - 1 and not at_far:
                order += floor.take(block, aisle, upward=True)  # in and out from the near end
            else:
                order += floor.take(block, aisle, upward=not at_far)
                at_far = not at_far
        here = sweep[-1]
    return order


def _split(picks: list[tuple[float, Stop]], low: float, high: float) -> int:
    """Index of the first pick above the largest gap (between ends and picks)."""
    heights = [low, *(h for h, _ in picks), high]
    gaps = [b - a for a, b in itertools.pairwise(heights)]
    # Scanned from the far end as they describe: the farthest of equal gaps wins.
    cut = max(range(len(gaps)), key=lambda i: (gaps[i], i))
    return cut


def _largest_gap_blocks(floor: _Floor) -> list[Stop]:
    order, far, _ = _up_the_left_aisle(floor)
    more, here, rank = _first_far_subaisle(floor, far)
    order += more
    for block in range(rank, -1, -1):  # the picker is at this block's far cross-aisle
        aisles = floor.aisles(block)
        if not aisles:
            continue
        left, right = aisles[0], aisles[-1]
        last = left if abs(left - here) > abs(right - here) else right
        others = [a for a in aisles if a != last]
        if others and others[0] > last:
            others.reverse()
        low, high = floor.near_edge[block], floor.far_edge[block]
        for aisle in others:  # along the far cross-aisle, in to the largest gap and back
            picks = floor.sub[(block, aisle)]
            cut = _split(picks, low, high)
            order += [s for _, s in reversed(picks[cut:])]
            del picks[cut:]
            if not picks:
                del floor.sub[(block, aisle)]
        order += floor.take(block, last, upward=False)
        rest = floor.aisles(block)
        if rest and rest[0] < last:
            rest.reverse()
        for aisle in rest:  # back along the near cross-aisle
            order += floor.take(block, aisle, upward=True)
        here = last
    return order


def _combined_blocks(floor: _Floor) -> list[Stop]:
    order, far, here = _up_the_left_aisle(floor)
    for block in range(far, -1, -1):
        aisles = floor.aisles(block)
        if not aisles:
            continue
        here = _nearer_end(aisles, here)
        sweep = aisles if here == aisles[0] else aisles[::-1]
        low, high = floor.near_edge[block], floor.far_edge[block]
        length = high - low
        start = 0 if block == far else 1  # 0: at the near cross-aisle, 1: at the far one
        # best[side] = (walk inside the subaisles so far, entry sides), side where he stands.
        best: dict[int, tuple[float, list[int]]] = {start: (0.0, [])}
        for index, aisle in enumerate(sweep):
            heights = [h for h, _ in floor.sub[(block, aisle)]]
            nxt: dict[int, tuple[float, list[int]]] = {}
            for side, (cost, sides) in best.items():
                depth = heights[-1] - low if side == 0 else high - heights[0]
                for end, extra in ((1 - side, length), (side, 2 * depth)):
                    if index == len(sweep) - 1 and end != 0:
                        continue  # the block is left by its near cross-aisle
                    total = cost + extra
                    if end not in nxt or total < nxt[end][0]:
                        nxt[end] = (total, [*sides, side])
            best = nxt
        for aisle, side in zip(sweep, best[0][1], strict=True):
            order += floor.take(block, aisle, upward=side == 0)
        here = sweep[-1]
    return order


def _published(
    blocks: Callable[[_Floor], list[Stop]],
    policy: FramePolicy,
    layout: Layout,
    stops: Sequence[Stop],
) -> list[Stop]:
    if not stops:
        return []
    if len(layout.blocks) == 1:
        return _apply(policy, layout, stops)
    return blocks(_Floor(layout, stops))


def s_shape(layout: Layout, stops: Sequence[Stop]) -> list[Stop]:
    return _published(_s_shape_blocks, _s_shape, layout, stops)


def largest_gap(layout: Layout, stops: Sequence[Stop]) -> list[Stop]:
    return _published(_largest_gap_blocks, _largest_gap, layout, stops)


def combined(layout: Layout, stops: Sequence[Stop]) -> list[Stop]:
    return _published(_combined_blocks, _combined, layout, stops)
