"""The documented box catalogue and SF standard freight, for the packing tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from packing.cartonization import (
    BoxType,
    LoadRules,
    Quote,
    boxes_from_settings,
    rules_from_settings,
)
from shipping.rates import quote_for
from warehouse.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]


@cache
def documented() -> Settings:
    return load_settings(ROOT / "config.toml", environ={})


def catalogue() -> list[BoxType]:
    return boxes_from_settings(documented().packing)


def rules() -> LoadRules:
    return rules_from_settings(documented().packing)


def sf_national() -> Quote:
    sf = documented().carrier("SF")
    return quote_for(sf, sf.services[0], "national")
