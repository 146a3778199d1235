"""Pick routes: hand-worked heuristics, and optimal routes checked against brute force."""

from __future__ import annotations

import itertools
import random

import pytest

from picking.layout import Layout, Point
from picking.routing import ALGORITHMS, Stop, make_stops, plan_route, route_stops, tour_length
from picking.routing.exact import single_block_optimum
from warehouse.config import BlockSettings, DepotSettings, LayoutSettings

# On the 5-aisle, 11 m block: P1 (aisle 2, y 2), P2 (aisle 2, y 9), P3 (aisle 3, y 5),
# P4 (aisle 4, y 1), P5 (aisle 4, y 8); the depot is at the front of aisle 1.
P1, P2, P3, P4, P5 = "A-02-02", "A-02-09", "A-03-05", "A-04-01", "A-04-08"
SMALL_PATTERN = r"^(?P<zone>A)-(?P<aisle>\d{2})-(?P<bay>\d{2})$"


def hand_worked() -> Layout:
    """The floor of :func:`small_block`, with short codes zone-aisle-bay."""
    return Layout.from_settings(
        LayoutSettings(
            aisles=5,
            aisle_pitch_m=2.0,
            bay_pitch_m=1.0,
            end_gap_m=1.0,
            blocks=[BlockSettings(zone="A", bays=10)],
            location_pattern=SMALL_PATTERN,
        )
    )


def codes_of(route_stops_: list[Stop]) -> list[str]:
    return [s.codes[0] for s in route_stops_]


@pytest.mark.parametrize(
    ("algorithm", "order", "length"),
    [
        # Up aisle 2, down 3, up 4: 4 + 7 + 10 + 8 + 7 + 14.
        ("s-shape", [P1, P2, P3, P4, P5], 50.0),
        # Aisle 2 and 4 walked through; aisle 3's pick lies below its largest gap and is
        # fetched from the front on the way home: 4 + 7 + 9 + 7 + 8 + 9.
        ("largest-gap", [P1, P2, P5, P4, P3], 44.0),
        # Through aisle 2, aisle 3 entered from the back, down aisle 4: 4 + 7 + 10 + 11 + 7 + 7.
        ("combined", [P1, P2, P3, P5, P4], 46.0),
        ("name-sorted", [P1, P2, P3, P4, P5], 50.0),
    ],
)
def test_heuristics_agree_with_the_hand_worked_route(
    algorithm: str, order: list[str], length: float
) -> None:
    route = plan_route(hand_worked(), [P5, P3, P1, P4, P2], algorithm)
    assert codes_of(route.stops) == order
    assert route.length_m == length
    assert route.algorithm == algorithm


def test_optimal_route_is_never_longer_than_any_heuristic() -> None:
    layout = hand_worked()
    best = plan_route(layout, [P1, P2, P3, P4, P5]).length_m
    assert best == 44.0 == brute_force(layout, make_stops(layout, [P1, P2, P3, P4, P5]))
    for algorithm in ALGORITHMS:
        assert plan_route(layout, [P1, P2, P3, P4, P5], algorithm).length_m >= best


def test_codes_at_one_point_become_one_stop(shipped_layout: Layout) -> None:
    route = plan_route(shipped_layout, ["A-03-05-1-A", "A-03-05-4-B", "A-03-06-1-A"])
    assert [s.codes for s in route.stops] == [("A-03-05-1-A", "A-03-05-4-B"), ("A-03-06-1-A",)]
    assert route.length_m == 2 * (6.0 + 6.0)


def test_no_picks_is_an_empty_route(shipped_layout: Layout) -> None:
    route = plan_route(shipped_layout, [])
    assert route.stops == [] and route.length_m == 0.0


def test_an_unknown_algorithm_is_refused_by_name(shipped_layout: Layout) -> None:
    with pytest.raises(ValueError, match="'fastest' is unknown"):
        plan_route(shipped_layout, ["A-01-01-1-A"], "fastest")


def brute_force(layout: Layout, stops: list[Stop]) -> float:
    return min(
        tour_length(layout, (s.point for s in order)) for order in itertools.permutations(stops)
    )


def random_layout(rng: random.Random, blocks: int) -> Layout:
    zones = "ABCD"[:blocks]
    return Layout.from_settings(
        LayoutSettings(
            aisles=rng.randint(1, 7),
            aisle_pitch_m=rng.choice([1.5, 2.0, 3.0]),
            bay_pitch_m=1.0,
            end_gap_m=rng.choice([0.0, 0.5, 1.0]),
            cross_aisle_width_m=rng.choice([0.0, 2.0]),
            blocks=[BlockSettings(zone=z, bays=rng.randint(1, 8)) for z in zones],
            depot=DepotSettings(aisle=1, cross_aisle=rng.choice([0, blocks])),
        )
    )


def random_stops(layout: Layout, rng: random.Random, count: int) -> list[Stop]:
    points = set()
    for _ in range(count):
        block = rng.choice(layout.blocks)
        y = block.start_y + layout.end_gap_m + rng.randrange(block.bays) * layout.bay_pitch_m
        points.add(Point(rng.randrange(layout.aisles), y))
    return [Stop(p, (f"P{i}",)) for i, p in enumerate(sorted(points))]


@pytest.mark.parametrize("blocks", [1, 2, 3])
def test_optimal_route_matches_brute_force_on_small_random_floors(blocks: int) -> None:
    rng = random.Random(100 + blocks)
    for _ in range(40):
        layout = random_layout(rng, blocks)
        stops = random_stops(layout, rng, rng.randint(1, 6))
        route = route_stops(layout, stops, "optimal")
        assert route.length_m == pytest.approx(brute_force(layout, stops))
        for algorithm in ALGORITHMS:
            assert route_stops(layout, stops, algorithm).length_m >= route.length_m - 1e-9


def test_single_block_program_length_is_the_length_of_the_route_shown() -> None:
    rng = random.Random(5)
    for _ in range(50):
        layout = random_layout(rng, 1)
        stops = random_stops(layout, rng, rng.randint(1, 25))
        order, length = single_block_optimum(layout, stops)
        assert tour_length(layout, (s.point for s in order)) == pytest.approx(length)


def test_every_algorithm_visits_every_stop_once(shipped_layout: Layout) -> None:
    rng = random.Random(9)
    codes = [
        f"{rng.choice('AB')}-{rng.randint(1, 12):02d}-{rng.randint(1, 20):02d}-1-A"
        for _ in range(40)
    ]
    expected = sorted(s.point for s in make_stops(shipped_layout, codes))
    for algorithm in ALGORITHMS:
        route = plan_route(shipped_layout, codes, algorithm)
        assert sorted(s.point for s in route.stops) == expected
        assert route.length_m == pytest.approx(
            tour_length(shipped_layout, (s.point for s in route.stops))
        )
