"""Cartonization: which boxes hold an order, and where each unit goes (no Textual, no DB).

- :func:`choose_boxes`: the cheapest box set for an order's units, with placements.
- :func:`load`: fill one box or container (also used for the Bischoff & Ratcliff bench).
- :func:`problems`: everything wrong with a packing, for tests and as a safety net.
- :func:`boxes_from_settings`: the catalogue of ``[[packing.boxes]]``.
"""

from packing.cartonization.catalogue import boxes_from_settings, rules_from_settings
from packing.cartonization.check import problems
from packing.cartonization.choose import BoxType, CartonPlan, ParcelPlan, Quote, choose_boxes
from packing.cartonization.items import ANY_WAY, THIS_SIDE_UP, ItemType, Placement
from packing.cartonization.loader import Load, LoadRules, load

__all__ = [
    "ANY_WAY",
    "THIS_SIDE_UP",
    "BoxType",
    "CartonPlan",
    "ItemType",
    "Load",
    "LoadRules",
    "ParcelPlan",
    "Placement",
    "Quote",
    "boxes_from_settings",
    "choose_boxes",
    "load",
    "problems",
    "rules_from_settings",
]
