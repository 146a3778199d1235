"""Small parcels: place the units one by one in each distinct order, each where it sits
lowest and nearest a floor corner, turned to fit its space most tightly.

Block building decides by the biggest block, which can leave a few odd units without room in
a box that would hold them; for a handful of units trying their orders is cheap and finds
such packings. The orders are tried sturdy-and-big first, and at most ``budget`` of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from packing.cartonization.check import fragile_ok
from packing.cartonization.items import Dims, ItemType, Load, Placement
from packing.cartonization.spaces import Space, corner, maximal, split, usable

SEQUENCE_UNITS = 7
"""Parcels of at most this many units also try unit orders."""


def few_units(types: Sequence[ItemType]) -> bool:
    return sum(t.quantity for t in types) <= SEQUENCE_UNITS


def _next_order(keys: list[int]) -> bool:
    """Step ``keys`` to the next distinct order in lexicographic order (False after the last)."""
    i = len(keys) - 2
    while i >= 0 and keys[i] >= keys[i + 1]:
        i -= 1
    if i < 0:
        return False
    j = len(keys) - 1
    while keys[j] <= keys[i]:
        j -= 1
    keys[i], keys[j] = keys[j], keys[i]
    keys[i + 1 :] = reversed(keys[i + 1 :])
    return True


def orders(types: Sequence[ItemType]) -> Iterator[tuple[int, ...]]:
    """Distinct orders of the units (by type index), starting sturdy and big first; the last
    units change first."""
    ranked = sorted(range(len(types)), key=lambda i: (types[i].fragile, -types[i].volume))
    keys = sorted(rank for rank, i in enumerate(ranked) for _ in range(types[i].quantity))
    while True:
        yield tuple(ranked[k] for k in keys)
        if not _next_order(keys):
            return


def _place(
    box: Dims, types: Sequence[ItemType], order: tuple[int, ...], limit: float
) -> tuple[list[Placement], int]:
    spaces: list[Space] = [(0, 0, 0, box[0], box[1], box[2])]
    placed: list[Placement] = []
    for step, index in enumerate(order):
        item = types[index]
        best: tuple[tuple[object, ...], Placement] | None = None
        for space in spaces:
            size = (space[3] - space[0], space[4] - space[1], space[5] - space[2])
            distances, cx, cy, _ = corner(space, box, True)
            for name, (ex, ey, ez) in item.ways():
                if ex > size[0] or ey > size[1] or ez > size[2]:
                    continue
                x = space[0] if cx == 0 else space[3] - ex
                y = space[1] if cy == 0 else space[4] - ey
                unit = Placement(
                    item.sku, x, y, space[2], ex, ey, ez, name, item.weight_kg, item.fragile
                )
                key = (space[2], distances, sorted((size[0] - ex, size[1] - ey, size[2] - ez)))
                if (best is None or key < best[0]) and fragile_ok(unit, placed, limit):
                    best = (key, unit)
        if best is None:
            return placed, step
        unit = best[1]
        placed.append(unit)
        rest = [types[i] for i in order[step + 1 :]]
        kept, new = split(
            spaces, (unit.x, unit.y, unit.z, unit.x + unit.dx, unit.y + unit.dy, unit.top)
        )
        if rest:
            smallest = (min(min(t.dims) for t in rest), min(t.volume for t in rest))
            new = [s for s in new if usable(s, smallest)]
        spaces = kept + maximal(kept, new)
    return placed, len(order)


def by_sequences(box: Dims, types: Sequence[ItemType], limit: float, budget: int) -> Load:
    """The first complete packing among at most ``budget`` unit orders, else the fullest."""
    best: list[Placement] = []
    total = sum(t.quantity for t in types)
    for tried, order in enumerate(orders(types)):
        if tried >= budget:
            break
        placed, count = _place(box, types, order, limit)
        if count == total:
            return Load(tuple(placed), sum(p.volume for p in placed), True)
        if sum(p.volume for p in placed) > sum(p.volume for p in best):
            best = placed
    return Load(tuple(best), sum(p.volume for p in best), False)
