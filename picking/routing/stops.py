"""The parts of a pick route every algorithm shares: stops, routes and the walk's length.

Every length is measured the same way: the picker walks the shortest path from one stop to
the next. A heuristic therefore contributes only its visiting order; where its textbook path
is longer (S-shape crossing an aisle it could have left earlier), the measured route is the
shorter one the picker would actually walk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from picking.layout import Layout, Point


@dataclass(frozen=True)
class Stop:
    """One walking point of a route and the location codes picked there."""

    point: Point
    codes: tuple[str, ...]

    @property
    def label(self) -> str:
        return min(self.codes) if self.codes else f"{self.point.aisle + 1}/{self.point.y:g}"


@dataclass(frozen=True)
class Route:
    """Stops in visiting order from and back to the depot, and the walk in metres."""

    stops: list[Stop]
    length_m: float
    algorithm: str


RoutingAlgorithm = Callable[[Layout, Sequence[Stop]], list[Stop]]
"""Orders the stops (without the depot) of one tour."""


def tour_length(layout: Layout, points: Iterable[Point]) -> float:
    here = layout.depot
    total = 0.0
    for point in points:
        total += layout.distance(here, point)
        here = point
    return total + layout.distance(here, layout.depot)


def make_stops(layout: Layout, location_codes: Iterable[str]) -> list[Stop]:
    """One stop per walking point, codes sorted; raises ``UnknownLocation`` on a bad code."""
    by_point: dict[Point, list[str]] = {}
    for code in location_codes:
        by_point.setdefault(layout.locate(code), []).append(code)
    return [Stop(p, tuple(sorted(set(codes)))) for p, codes in sorted(by_point.items())]


def name_sorted(layout: Layout, stops: Sequence[Stop]) -> list[Stop]:
    """The usual system baseline: location-code order, whatever the walk."""
    return sorted(stops, key=lambda s: s.label)
