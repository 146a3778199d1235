"""Small layouts for the routing tests, in the warehouse's own settings."""

from __future__ import annotations

import pytest

from picking.layout import Layout
from warehouse.config import BlockSettings, DepotSettings, LayoutSettings


def small_block(aisles: int = 5, bays: int = 10, depot_aisle: int = 1) -> Layout:
    """One block, aisles 2 m apart, bays 1 m apart, 1 m to the cross-aisles: 11 m long."""
    return Layout.from_settings(
        LayoutSettings(
            aisles=aisles,
            aisle_pitch_m=2.0,
            bay_pitch_m=1.0,
            end_gap_m=1.0,
            blocks=[BlockSettings(zone="A", bays=bays)],
            depot=DepotSettings(aisle=depot_aisle, cross_aisle=0),
        )
    )


@pytest.fixture
def shipped_layout() -> Layout:
    """The two-block floor of the shipped config.toml: 12 aisles 3 m apart, 2 × 20 bays."""
    return Layout.from_settings(LayoutSettings())


@pytest.fixture
def one_block() -> Layout:
    return small_block()
