"""Multi-block routes: the published heuristics on a hand-worked floor, the same route for the
same picks every time (in this process and in a fresh one), and the exact small-tour path."""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from picking.layout import Layout, Point
from picking.routing import Stop, route_stops, tour_length
from picking.routing.search import closed_cost, improve, whole_units
from picking.routing.tsp import distance_array, distance_matrix, repeatable_tour, starts
from warehouse.config import BlockSettings, DepotSettings, LayoutSettings


def two_blocks(depot_cross_aisle: int = 0) -> Layout:
    """3 aisles 2 m apart, two blocks of 3 bays 1 m apart: cross-aisles at y 0, 4 and 8."""
    return Layout.from_settings(
        LayoutSettings(
            aisles=3,
            aisle_pitch_m=2.0,
            bay_pitch_m=1.0,
            end_gap_m=1.0,
            cross_aisle_width_m=0.0,
            blocks=[BlockSettings(zone="A", bays=3), BlockSettings(zone="B", bays=3)],
            depot=DepotSettings(aisle=1, cross_aisle=depot_cross_aisle),
        )
    )


# (aisle index, y): aisle 1 bay 2 of A, aisle 2 bay 1 of B, aisle 3 bay 3 of B, aisle 2 bay 3
# of A, aisle 3 bay 1 of A.
PICKS = [(0, 2.0), (1, 5.0), (2, 7.0), (1, 3.0), (2, 1.0)]


def stops_at(points: list[tuple[int, float]]) -> list[Stop]:
    return [Stop(Point(a, y), (f"P{a}-{y:g}",)) for a, y in points]


@pytest.mark.parametrize(
    ("algorithm", "order"),
    [
        # Up aisle 1 picking (0, 2) to block B; through B's left-most subaisle (1, 5) to the
        # back; the last B subaisle (2, 7) walked down; in A from the right: (2, 1) walked
        # down, then the last one, (1, 3), entered from the front and left again.
        ("s-shape", [(0, 2.0), (1, 5.0), (2, 7.0), (2, 1.0), (1, 3.0)]),
        # In A the farthest remaining subaisle from aisle 3 is aisle 2: walked down; aisle 3's
        # pick lies below its largest gap, so it is fetched from the front on the way back.
        ("largest-gap", [(0, 2.0), (1, 5.0), (2, 7.0), (1, 3.0), (2, 1.0)]),
        # B entered from the front at aisle 2: in and out costs 2, walking through 4; the last
        # subaisle must end at the front: 8 either way, the first found (walk through) kept.
        ("combined", [(0, 2.0), (1, 5.0), (2, 7.0), (2, 1.0), (1, 3.0)]),
    ],
)
def test_multi_block_heuristics_follow_the_published_steps(
    algorithm: str, order: list[tuple[int, float]]
) -> None:
    layout = two_blocks()
    route = route_stops(layout, stops_at(PICKS), algorithm)
    assert [(s.point.aisle, s.point.y) for s in route.stops] == order
    # 2 + (2 + 3) + (2 + 4) + 6 + (2 + 4) + (2 + 3) for both orders.
    assert route.length_m == 30.0


@pytest.mark.parametrize("algorithm", ["s-shape", "largest-gap", "combined"])
def test_a_depot_at_the_back_mirrors_the_heuristics(algorithm: str) -> None:
    front = route_stops(two_blocks(), stops_at(PICKS), algorithm)
    mirrored = [(a, 8.0 - y) for a, y in PICKS]
    back = route_stops(two_blocks(depot_cross_aisle=2), stops_at(mirrored), algorithm)
    assert [(s.point.aisle, 8.0 - s.point.y) for s in back.stops] == [
        (s.point.aisle, s.point.y) for s in front.stops
    ]
    assert back.length_m == front.length_m


def big_floor(zones: str = "ABCD") -> Layout:
    """Four blocks (the exact sweep) or, with six zones, six blocks (the search)."""
    return Layout.from_settings(
        LayoutSettings(
            aisles=14,
            aisle_pitch_m=3.0,
            bay_pitch_m=1.3,
            end_gap_m=1.0,
            cross_aisle_width_m=1.5,
            blocks=[BlockSettings(zone=z, bays=17) for z in zones],
            depot=DepotSettings(aisle=1, cross_aisle=0),
        )
    )


