"""The multi-block solver's integer distances: fine enough, never out of fast_tsp's range."""

from __future__ import annotations

import random

import pytest

from picking.layout import Layout, Point
from picking.routing.tsp import MAX_UNITS, closed_length, distance_matrix, integer_matrix, solve
from warehouse.config import BlockSettings, LayoutSettings


def test_distances_are_whole_millimetres_while_the_longest_leg_is_under_65_m(
    shipped_layout: Layout,
) -> None:
    points = [shipped_layout.depot, Point(11, 20.0), Point(3, 7.5)]
    ints, step = integer_matrix(distance_matrix(shipped_layout, points))
    assert step == 0.001
    assert ints[0][1] == 33_000 + 20_000 and ints[0][2] == 9_000 + 7_500
    # 74 m no longer fits 65,535 units of 1 mm: the step becomes 2 mm.
    ints, step = integer_matrix(distance_matrix(shipped_layout, [*points, Point(11, 41.0)]))
    assert step == 0.002 and ints[0][3] == 37_000


def test_a_long_floor_uses_a_coarser_step_that_still_fits() -> None:
    layout = Layout.from_settings(
        LayoutSettings(
            aisles=60,
            aisle_pitch_m=3.3,
            bay_pitch_m=1.1,
            blocks=[BlockSettings(zone=z, bays=90) for z in "ABC"],
        )
    )
    rng = random.Random(2)
    points = [layout.depot] + [
        Point(rng.randrange(60), rng.uniform(0, layout.length_m)) for _ in range(30)
    ]
    matrix = distance_matrix(layout, points)
    ints, step = integer_matrix(matrix)
    assert step > 0.001
    assert max(max(row) for row in ints) <= MAX_UNITS
    for row, irow in zip(matrix, ints, strict=True):
        for d, i in zip(row, irow, strict=True):
            assert abs(d - i * step) <= step / 2 + 1e-9


@pytest.mark.parametrize("size", [5, 14, 18, 40])
def test_solver_returns_a_closed_tour_from_the_depot_no_worse_than_polishing_alone(
    shipped_layout: Layout, size: int
) -> None:
    rng = random.Random(size)
    points = [shipped_layout.depot] + [
        Point(rng.randrange(12), float(rng.choice([*range(1, 21), *range(22, 42)])))
        for _ in range(size)
    ]
    matrix = distance_matrix(shipped_layout, points)
    tour = solve(matrix)
    assert tour[0] == 0 and sorted(tour) == list(range(len(points)))
    assert closed_length(tour, matrix) <= closed_length(list(range(len(points))), matrix)
