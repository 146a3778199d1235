"""The registry of routing algorithms, and planning a route with one of them by name.

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

from collections.abc import Iterable, Sequence

from picking.layout import Layout
from picking.routing.exact import optimal
from picking.routing.heuristics import combined, largest_gap, s_shape
from picking.routing.stops import (
    Route,
    RoutingAlgorithm,
    Stop,
    make_stops,
    name_sorted,
    tour_length,
)

REGISTRY: dict[str, RoutingAlgorithm] = {
    "optimal": optimal,
    "combined": combined,
    "largest-gap": largest_gap,
    "s-shape": s_shape,
    "name-sorted": name_sorted,
}
ALGORITHMS: tuple[str, ...] = tuple(REGISTRY)


def algorithm_named(name: str) -> RoutingAlgorithm:
    try:
        return REGISTRY[name]
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
