"""Pick routing and cart batching over the real warehouse layout. Pure: no database, no UI.

Modules and their main entry points:

- :mod:`picking.layout`: ``Layout.from_settings(LayoutSettings)``, ``Layout.locate(code)``,
  ``Layout.distance(p, q)``; ``UnknownLocation`` for a bad code.
- :mod:`picking.routing`: ``plan_route(layout, codes, algorithm="optimal") -> Route``,
  ``route_stops``, ``ALGORITHMS``, ``Route(stops, length_m, algorithm)``, ``Stop``.
- :mod:`picking.routing.exact`: ``optimal`` (the exact aisle sweep, :mod:`picking.routing.sweep`,
  up to 5 blocks); :mod:`picking.routing.tsp`: the search for larger floors.
- :mod:`picking.routing.heuristics`: S-shape, largest gap, combined.
- :mod:`picking.sprp`: SPRP-SS benchmark reader, ``route_sprp_file(path, two_block, algorithm)``.
- :mod:`picking.batching`: ``plan_batches``, ``first_come_first_served``,
  ``one_order_per_trip``, ``release``, ``route_estimator``; search in :mod:`picking.batching.savings`.
- :mod:`picking.map`: ``render_map(layout, route, width, height) -> list[str]``.
"""
