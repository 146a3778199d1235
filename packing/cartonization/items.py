"""What the packer moves: item types with orientation limits, and where each unit went."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

Dims = tuple[int, int, int]
ORIENTATIONS: tuple[str, ...] = ("XYZ", "YXZ", "ZYX", "YZX", "XZY", "ZXY")
"""Which item axis lies along the box's length, width and height: ``ZYX`` puts the item's
height along the box's length. The names are those of the Bischoff & Ratcliff data."""
ANY_WAY = frozenset(ORIENTATIONS)
THIS_SIDE_UP = frozenset({"XYZ", "YXZ"})
"""The item's height stays vertical: it may only turn about the vertical axis."""
_AXIS = {"X": 0, "Y": 1, "Z": 2}


def oriented(dims: Dims, orientation: str) -> Dims:
    """The item's extent along the box's length, width and height when turned this way."""
    return (
        dims[_AXIS[orientation[0]]],
        dims[_AXIS[orientation[1]]],
        dims[_AXIS[orientation[2]]],
    )


@dataclass(frozen=True)
class ItemType:
    """Units of one SKU: length, width, height (mm; height is "up"), weight, limits."""

    sku: str
    dims: Dims
    weight_kg: float
    quantity: int = 1
    orientations: frozenset[str] = ANY_WAY
    fragile: bool = False

    def __post_init__(self) -> None:
        if min(self.dims) <= 0 or self.quantity < 1 or self.weight_kg < 0:
            raise ValueError(f"item {self.sku} needs positive dimensions and quantity")
        if not self.orientations or not self.orientations <= ANY_WAY:
            raise ValueError(f"item {self.sku} has unknown orientations")

    @property
    def volume(self) -> int:
        return self.dims[0] * self.dims[1] * self.dims[2]

    @cached_property
    def _ways(self) -> tuple[tuple[str, Dims], ...]:
        seen: dict[Dims, str] = {}
        for name in ORIENTATIONS:
            if name in self.orientations:
                seen.setdefault(oriented(self.dims, name), name)
        return tuple((name, extent) for extent, name in seen.items())

    def ways(self) -> tuple[tuple[str, Dims], ...]:
        """Each allowed orientation with its extents, without repeats for equal sides."""
        return self._ways

    def fits_in(self, space: Dims) -> bool:
        return any(
            e[0] <= space[0] and e[1] <= space[1] and e[2] <= space[2] for _, e in self.ways()
        )


@dataclass(frozen=True)
class Placement:
    """One unit in a box: its corner nearest the origin and its extents, both in mm."""

    sku: str
    x: int
    y: int
    z: int
    dx: int
    dy: int
    dz: int
    orientation: str
    weight_kg: float
    fragile: bool = False

    @property
    def top(self) -> int:
        return self.z + self.dz

    @property
    def volume(self) -> int:
        return self.dx * self.dy * self.dz

    def footprint_overlaps(self, other: Placement) -> bool:
        return (
            self.x < other.x + other.dx
            and other.x < self.x + self.dx
            and self.y < other.y + other.dy
            and other.y < self.y + self.dy
        )

    def overlaps(self, other: Placement) -> bool:
        return self.footprint_overlaps(other) and self.z < other.z + other.dz and other.z < self.top


@dataclass(frozen=True)
class Load:
    placements: tuple[Placement, ...]
    volume: int
    complete: bool
    """Every unit was placed."""
