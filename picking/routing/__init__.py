"""Pick routes: the shortest walk through the real aisles and cross-aisles.

Public API
----------
``plan_route(layout, location_codes, algorithm="optimal") -> Route`` and
``route_stops(layout, stops, algorithm)``; ``ALGORITHMS``; ``Route``, ``Stop``;
``tour_length(layout, points)``; ``make_stops(layout, codes)``.

Modules: :mod:`~picking.routing.stops` (what every algorithm shares), ``exact`` (the optimal
single-block program and the multi-block search), ``tsp``, ``heuristics``, and
:mod:`~picking.routing.registry` (the algorithms by name). The algorithms import only
``stops``; the registry imports them, so nothing imports in a circle.
"""

from picking.routing.registry import ALGORITHMS, REGISTRY, algorithm_named, plan_route, route_stops
from picking.routing.stops import (
    Route,
    RoutingAlgorithm,
    Stop,
    make_stops,
    name_sorted,
    tour_length,
)

__all__ = [
    "ALGORITHMS",
    "REGISTRY",
    "Route",
    "RoutingAlgorithm",
    "Stop",
    "algorithm_named",
    "make_stops",
    "name_sorted",
    "plan_route",
    "route_stops",
    "tour_length",
]
