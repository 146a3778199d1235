"""The loader fills a Bischoff & Ratcliff container soundly, close to the best known."""

from __future__ import annotations

from pathlib import Path

import pytest

from packing.cartonization import LoadRules, load, problems
from packing.cartonization.instances import read_best_known, read_instance

DATA = Path(__file__).resolve().parents[1] / "data" / "bischoff-ratcliff"
BEST = read_best_known(DATA / "best_known.csv")


@pytest.mark.parametrize("name", sorted(BEST))
def test_a_container_is_filled_without_overlaps_within_its_rotation_limits(name: str) -> None:
    instance = read_instance(DATA, name, BEST[name])
    result = load(instance.container, instance.items, LoadRules(attempts=8, floor_only=False))
    by_sku = {t.sku: t for t in instance.items}
    assert problems(instance.container, result.placements, by_sku) == []
    for item in instance.items:
        assert sum(p.sku == item.sku for p in result.placements) <= item.quantity
    fill = result.volume / instance.container_volume
    assert fill >= 0.85


def test_the_same_budget_gives_the_same_load() -> None:
    instance = read_instance(DATA, "BR7.txt_1")
    rules = LoadRules(attempts=10, floor_only=False, seed=3)
    first = load(instance.container, instance.items, rules)
    again = load(instance.container, instance.items, rules)
    assert first.placements == again.placements
