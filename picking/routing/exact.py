"""Optimal routes: the exact aisle sweep where it fits, a repeatable TSP search elsewhere.

Public API: ``optimal(layout, stops) -> list[Stop]`` (registered as ``optimal``),
``single_block_optimum(layout, stops) -> tuple[list[Stop], float]``. Batching, which wants only
lengths, calls :func:`picking.routing.sweep.sweep_length`.

On every floor of up to ``MAX_CROSS_AISLES`` cross-aisles (one to five blocks) the route is
the optimum found by the aisle sweep (:mod:`picking.routing.sweep`, the dynamic program of
Ratliff and Rosenthal 1983 generalised to any number of cross-aisles, as by Pansart, Catusse
and Cambazard 2018). On larger floors it is the repeatable search of
:func:`picking.routing.tsp.tsp_order` (exact up to 15 points, Held–Karp). The one-block
program used here before the sweep is kept in ``tests/picking/one_block_reference.py``; the
sweep was faster on one block too (``docs/routing.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

from picking.layout import Layout
from picking.routing.stops import Stop
from picking.routing.sweep import fits_sweep, sweep_optimum
from picking.routing.tsp import tsp_order


def optimal(layout: Layout, stops: Sequence[Stop]) -> list[Stop]:
    if not stops:
        return []
    if fits_sweep(layout, [s.point for s in stops]):
        return sweep_optimum(layout, stops)[0]
    return tsp_order(layout, stops)


def single_block_optimum(layout: Layout, stops: Sequence[Stop]) -> tuple[list[Stop], float]:
    """The shortest tour through ``stops`` in a one-block layout and its length in metres."""
    if not stops:
        return [], 0.0
    return sweep_optimum(layout, stops)
