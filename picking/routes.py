"""Pick routes: what the picker is shown, and the registry of routing algorithms.

Public API
----------
``plan_route(layout, location_codes, algorithm="optimal") -> Route``
    Parse the codes, merge codes that share a walking point into one :class:`Stop`, and order
    the stops with the named algorithm. ``Route.stops`` is the visiting order to show.
``route_stops(layout, stops, algorithm="optimal") -> Route``
    The same for stops already built (used by the SPRP reader and by batching).
``ALGORITHMS``: names accepted by ``algorithm``: ``optimal`` (default), ``combined``,
``largest-gap``, ``s-shape``, ``name-sorted``.
``tour_length(layout, points) -> float``
    Depot, the points in order, depot again, walking the shortest way between each pair.

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


def _registry() -> dict[str, RoutingAlgorithm]:
    # Imported here because those modules import Stop from this one.
    from picking.exact import optimal
    from picking.heuristics import combined, largest_gap, s_shape

    return {
        "optimal": optimal,
        "combined": combined,
        "largest-gap": largest_gap,
        "s-shape": s_shape,
        "name-sorted": name_sorted,
    }


ALGORITHMS: tuple[str, ...] = ("optimal", "combined", "largest-gap", "s-shape", "name-sorted")
_algorithms: dict[str, RoutingAlgorithm] = {}


def algorithm_named(name: str) -> RoutingAlgorithm:
    if not _algorithms:
        _algorithms.update(_registry())
    try:
        return _algorithms[name]
    except KeyError:
        raise ValueError(
            f"Routing algorithm '{name}' is unknown; choose one of {', '.join(ALGORITHMS)}."
        ) from None


def route_stops(layout: Layout, stops: Sequence[Stop], algorithm: str = "optimal") -> Route:
    order = algorithm_named(algorithm)(layout, list(stops)) if stops else []
    if sorted(order, key=lambda s: s.point) != sorted(stops, key=lambda s: s.point):
        raise AssertionError(f"routing algorithm {algorithm} lost or repeated a stop")
    return Route(order, tour_length(layout, (s.point for s in order)), algorithm)


def plan_route(layout: Layout, location_codes: Iterable[str], algorithm: str = "optimal") -> Route:
    return route_stops(layout, make_stops(layout, location_codes), algorithm)
