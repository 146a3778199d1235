"""The text map a picker sees on a narrow terminal."""

from __future__ import annotations

from picking.layout import Layout
from picking.map import render_map
from picking.routing import plan_route
from picking.sprp import read_sprp

from .test_sprp_optima import DATA


def test_map_fits_forty_columns_and_shows_depot_stops_and_walk(shipped_layout: Layout) -> None:
    route = plan_route(shipped_layout, ["A-03-05-1-A", "B-07-12-2-B", "A-10-18-1-A"])
    lines = render_map(shipped_layout, route, width=40, height=16)
    assert len(lines) == 16 and all(len(line) == 40 for line in lines)
    text = "\n".join(lines)
    assert text.count("D") == 1 and "*" in text
    for label in "123":
        assert text.count(label) >= 1
    assert lines[-1].lstrip().startswith("1")  # aisle numbers along the bottom
    assert "A" in text and "B" in text  # zone letters in the margin


def test_a_wide_floor_is_compressed_into_a_narrow_map() -> None:
    instance = read_sprp(DATA / "instances" / "unit_F1_m50_C180_a30_0.txt", two_block=True)
    route = plan_route(instance.layout, instance.codes)
    lines = render_map(instance.layout, route, width=40, height=12)
    assert len(lines) == 12 and all(len(line) == 40 for line in lines)
    assert "D" in "".join(lines)


def test_map_without_route_draws_the_floor(shipped_layout: Layout) -> None:
    lines = render_map(shipped_layout, None, width=80, height=30)
    assert len(lines) == 30 and all(len(line) == 80 for line in lines)
    # Every aisle meets three cross-aisles; the depot stands on one of those junctions.
    assert sum(line.count("+") + line.count("D") for line in lines) == 3 * shipped_layout.aisles
