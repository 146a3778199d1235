"""The exact aisle sweep (any number of cross-aisles) against independent references.

Held–Karp on small random floors of 2–5 blocks with the depot anywhere, the old one-block
program, hand-worked cases where a wrong connectivity rule would give a disconnected "tour",
the SPRP-SS proven optima and the benchmark's best-known multi-block tours.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import numpy as np
import pytest

from picking.layout import Layout, Point
from picking.routing import Stop, route_stops, tour_length
from picking.routing.exact import optimal
from picking.routing.sweep import fits_sweep, sweep_length, sweep_optimum
from picking.routing.sweep_states import MAX_CROSS_AISLES, sweep_tables
from picking.routing.tsp import distance_array, integer_step, repeatable_tour, steps_are_exact
from picking.sprp import read_sprp
from tests.picking.one_block_reference import single_block_length as reference_length
from warehouse.config import BlockSettings, DepotSettings, LayoutSettings

DATA = Path(__file__).parents[1] / "data"


def floor(rng: random.Random, blocks: int) -> Layout:
    """Distances in whole half metres, so Held–Karp's integer distances are exact."""
    aisles = rng.randint(1, 8)
    return Layout.from_settings(
        LayoutSettings(
            aisles=aisles,
            aisle_pitch_m=rng.choice([1.0, 1.5, 2.0, 3.0]),
            bay_pitch_m=1.0,
            end_gap_m=rng.choice([0.5, 1.0]),
            cross_aisle_width_m=rng.choice([0.0, 1.0, 2.0]),
            blocks=[BlockSettings(zone="ABCDE"[b], bays=rng.randint(1, 6)) for b in range(blocks)],
            depot=DepotSettings(
                aisle=rng.randint(1, min(3, aisles)), cross_aisle=rng.randint(0, blocks)
            ),
        )
    )


def picks(layout: Layout, rng: random.Random, count: int) -> list[Stop]:
    """Points in bays and, now and then, on a cross-aisle (a junction that must be visited)."""
    points = set()
    for _ in range(count):
        aisle = rng.randrange(layout.aisles)
        if rng.random() < 0.15:
            points.add(Point(aisle, rng.choice(layout.cross_aisles)))
            continue
        block = rng.choice(layout.blocks)
        y = block.start_y + layout.end_gap_m + rng.randrange(block.bays) * layout.bay_pitch_m
        points.add(Point(aisle, y))
    stops = [Stop(p, (f"P{i}",)) for i, p in enumerate(sorted(points))]
    return stops[:count]


def held_karp(layout: Layout, stops: list[Stop]) -> float:
    points = [layout.depot, *(s.point for s in stops)]
    matrix = distance_array(layout, points)
    assert steps_are_exact(layout, integer_step(matrix.tolist()))
    tour = repeatable_tour(matrix, [list(range(len(points)))])
    return tour_length(layout, (points[i] for i in tour[1:]))


@pytest.mark.parametrize("blocks", [2, 3, 4, 5])
def test_sweep_equals_held_karp_on_small_random_floors(blocks: int) -> None:
    rng = random.Random(blocks * 31)
    depots = set()
    for _ in range(60):
        layout = floor(rng, blocks)
        stops = picks(layout, rng, rng.randint(1, 12))
        depots.add((layout.depot.aisle, layout.depot_cross_aisle))
        order, length = sweep_optimum(layout, stops)
        assert sorted(s.point for s in order) == sorted(s.point for s in stops)
        assert len(order) == len(stops)
        walked = tour_length(layout, (s.point for s in order))
        assert walked == pytest.approx(length, abs=1e-6)
        assert length == pytest.approx(held_karp(layout, stops), abs=1e-6)
    # The depot has stood on the front, middle and back cross-aisles and off the first aisle.
    assert {k for _, k in depots} == set(range(blocks + 1))
    assert {a for a, _ in depots} == {0, 1, 2}


def test_sweep_equals_the_old_one_block_program() -> None:
    rng = random.Random(77)
    for _ in range(150):
        layout = Layout.from_settings(
            LayoutSettings(
                aisles=(aisles := rng.randint(1, 30)),
                aisle_pitch_m=rng.choice([1.5, 2.5, 3.0]),
                bay_pitch_m=rng.choice([0.8, 1.0, 1.3]),
                end_gap_m=rng.choice([0.0, 0.5, 1.0]),
                blocks=[BlockSettings(zone="A", bays=rng.randint(1, 40))],
                depot=DepotSettings(
                    aisle=rng.randint(1, min(5, aisles)), cross_aisle=rng.choice([0, 1])
                ),
            )
        )
        stops = picks(layout, rng, rng.randint(1, 60))
        points = [s.point for s in stops]
        assert sweep_length(layout, points) == pytest.approx(reference_length(layout, points))


def hand_floor(blocks: int = 2, aisles: int = 6) -> Layout:
    """Aisles 2 m apart, blocks of 10 bays 1 m apart and 1 m to the cross-aisles (11 m)."""
    return Layout.from_settings(
        LayoutSettings(
            aisles=aisles,
            aisle_pitch_m=2.0,
            bay_pitch_m=1.0,
            end_gap_m=1.0,
            cross_aisle_width_m=0.0,
            blocks=[BlockSettings(zone="ABCDE"[b], bays=10) for b in range(blocks)],
            depot=DepotSettings(aisle=1, cross_aisle=0),
        )
    )