def many_stops(layout: Layout, count: int, seed: int) -> list[Stop]:
    rng = random.Random(seed)
    points: set[Point] = set()
    while len(points) < count:
        block = rng.choice(layout.blocks)
        y = block.start_y + layout.end_gap_m + layout.bay_pitch_m * rng.randrange(block.bays)
        points.add(Point(rng.randrange(layout.aisles), y))
    return [Stop(p, (f"P{i}",)) for i, p in enumerate(sorted(points))]


@pytest.mark.parametrize("zones", ["ABCD", "ABCDEF"])
def test_the_same_picks_always_give_the_same_route(zones: str) -> None:
    layout = big_floor(zones)
    for count in (12, 40, 120):
        stops = many_stops(layout, count, count)
        first = route_stops(layout, stops, "optimal")
        for shuffle in range(3):
            again = list(stops)
            random.Random(shuffle).shuffle(again)  # the order they come in does not matter
            route = route_stops(layout, sorted(again, key=lambda s: s.point), "optimal")
            assert route.stops == first.stops and route.length_m == first.length_m


@pytest.mark.parametrize("zones", ["ABCD", "ABCDEF"])
def test_a_fresh_process_gives_the_same_route(zones: str) -> None:
    layout = big_floor(zones)
    stops = many_stops(layout, 90, 4)
    here = [[s.point.aisle, s.point.y] for s in route_stops(layout, stops, "optimal").stops]
    script = (
        "import json, sys\n"
        "sys.path.insert(0, 'tests/picking')\n"
        "from test_routing_repeatable import big_floor, many_stops\n"
        "from picking.routing import route_stops\n"
        f"layout = big_floor({zones!r})\n"
        "route = route_stops(layout, many_stops(layout, 90, 4), 'optimal')\n"
        "print(json.dumps([[s.point.aisle, s.point.y] for s in route.stops]))\n"
    )
    root = Path(__file__).parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == here


def brute_force_cost(units: NDArray[np.int64]) -> int:
    return min(
        closed_cost([0, *rest], units) for rest in itertools.permutations(range(1, len(units)))
    )


def test_small_tours_are_exact_against_brute_force() -> None:
    rng = random.Random(8)
    layout = big_floor()
    for _ in range(25):
        stops = many_stops(layout, rng.randint(3, 8), rng.randrange(10_000))
        points = [layout.depot, *(s.point for s in stops)]
        matrix = distance_matrix(layout, points)
        units = whole_units(matrix)
        tour = repeatable_tour(matrix, starts(layout, points))
        assert sorted(tour) == list(range(len(points))) and tour[0] == 0
        assert closed_cost(tour, units) == brute_force_cost(units)


def test_the_search_reaches_the_optimum_of_small_random_matrices() -> None:
    rng = random.Random(3)
    for _ in range(30):
        n = rng.randint(5, 9)
        xy = [(rng.randrange(40), rng.randrange(40)) for _ in range(n)]
        matrix = [[abs(a - c) + abs(b - d) + 0.0 for c, d in xy] for a, b in xy]
        units = whole_units(matrix)
        tour = improve(list(range(n)), units)
        assert sorted(tour) == list(range(n)) and tour[0] == 0
        assert closed_cost(tour, units) == brute_force_cost(units)


def test_the_route_is_as_long_as_its_stops_walked() -> None:
    layout = big_floor()
    stops = many_stops(layout, 150, 1)
    route = route_stops(layout, stops, "optimal")
    assert route.length_m == pytest.approx(tour_length(layout, (s.point for s in route.stops)))
    for algorithm in ("combined", "largest-gap", "s-shape"):
        assert route_stops(layout, stops, algorithm).length_m >= route.length_m


def test_the_array_matrix_is_the_list_matrix_to_the_last_bit() -> None:
    layout = big_floor()
    points = [layout.depot, *(s.point for s in many_stops(layout, 120, 6))]
    assert distance_array(layout, points).tolist() == distance_matrix(layout, points)


def test_the_compiled_search_stays_inside_its_arrays(tmp_path: Path) -> None:
    """numba does not check indices unless asked: run small and large searches with checks on."""
    script = (
        "import random\n"
        "from picking.routing.search import improve, whole_units\n"
        "rng = random.Random(1)\n"
        "for n in (5, 6, 7, 9, 16, 40, 120):\n"
        "    xy = [(rng.randrange(60), rng.randrange(60)) for _ in range(n)]\n"
        "    m = [[abs(a - c) + abs(b - d) + 0.0 for c, d in xy] for a, b in xy]\n"
        "    improve(list(range(n)), whole_units(m))\n"
        "print('ok')\n"
    )
    env = {**os.environ, "NUMBA_BOUNDSCHECK": "1", "NUMBA_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).parents[2],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
