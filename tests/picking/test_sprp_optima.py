"""Our optimal routes against the proven optima of the SPRP-SS benchmark (sample in tests/data)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from picking.layout import Point
from picking.sprp import BadInstance, read_sprp, route_sprp_file

DATA = Path(__file__).parents[1] / "data" / "sprp-ss"


def optima() -> list[tuple[str, bool, float, str]]:
    with (DATA / "optima.csv").open(newline="", encoding="utf-8") as handle:
        return [
            (row["file"], row["two_block"] == "1", float(row["optimum"]), row["depot"])
            for row in csv.DictReader(handle)
        ]


def ids(case: tuple[str, bool, float, str]) -> str:
    return f"{case[0].removesuffix('.txt')}-{'two' if case[1] else 'one'}-block-{case[3]}"


SINGLE = [c for c in optima() if not c[1]]
DOUBLE = [c for c in optima() if c[1]]


@pytest.mark.parametrize("case", SINGLE, ids=ids)
def test_optimal_route_matches_proven_optimum_single_block(
    case: tuple[str, bool, float, str],
) -> None:
    name, _, optimum, _ = case
    route = route_sprp_file(DATA / "instances" / name)
    assert route.length_m == optimum


@pytest.mark.parametrize("case", DOUBLE, ids=ids)
def test_optimal_route_matches_proven_optimum_two_block(case: tuple[str, bool, float, str]) -> None:
    name, _, optimum, _ = case
    route = route_sprp_file(DATA / "instances" / name, two_block=True)
    assert route.length_m == optimum


def test_the_sample_has_depots_at_the_back_and_the_front() -> None:
    depots = {c[3] for c in optima()}
    assert depots == {"top", "bottom"}
    for name, *_ in optima():
        instance = read_sprp(DATA / "instances" / name)
        assert instance.depot_top == (instance.layout.depot.y > 0)


def test_cell_zero_lies_at_the_back_and_the_middle_aisle_adds_a_metre() -> None:
    instance = read_sprp(DATA / "instances" / "unit_F1_m5_C30_a7_0.txt")
    assert instance.layout.cross_aisles == (0.0, 31.0)
    assert instance.layout.locate("A-01-030") == Point(0, 30.0)  # cell 0
    two = read_sprp(DATA / "instances" / "unit_F1_m5_C30_a7_0.txt", two_block=True)
    assert two.layout.cross_aisles == (0.0, 16.0, 32.0)
    # Cells 15 and 14 sit either side of the middle cross-aisle, 2 apart.
    assert two.layout.locate("A-01-015") == Point(0, 15.0)
    assert two.layout.locate("B-01-001") == Point(0, 17.0)


def test_heuristics_run_on_the_benchmark_and_are_never_below_the_optimum() -> None:
    for name, two_block, optimum, _ in optima():
        for algorithm in ("combined", "largest-gap", "s-shape", "name-sorted"):
            route = route_sprp_file(DATA / "instances" / name, two_block, algorithm)
            assert route.length_m >= optimum


def test_a_file_that_is_not_an_instance_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "x.txt"
    bogus.write_text("hello\n", encoding="utf-8")
    with pytest.raises(BadInstance, match=r"x\.txt is not a readable SPRP-SS instance"):
        read_sprp(bogus)
