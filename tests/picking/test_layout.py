"""Where bays are and how far a picker walks between them."""

from __future__ import annotations

import pytest

from picking.layout import Layout, Point, UnknownLocation
from warehouse.config import BlockSettings, LayoutSettings
from warehouse.errors import NotFound, WarehouseError


def test_bays_and_cross_aisles_of_the_shipped_floor(shipped_layout: Layout) -> None:
    # Each block is 2 × 1 m end gap + 19 × 1 m between bays = 21 m long.
    assert shipped_layout.cross_aisles == (0.0, 21.0, 42.0)
    assert shipped_layout.locate("A-01-01-1-A") == Point(0, 1.0)
    assert shipped_layout.locate("A-03-20-4-B") == Point(2, 20.0)
    assert shipped_layout.locate("B-12-01-1-A") == Point(11, 22.0)
    assert shipped_layout.depot == Point(0, 0.0)


def test_level_and_bin_share_the_walking_point(shipped_layout: Layout) -> None:
    assert shipped_layout.locate("A-05-07-1-A") == shipped_layout.locate("A-05-07-4-B")


def test_middle_cross_aisle_width_pushes_the_back_block_back() -> None:
    layout = Layout.from_settings(
        LayoutSettings(
            cross_aisle_width_m=2.0,
            blocks=[BlockSettings(zone="A", bays=20), BlockSettings(zone="B", bays=20)],
        )
    )
    assert layout.cross_aisles == (0.0, 22.0, 44.0)
    assert layout.locate("A-01-20-1-A").y == 20.0
    assert layout.locate("B-01-01-1-A").y == 24.0
    # From the last bay of A to the first of B in one aisle: 1 + 2 + 1 m.
    assert layout.distance(layout.locate("A-01-20-1-A"), layout.locate("B-01-01-1-A")) == 4.0


def test_walking_distances_on_the_shipped_floor(shipped_layout: Layout) -> None:
    at = shipped_layout.locate
    # Same aisle: straight along it.
    assert shipped_layout.distance(at("A-02-03-1-A"), at("B-02-05-1-A")) == 23.0
    # Same block, other aisle: out over the front (5 + 10) rather than the middle (16 + 11).
    assert shipped_layout.distance(at("A-01-05-1-A"), at("A-03-10-1-A")) == 6.0 + 15.0
    # Near the middle cross-aisle the detour goes that way: (21-18) + (21-19) = 5.
    assert shipped_layout.distance(at("A-01-18-1-A"), at("A-04-19-1-A")) == 9.0 + 5.0
    # Different blocks: the middle cross-aisle lies between, so no detour.
    assert shipped_layout.distance(at("A-01-05-1-A"), at("B-03-02-1-A")) == 6.0 + 18.0
    assert shipped_layout.distance(shipped_layout.depot, at("B-12-20-1-A")) == 33.0 + 41.0
    assert shipped_layout.walk(shipped_layout.depot, "B-12-20-1-A") == 33.0 + 41.0
    assert shipped_layout.walk("A-01-05-1-A", "A-01-05-3-B") == 0.0


def test_depot_on_the_back_cross_aisle() -> None:
    layout = Layout.from_settings(LayoutSettings(depot={"aisle": 4, "cross_aisle": 2}))
    assert layout.depot == Point(3, 42.0)
    assert layout.distance(layout.depot, layout.locate("B-04-20-1-A")) == 1.0


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("A-1-1", "is not a location code"),
        ("C-01-01-1-A", "zone C"),
        ("A-13-01-1-A", "aisle 13"),
        ("A-00-01-1-A", "aisle 0"),
        ("B-01-21-1-A", "bay 21"),
        ("A-01-01-5-A", "level 5"),
        ("A-01-01-1-C", "bin C"),
    ],
)
def test_a_bad_location_code_is_refused_with_a_sentence_naming_it(
    shipped_layout: Layout, code: str, words: str
) -> None:
    with pytest.raises(UnknownLocation) as caught:
        shipped_layout.locate(code)
    message = str(caught.value)
    assert code in message and words in message and message.endswith(".")
    assert isinstance(caught.value, NotFound) and isinstance(caught.value, WarehouseError)
