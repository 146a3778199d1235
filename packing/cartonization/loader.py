"""Fill one box or container: block building on maximal empty spaces, repeated with a
randomised choice for a budget of attempts (work, not wall-clock, so results repeat).

Each step takes the empty space nearest a corner of the container, fills it with the block
(units of one type in one orientation, nx × ny × nz) of greatest volume, and splits the
spaces the block cuts into their maximal empty remainders. Later attempts pick at random among
the blocks close to the best. With ``floor_only`` the blocks are anchored at the floor corners
(parcels are packed bottom up), and fragile units are placed last and carry at most
``fragile_max_load_kg`` above them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from packing.cartonization.check import load_above
from packing.cartonization.items import Dims, ItemType, Placement

Space = tuple[int, int, int, int, int, int]
_FILL_ORDERS = ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0))


@dataclass(frozen=True)
class LoadRules:
    attempts: int = 6
    """Constructions tried; the best is kept (the first one is the plain greedy one)."""
    floor_only: bool = True
    """Anchor blocks at the four floor corners (True for parcels, False for containers)."""
    fragile_max_load_kg: float = 0.5
    seed: int = 12


@dataclass(frozen=True)
class Load:
    placements: tuple[Placement, ...]
    volume: int
    complete: bool
    """Every unit was placed."""


@dataclass
class _Block:
    type_index: int
    orientation: str
    extent: Dims
    counts: tuple[int, int, int]
    volume: int
    fragile: bool


def _corner(space: Space, box: Dims, floor_only: bool) -> tuple[tuple[int, ...], int, int, int]:
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


def _blocks(
    space: Space,
    types: Sequence[ItemType],
    ways: Sequence[list[tuple[str, Dims]]],
    left: list[int],
) -> list[_Block]:
    size = (space[3] - space[0], space[4] - space[1], space[5] - space[2])
    found: dict[tuple[int, str, tuple[int, int, int]], _Block] = {}
    for index, item in enumerate(types):
        remaining = left[index]
        if remaining <= 0:
            continue
        for name, extent in ways[index]:
            fit = (size[0] // extent[0], size[1] // extent[1], size[2] // extent[2])
            if 0 in fit:
                continue
            if item.fragile:
                fit = (fit[0], fit[1], 1)  # never a fragile unit on a fragile unit
            orders = _FILL_ORDERS if remaining < fit[0] * fit[1] * fit[2] else _FILL_ORDERS[:1]
            for first, second, third in orders:
                counts = [0, 0, 0]
                counts[first] = min(fit[first], remaining)
                counts[second] = min(fit[second], remaining // counts[first])
                counts[third] = min(fit[third], remaining // (counts[first] * counts[second]))
                key = (index, name, (counts[0], counts[1], counts[2]))
                if key not in found:
                    n = counts[0] * counts[1] * counts[2]
                    found[key] = _Block(index, name, extent, key[2], n * item.volume, item.fragile)
    return list(found.values())


def _split(spaces: list[Space], cut: Space) -> tuple[list[Space], list[Space]]:
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


def _maximal(kept: list[Space], new: list[Space]) -> list[Space]:
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


def _usable(space: Space, smallest: tuple[int, int]) -> bool:
    # A cheap filter: a space thinner than every remaining unit's smallest side is dead.
    return min(space[3] - space[0], space[4] - space[1], space[5] - space[2]) >= smallest[0] and (
        (space[3] - space[0]) * (space[4] - space[1]) * (space[5] - space[2]) >= smallest[1]
    )


def _fragile_ok(unit: Placement, placed: Sequence[Placement], limit: float) -> bool:
    for other in placed:
        if (
            other.fragile
            and unit.z >= other.top
            and unit.footprint_overlaps(other)
            and load_above(other, [*placed, unit]) > limit + 1e-9
        ):
            return False
    return not unit.fragile or load_above(unit, placed) <= limit + 1e-9


def _units(block: _Block, types: Sequence[ItemType], at: Dims) -> list[Placement]:
    item = types[block.type_index]
    ex, ey, ez = block.extent
    return [
        Placement(
            item.sku,
            at[0] + i * ex,
            at[1] + j * ey,
            at[2] + k * ez,
            ex,
            ey,
            ez,
            block.orientation,
            item.weight_kg,
            item.fragile,
        )
        for i in range(block.counts[0])
        for j in range(block.counts[1])
        for k in range(block.counts[2])
    ]


def _construct(
    box: Dims, types: Sequence[ItemType], rules: LoadRules, rng: random.Random | None
) -> Load:
    left = [t.quantity for t in types]
    checks_fragile = rules.floor_only and any(t.fragile for t in types)
    spaces: list[Space] = [(0, 0, 0, box[0], box[1], box[2])]
    placed: list[Placement] = []
    delta = rng.uniform(0.05, 0.5) if rng is not None else 0.0
    ways = [t.ways() for t in types]
    corners: dict[Space, tuple[tuple[int, ...], int, int, int]] = {}
    while spaces and any(left):
        remaining = [t for t, n in zip(types, left, strict=True) if n > 0]
        smallest = (min(min(t.dims) for t in remaining), min(t.volume for t in remaining))
        spaces = [s for s in spaces if _usable(s, smallest)]
        if not spaces:
            break
        for s in spaces:
            if s not in corners:
                corners[s] = _corner(s, box, rules.floor_only)
        space = min(spaces, key=lambda s: (corners[s][0], s[2]))
        _, cx, cy, cz = corners[space]
        blocks = _blocks(space, types, ways, left)
        # Sturdy units first (fragile ones go on top), then the block of greatest volume.
        blocks.sort(key=lambda b: (b.fragile, -b.volume))
        if rng is not None and len(blocks) > 1:
            group = [b for b in blocks if b.fragile == blocks[0].fragile]
            floor = blocks[0].volume - delta * (blocks[0].volume - group[-1].volume)
            shortlist = [b for b in group if b.volume >= floor]
            chosen = rng.choice(shortlist)
            blocks.remove(chosen)
            blocks.insert(0, chosen)
        done = False
        for block in blocks:
            bx = block.extent[0] * block.counts[0]
            by = block.extent[1] * block.counts[1]
            bz = block.extent[2] * block.counts[2]
            at = (
                space[0] if cx == 0 else space[3] - bx,
                space[1] if cy == 0 else space[4] - by,
                space[2] if cz == 0 else space[5] - bz,
            )
            units = _units(block, types, at)
            if checks_fragile and not all(
                _fragile_ok(u, [*placed, *units[:n]], rules.fragile_max_load_kg)
                for n, u in enumerate(units)
            ):
                continue
            placed.extend(units)
            left[block.type_index] -= len(units)
            kept, new = _split(spaces, (at[0], at[1], at[2], at[0] + bx, at[1] + by, at[2] + bz))
            spaces = kept + _maximal(kept, [s for s in new if _usable(s, smallest)])
            done = True
            break
        if not done:
            spaces.remove(space)
    volume = sum(p.volume for p in placed)
    return Load(tuple(placed), volume, not any(left))


def load(box: Dims, types: Sequence[ItemType], rules: LoadRules | None = None) -> Load:
    """The fullest packing of ``types`` into ``box`` found in ``rules.attempts`` constructions;
    it stops early once every unit is placed."""
    rules = rules or LoadRules()
    best = _construct(box, types, rules, None)
    rng = random.Random(rules.seed)
    for _ in range(rules.attempts - 1):
        if best.complete:
            break
        trial = _construct(box, types, rules, rng)
        if trial.volume > best.volume:
            best = trial
    return best
