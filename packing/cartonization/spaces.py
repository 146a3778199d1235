"""Maximal empty spaces of a box being filled, and the blocks of units that fit one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from packing.cartonization.items import Dims, ItemType

Space = tuple[int, int, int, int, int, int]
"""Low corner (x0, y0, z0) and high corner (x1, y1, z1), in mm."""
_FILL_ORDERS = ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0))


@dataclass(slots=True)
class Block:
    type_index: int
    orientation: str
    extent: Dims
    counts: tuple[int, int, int]
    volume: int
    fragile: bool


def corner(space: Space, box: Dims, floor_only: bool) -> tuple[tuple[int, ...], int, int, int]:
    """Distances from the space's best corner to the container's (smallest first), and that
    corner as (cx, cy, cz), each 0 for the low side and 1 for the high side."""
    x0, y0, z0, x1, y1, z1 = space
    best: tuple[tuple[int, ...], int, int, int] | None = None
    for cx in (0, 1):
        dx = x0 if cx == 0 else box[0] - x1
        for cy in (0, 1):
            dy = y0 if cy == 0 else box[1] - y1
            for cz in (0,) if floor_only else (0, 1):
                dz = z0 if cz == 0 else box[2] - z1
                key = (tuple(sorted((dx, dy, dz))), cx, cy, cz)
                if best is None or key < best:
                    best = key
    assert best is not None
    return best


def blocks_for(
    space: Space,
    types: Sequence[ItemType],
    ways: Sequence[tuple[tuple[str, Dims], ...]],
    left: list[int],
) -> list[Block]:
    size = (space[3] - space[0], space[4] - space[1], space[5] - space[2])
    found: dict[tuple[int, str, tuple[int, int, int]], Block] = {}
    for index, item in enumerate(types):
        remaining = left[index]
        if remaining <= 0:
            continue
        unit_volume = item.dims[0] * item.dims[1] * item.dims[2]
        for name, extent in ways[index]:
            fit = (size[0] // extent[0], size[1] // extent[1], size[2] // extent[2])
            if 0 in fit:
                continue
            if item.fragile:
                fit = (fit[0], fit[1], 1)  # never a fragile unit on a fragile unit
            if remaining == 1:
                key1 = (index, name, (1, 1, 1))
                found[key1] = Block(index, name, extent, (1, 1, 1), unit_volume, item.fragile)
                continue
            orders = _FILL_ORDERS if remaining < fit[0] * fit[1] * fit[2] else _FILL_ORDERS[:1]
            for first, second, third in orders:
                counts = [0, 0, 0]
                counts[first] = min(fit[first], remaining)
                counts[second] = min(fit[second], remaining // counts[first])
                counts[third] = min(fit[third], remaining // (counts[first] * counts[second]))
                key = (index, name, (counts[0], counts[1], counts[2]))
                if key not in found:
                    n = counts[0] * counts[1] * counts[2]
                    found[key] = Block(index, name, extent, key[2], n * unit_volume, item.fragile)
    return list(found.values())


def split(spaces: list[Space], cut: Space) -> tuple[list[Space], list[Space]]:
    bx0, by0, bz0, bx1, by1, bz1 = cut
    kept: list[Space] = []
    new: list[Space] = []
    for s in spaces:
        x0, y0, z0, x1, y1, z1 = s
        if bx0 >= x1 or bx1 <= x0 or by0 >= y1 or by1 <= y0 or bz0 >= z1 or bz1 <= z0:
            kept.append(s)
            continue
        if bx0 > x0:
            new.append((x0, y0, z0, bx0, y1, z1))
        if bx1 < x1:
            new.append((bx1, y0, z0, x1, y1, z1))
        if by0 > y0:
            new.append((x0, y0, z0, x1, by0, z1))
        if by1 < y1:
            new.append((x0, by1, z0, x1, y1, z1))
        if bz0 > z0:
            new.append((x0, y0, z0, x1, y1, bz0))
        if bz1 < z1:
            new.append((x0, y0, bz1, x1, y1, z1))
    return kept, new


def maximal(kept: list[Space], new: list[Space]) -> list[Space]:
    """The new spaces that lie inside no other space (of two equal ones, the first)."""
    result: list[Space] = []
    for n, space in enumerate(new):
        a0, a1, a2, a3, a4, a5 = space
        inside = False
        for m, o in enumerate(new):
            if (
                m != n
                and o[0] <= a0
                and o[1] <= a1
                and o[2] <= a2
                and o[3] >= a3
                and o[4] >= a4
                and o[5] >= a5
                and (o != space or m < n)
            ):
                inside = True
                break
        if not inside:
            for o in kept:
                if (
                    o[0] <= a0
                    and o[1] <= a1
                    and o[2] <= a2
                    and o[3] >= a3
                    and o[4] >= a4
                    and o[5] >= a5
                ):
                    inside = True
                    break
        if not inside:
            result.append(space)
    return result


def usable(space: Space, smallest: tuple[int, int]) -> bool:
    # A cheap filter: a space thinner than every remaining unit's smallest side is dead.
    return min(space[3] - space[0], space[4] - space[1], space[5] - space[2]) >= smallest[0] and (
        (space[3] - space[0]) * (space[4] - space[1]) * (space[5] - space[2]) >= smallest[1]
    )
