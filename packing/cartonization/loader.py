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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from packing.cartonization.check import fragile_ok
from packing.cartonization.items import Dims, ItemType, Load, Placement
from packing.cartonization.sequence import by_sequences, few_units
from packing.cartonization.spaces import Block, Space, blocks_for, corner, maximal, split, usable


@dataclass(frozen=True)
class LoadRules:
    attempts: int = 6
    """Constructions tried; the best is kept (the first one is the plain greedy one)."""
    floor_only: bool = True
    """Anchor blocks at the four floor corners (True for parcels, False for containers)."""
    fragile_max_load_kg: float = 0.5
    seed: int = 12


def _units(block: Block, types: Sequence[ItemType], at: Dims) -> list[Placement]:
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


STRATEGIES: tuple[tuple[str, str], ...] = (
    ("corner", "volume"),
    ("corner", "fit"),
    ("bottom", "volume"),
    ("bottom", "fit"),
    ("corner", "long"),
    ("bottom", "long"),
    ("back", "area"),
    ("bottom", "area"),
    ("back", "fit"),
    ("back", "long"),
)
"""(space rule, block rule) of the first constructions; later ones repeat them at random.

Space rules: nearest a container corner first, or lowest first. Block rules: greatest volume,
tightest fit in the space, or longest unit first."""


def _ranking(
    rule: str, space: Space, types: Sequence[ItemType]
) -> Callable[[Block], tuple[object, ...]]:
    size = (space[3] - space[0], space[4] - space[1], space[5] - space[2])
    if rule == "fit":
        return lambda b: (
            b.fragile,
            sorted(
                (
                    size[0] - b.extent[0] * b.counts[0],
                    size[1] - b.extent[1] * b.counts[1],
                    size[2] - b.extent[2] * b.counts[2],
                )
            ),
            -b.volume,
        )
    if rule == "area":
        return lambda b: (b.fragile, -b.extent[0] * b.extent[1], -b.volume)
    if rule == "long":
        return lambda b: (b.fragile, -max(types[b.type_index].dims), -b.volume)
    return lambda b: (b.fragile, -b.volume)


def _construct(
    box: Dims,
    types: Sequence[ItemType],
    rules: LoadRules,
    strategy: tuple[str, str],
    rng: random.Random | None,
    first: int = 0,
) -> Load:
    left = [t.quantity for t in types]
    checks_fragile = rules.floor_only and any(t.fragile for t in types)
    spaces: list[Space] = [(0, 0, 0, box[0], box[1], box[2])]
    placed: list[Placement] = []
    delta = rng.uniform(0.05, 0.5) if rng is not None else 0.0
    space_rule, block_rule = strategy
    ways = [t.ways() for t in types]
    corners: dict[Space, tuple[tuple[int, ...], int, int, int]] = {}
    while spaces and any(left):
        remaining = [t for t, n in zip(types, left, strict=True) if n > 0]
        smallest = (min(min(t.dims) for t in remaining), min(t.volume for t in remaining))
        spaces = [s for s in spaces if usable(s, smallest)]
        if not spaces:
            break
        for s in spaces:
            if s not in corners:
                corners[s] = corner(s, box, rules.floor_only)
        if space_rule == "bottom":
            space = min(spaces, key=lambda s: (s[2], corners[s][0]))
        elif space_rule == "back":
            space = min(spaces, key=lambda s: (s[0], s[2], s[1]))
        else:
            space = min(spaces, key=lambda s: (corners[s][0], s[2]))
        _, cx, cy, cz = corners[space]
        blocks = blocks_for(space, types, ways, left)
        # Sturdy units first (fragile ones go on top), then by the strategy's block rule.
        blocks.sort(key=_ranking(block_rule, space, types))
        if first and not placed and len(blocks) > 1:
            blocks.insert(0, blocks.pop(first % len(blocks)))
        elif rng is not None and len(blocks) > 1:
            group = [b for b in blocks if b.fragile == blocks[0].fragile]
            if block_rule == "volume":
                floor = blocks[0].volume - delta * (blocks[0].volume - group[-1].volume)
                shortlist = [b for b in group if b.volume >= floor]
            else:
                shortlist = group[: max(1, round(delta * len(group) / 2))]
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
                fragile_ok(u, [*placed, *units[:n]], rules.fragile_max_load_kg)
                for n, u in enumerate(units)
            ):
                continue
            placed.extend(units)
            left[block.type_index] -= len(units)
            kept, new = split(spaces, (at[0], at[1], at[2], at[0] + bx, at[1] + by, at[2] + bz))
            spaces = kept + maximal(kept, [s for s in new if usable(s, smallest)])
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
    rng = random.Random(rules.seed)
    best: Load | None = None
    for attempt in range(rules.attempts):
        strategy = STRATEGIES[attempt % len(STRATEGIES)]
        round_ = attempt // len(STRATEGIES)
        if round_ == 0:
            trial = _construct(box, types, rules, strategy, None)
        elif attempt == len(STRATEGIES) and rules.floor_only and few_units(types):
            trial = by_sequences(box, types, rules.fragile_max_load_kg, rules.attempts * 4)
        elif rules.floor_only:
            # Parcels: start each strategy from its next-best first block (tight fits need it).
            trial = _construct(box, types, rules, strategy, None, first=round_)
        else:
            trial = _construct(box, types, rules, strategy, rng)
        if best is None or trial.volume > best.volume:
            best = trial
        if best.complete:
            break
    assert best is not None
    return best