def test_two_pieces_that_never_meet_are_not_a_tour() -> None:
    # One pick just below the middle cross-aisle in aisle 1, one just above it in aisle 6.
    # Walking in and out of aisle 1 (20 m) plus a 2 m spur from the middle cross-aisle at
    # aisle 6 is 22 m of even-degree edges, but the spur is cut off from the depot: a rule
    # that let a piece leave the frontier while another goes on would answer 22. The tour is
    # up aisle 1, along the middle cross-aisle, the spur, and back: 11 + 10 + 2 + 10 + 11.
    layout = hand_floor()
    stops = [Stop(Point(0, 10.0), ("a",)), Stop(Point(5, 12.0), ("b",))]
    order, length = sweep_optimum(layout, stops)
    assert length == 44.0
    assert [s.codes for s in order] in ([("a",), ("b",)], [("b",), ("a",)])


def test_a_cycle_away_from_the_depot_does_not_count() -> None:
    # Picks in the back block of aisles 4 and 5 lie on a 26 m cycle round that block alone
    # (up aisle 4 from the middle cross-aisle, across the back, down aisle 5, back along the
    # middle); with a 4 m spur out of the depot (front of aisle 1) that is 30 m of even-degree
    # edges, in two pieces. A rule that took every present vertex for one piece would answer
    # 30. The tour must reach the block: 6 m along the front, through aisle 4 (22), across
    # the back (2), through aisle 5 (22), and 8 m back along the front: 60.
    layout = hand_floor()
    stops = [Stop(Point(3, 16.0), ("a",)), Stop(Point(4, 17.0), ("b",))]
    length = sweep_length(layout, [s.point for s in stops])
    assert length == 60.0
    assert length == pytest.approx(held_karp(layout, stops))


def test_the_depot_on_a_middle_cross_aisle_is_part_of_the_tour() -> None:
    # The depot on the middle cross-aisle at aisle 3; one pick 5 m into the front block of
    # aisle 1. In and out of aisle 1 from the front (10 m) misses the depot; the tour goes
    # 4 m along the middle cross-aisle and 6 m down aisle 1, and back: 20.
    layout = Layout.from_settings(
        LayoutSettings(
            aisles=6,
            aisle_pitch_m=2.0,
            bay_pitch_m=1.0,
            end_gap_m=1.0,
            blocks=[BlockSettings(zone="A", bays=10), BlockSettings(zone="B", bays=10)],
            depot=DepotSettings(aisle=3, cross_aisle=1),
        )
    )
    assert layout.depot == Point(2, 11.0)
    order, length = sweep_optimum(layout, [Stop(Point(0, 5.0), ("a",))])
    assert length == 20.0
    assert [s.codes for s in order] == [("a",)]


def test_sweep_length_is_the_proven_sprp_optimum() -> None:
    with (DATA / "sprp-ss" / "optima.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["two_block"] for row in rows} == {"0", "1"}
    for row in rows:
        instance = read_sprp(DATA / "sprp-ss" / "instances" / row["file"], row["two_block"] == "1")
        points = [instance.layout.locate(code) for code in instance.codes]
        assert sweep_length(instance.layout, points) == pytest.approx(float(row["optimum"]))


def best_known_cases() -> list[dict[str, object]]:
    text = (DATA / "routing-best-known" / "cases.json").read_text(encoding="utf-8")
    cases: list[dict[str, object]] = json.loads(text)
    return cases


@pytest.mark.parametrize("case", best_known_cases(), ids=lambda case: str(case["key"]))
def test_never_longer_than_the_benchmarks_best_known_tour(case: dict[str, object]) -> None:
    layout = Layout.from_settings(LayoutSettings.model_validate(case["layout"]))
    raw = case["points"]
    assert isinstance(raw, list)
    stops = [Stop(Point(int(a), float(y)), (f"P{i:03d}",)) for i, (a, y) in enumerate(raw)]
    route = route_stops(layout, stops, "optimal")
    assert len(route.stops) == len(stops) == len({s.point for s in route.stops})
    best = case["best_m"]
    assert isinstance(best, float)
    assert route.length_m <= best + 1e-6


def test_six_blocks_go_to_the_search_and_still_visit_every_stop() -> None:
    layout = hand_floor(blocks=5)
    assert len(layout.cross_aisles) == MAX_CROSS_AISLES and fits_sweep(layout)
    six = Layout.from_settings(
        LayoutSettings(
            aisles=6,
            aisle_pitch_m=2.0,
            bay_pitch_m=1.0,
            end_gap_m=1.0,
            blocks=[BlockSettings(zone="ABCDEF"[b], bays=4) for b in range(6)],
        )
    )
    assert not fits_sweep(six)
    rng = random.Random(3)
    stops = picks(six, rng, 10)
    order = optimal(six, stops)
    assert sorted(s.point for s in order) == sorted(s.point for s in stops)
    # The sweep itself still works there (its tables are just larger): the same optimum.
    assert sweep_length(six, [s.point for s in stops]) == pytest.approx(held_karp(six, stops))


def test_the_state_space_is_built_once_and_only_from_edge_patterns() -> None:
    sizes = [len(sweep_tables(k).states) for k in range(2, MAX_CROSS_AISLES + 1)]
    assert sizes == [7, 25, 113, 569, 3033]
    assert sweep_tables(4) is sweep_tables(4)
    tables = sweep_tables(3)
    # From the empty start, a sub-aisle walked through joins its two ends in one piece ...
    through = tables.states[tables.vertical[0, tables.empty, 1]]
    assert through == ((1, 1, 0), (1, 1, 0))
    # ... and a walk in and back from each end (split) leaves two pieces.
    split = tables.states[tables.vertical[0, tables.empty, 5]]
    assert split == ((2, 2, 0), (1, 2, 0))
    # An odd vertex may not leave the frontier, whatever else happens.
    assert np.all(tables.crossing[:, 0, tables.vertical[0, tables.empty, 1], [0, 2]] == -1)
