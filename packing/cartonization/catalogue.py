"""The box catalogue and packing rules from the settings (``[packing]``)."""

from __future__ import annotations

from packing.cartonization.choose import BoxType
from packing.cartonization.loader import LoadRules
from warehouse.config_shipping import PackingSettings


def boxes_from_settings(packing: PackingSettings) -> list[BoxType]:
    return [
        BoxType(
            code=b.code,
            inner=b.inner_mm,
            outer=b.outside,
            max_weight_kg=b.max_weight_kg,
            weight_kg=b.weight_kg,
            cost=b.cost,
            filler_kg=b.filler_kg,
        )
        for b in packing.boxes
    ]


def rules_from_settings(packing: PackingSettings) -> LoadRules:
    return LoadRules(
        attempts=packing.pack_attempts,
        floor_only=True,
        fragile_max_load_kg=packing.fragile_max_load_kg,
    )
