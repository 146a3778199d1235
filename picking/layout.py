"""The floor as a walking graph: aisles, blocks, cross-aisles, bays and the depot.

Public API
----------
``Layout.from_settings(settings: LayoutSettings) -> Layout``
    Build the model once from the ``[layout]`` settings.
``Layout.locate(code: str) -> Point``
    Where a location code is walked to; raises :class:`UnknownLocation` with a sentence naming
    the code when it is malformed or outside the layout.
``Layout.distance(p: Point, q: Point) -> float``
    Shortest walk in metres between two points (the depot is ``Layout.depot``).
``Layout.walk(a, b) -> float``
    The same for location codes (or points), e.g. ``layout.walk(layout.depot, "A-03-12-2-B")``.

Geometry: aisle ``a`` (1-based in codes) runs front to back at ``x = (a - 1) * aisle_pitch_m``.
Blocks follow each other from the front; block ``b`` is ``2 * end_gap + (bays - 1) * bay_pitch``
long and bay ``n`` lies ``end_gap + (n - 1) * bay_pitch`` behind the block's start. Cross-aisle
0 runs along the front (``y = 0``), cross-aisle ``k`` behind block ``k - 1``; a middle
cross-aisle adds ``cross_aisle_width_m`` between two blocks and its centre line lies halfway
across. Level and bin change the pick time, not the walk: both faces of an aisle share a point.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from warehouse.config import LayoutSettings
from warehouse.errors import NotFound


class UnknownLocation(NotFound):
    """A location code that is malformed or does not exist in the configured layout."""


@dataclass(frozen=True, order=True)
class Point:
    """A walking position: an aisle (0-based index) and metres behind the front cross-aisle."""

    aisle: int
    y: float


@dataclass(frozen=True)
class Block:
    """One block of bays between two cross-aisles; ``zone`` is its letter in location codes."""

    zone: str
    bays: int
    start_y: float
    """Where the block begins (its front cross-aisle centre line, or that aisle's far edge)."""
    end_y: float


@dataclass(frozen=True)
class Layout:
    """Everything routing needs to know about the floor; build it with :meth:`from_settings`."""

    aisles: int
    aisle_pitch_m: float
    bay_pitch_m: float
    end_gap_m: float
    blocks: tuple[Block, ...]
    cross_aisles: tuple[float, ...]
    """Centre line ``y`` of each cross-aisle, front (0) to back."""
    depot: Point
    depot_cross_aisle: int
    levels: int = 9
    bins: str = ""
    location_pattern: str = ""
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _zones: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", re.compile(self.location_pattern))
        object.__setattr__(self, "_zones", {b.zone: i for i, b in enumerate(self.blocks)})

    @classmethod
    def from_settings(cls, settings: LayoutSettings) -> Layout:
        blocks: list[Block] = []
        cross = [0.0]
        start = 0.0
        last = len(settings.blocks) - 1
        for index, spec in enumerate(settings.blocks):
            end = start + 2 * settings.end_gap_m + (spec.bays - 1) * settings.bay_pitch_m
            blocks.append(Block(spec.zone, spec.bays, start, end))
            # The back cross-aisle has no far side to cross, so only middle ones add width.
            width = settings.cross_aisle_width_m if index < last else 0.0
            cross.append(end + width / 2)
            start = end + width
        depot_y = cross[settings.depot.cross_aisle]
        return cls(
            aisles=settings.aisles,
            aisle_pitch_m=settings.aisle_pitch_m,
            bay_pitch_m=settings.bay_pitch_m,
            end_gap_m=settings.end_gap_m,
            blocks=tuple(blocks),
            cross_aisles=tuple(cross),
            depot=Point(settings.depot.aisle - 1, depot_y),
            depot_cross_aisle=settings.depot.cross_aisle,
            levels=settings.levels,
            bins=settings.bins,
            location_pattern=settings.location_pattern,
        )

    @property
    def length_m(self) -> float:
        """Front to back cross-aisle."""
        return self.cross_aisles[-1]

    def x(self, aisle: int) -> float:
        return aisle * self.aisle_pitch_m

    def bay_point(self, zone: str, aisle: int, bay: int) -> Point:
        """The point of bay ``bay`` in aisle ``aisle`` (both 1-based) of the block ``zone``."""
        block = self.blocks[self._zones[zone]]
        y = block.start_y + self.end_gap_m + (bay - 1) * self.bay_pitch_m
        return Point(aisle - 1, y)

    def locate(self, code: str) -> Point:
        match = self._regex.match(code.strip())
        if match is None:
            raise UnknownLocation(
                f"Location '{code}' is not a location code of this warehouse "
                f"(expected the pattern {self.location_pattern})."
            )
        parts = match.groupdict()
        zone = parts["zone"]
        if zone not in self._zones:
            raise UnknownLocation(f"Location '{code}' names zone {zone}, which has no block.")
        aisle, bay = int(parts["aisle"]), int(parts["bay"])
        block = self.blocks[self._zones[zone]]
        if not 1 <= aisle <= self.aisles:
            raise UnknownLocation(
                f"Location '{code}' names aisle {aisle}, but aisles run from 1 to {self.aisles}."
            )
        if not 1 <= bay <= block.bays:
            raise UnknownLocation(
                f"Location '{code}' names bay {bay}, but zone {zone} has bays 1 to {block.bays}."
            )
        level = parts.get("level")
        if level is not None and not 1 <= int(level) <= self.levels:
            raise UnknownLocation(
                f"Location '{code}' names level {level}, but racks have levels 1 to {self.levels}."
            )
        bin_ = parts.get("bin")
        if bin_ is not None and self.bins and bin_ not in self.bins:
            raise UnknownLocation(
                f"Location '{code}' names bin {bin_}, but bins are {', '.join(self.bins)}."
            )
        return self.bay_point(zone, aisle, bay)

    def block_of(self, y: float) -> int:
        """Index of the cross-aisle interval (block) holding ``y``; cross-aisles count as front."""
        index = bisect_left(self.cross_aisles, y) - 1
        return min(max(index, 0), len(self.blocks) - 1)

    def vertical(self, y1: float, y2: float) -> float:
        """Walk along aisles between two positions in different aisles (via a cross-aisle)."""
        low, high = (y1, y2) if y1 <= y2 else (y2, y1)
        cross = self.cross_aisles
        i = bisect_left(cross, low)
        if i < len(cross) and cross[i] <= high:
            return high - low  # a cross-aisle lies between them: no detour
        best = float("inf")
        if i < len(cross):
            best = 2 * cross[i] - low - high
        if i > 0:
            best = min(best, low + high - 2 * cross[i - 1])
        return best

    def walk(self, a: str | Point, b: str | Point) -> float:
        """Metres between two location codes or points (``Layout.depot`` for the depot)."""
        p = self.locate(a) if isinstance(a, str) else a
        q = self.locate(b) if isinstance(b, str) else b
        return self.distance(p, q)

    def distance(self, p: Point, q: Point) -> float:
        if p.aisle == q.aisle:
            return abs(p.y - q.y)
        return abs(p.aisle - q.aisle) * self.aisle_pitch_m + self.vertical(p.y, q.y)
