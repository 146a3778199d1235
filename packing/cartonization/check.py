"""Check a packing: inside the box, no overlaps, allowed orientations, weight, fragile load.

The box chooser checks its own plans with this before it returns them, and so do the tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from packing.cartonization.items import Dims, ItemType, Placement, oriented


def load_above(fragile: Placement, placements: Sequence[Placement]) -> float:
    """Weight of the units that stand above ``fragile`` within its footprint."""
    return sum(
        p.weight_kg
        for p in placements
        if p is not fragile and p.z >= fragile.top and p.footprint_overlaps(fragile)
    )


def fragile_ok(unit: Placement, placed: Sequence[Placement], limit: float) -> bool:
    """Whether ``unit`` can join ``placed`` without overloading a fragile unit, or itself."""
    for other in placed:
        if (
            other.fragile
            and unit.z >= other.top
            and unit.footprint_overlaps(other)
            and load_above(other, [*placed, unit]) > limit + 1e-9
        ):
            return False
    return not unit.fragile or load_above(unit, placed) <= limit + 1e-9


def problems(
    inner: Dims,
    placements: Sequence[Placement],
    items: Mapping[str, ItemType],
    *,
    max_weight_kg: float | None = None,
    fragile_max_load_kg: float | None = None,
) -> list[str]:
    """Everything wrong with the packing, one short line each (empty when it is sound)."""
    found: list[str] = []
    for n, p in enumerate(placements):
        item = items[p.sku]
        if p.x < 0 or p.y < 0 or p.z < 0:
            found.append(f"unit {n} ({p.sku}) starts outside the box")
        if p.x + p.dx > inner[0] or p.y + p.dy > inner[1] or p.z + p.dz > inner[2]:
            found.append(f"unit {n} ({p.sku}) sticks out of the box")
        if p.orientation not in item.orientations:
            found.append(f"unit {n} ({p.sku}) is turned {p.orientation}, which it may not be")
        elif oriented(item.dims, p.orientation) != (p.dx, p.dy, p.dz):
            found.append(f"unit {n} ({p.sku}) has extents that do not match its orientation")
        for m in range(n):
            if p.overlaps(placements[m]):
                found.append(f"units {m} and {n} overlap")
    weight = sum(p.weight_kg for p in placements)
    if max_weight_kg is not None and weight > max_weight_kg + 1e-9:
        found.append(f"content weighs {weight:.3f} kg, over the box's {max_weight_kg} kg")
    if fragile_max_load_kg is not None:
        for n, p in enumerate(placements):
            if p.fragile and load_above(p, placements) > fragile_max_load_kg + 1e-9:
                found.append(f"unit {n} ({p.sku}) is fragile and carries too much weight")
    return found
