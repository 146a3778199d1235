"""Reader for SPRP-SS benchmark instances (katrinhessler/SPRP-SS, MIT), so our routing can be
checked against their proven optima.

Public API
----------
``read_sprp(path, two_block=False) -> SprpInstance``
    The instance as a :class:`~picking.layout.Layout` plus location codes ``Z-AA-BBB``.
``route_sprp_file(path, two_block=False, algorithm="optimal") -> Route``
``read_optima(directory) -> dict[tuple[str, bool], float]``
    Proven optimal lengths keyed by (file name, two_block) from ``results_SPRP.csv``
    (column ``DP cost``) and ``results_SPRP_two_block.csv`` (column ``objective``).

Geometry (see the data set's NOTES): aisles 3 apart, cells 1 apart, 1 from the first and last
cell to the cross-aisle; cell 0 lies at the back. The two-block variant adds a middle
cross-aisle between cells ``N/2 - 1`` and ``N/2`` which lengthens that step from 1 to 2.
In our settings that is ``end_gap_m = 1``, ``cross_aisle_width_m = 0`` and two blocks of
``N/2`` bays; the depot sits on the front cross-aisle (``bottom``) or the back one (``top``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from picking.layout import Layout
from picking.routing import Route, plan_route
from warehouse.config import BlockSettings, DepotSettings, LayoutSettings
from warehouse.errors import WarehouseError

SPRP_PATTERN = r"^(?P<zone>[AB])-(?P<aisle>\d+)-(?P<bay>\d+)$"
_SKU = re.compile(r"ID\s+\d+\s+AISLE\s+(\d+)\s+CELL\s+(\d+)")


class BadInstance(WarehouseError):
    """An SPRP-SS file that cannot be read."""


@dataclass(frozen=True)
class SprpInstance:
    name: str
    layout: Layout
    codes: tuple[str, ...]
    """One code per article to pick: zone, aisle (1-based), bay (1-based from the front)."""
    aisles: int
    cells: int
    depot_top: bool
    two_block: bool


def _header(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().isupper():
            fields.setdefault(key.strip(), value.strip())
    return fields


def read_sprp(path: str | Path, two_block: bool = False) -> SprpInstance:
    file = Path(path)
    try:
        text = file.read_text(encoding="latin-1")
        head = _header(text)
        aisles, cells = int(head["NUM_AISLES"]), int(head["NUM_CELLS"])
        depot_aisle = int(head["DEPOT_AISLE"])
        depot_top = head["DEPOT_LOCATION"].lower() == "top"
    except (OSError, KeyError, ValueError) as exc:
        raise BadInstance(f"{file} is not a readable SPRP-SS instance ({exc}).") from None
    if two_block and cells % 2:
        raise BadInstance(f"{file} has an odd number of cells and no two-block variant.")
    half = cells // 2
    blocks = (
        [BlockSettings(zone="A", bays=half), BlockSettings(zone="B", bays=half)]
        if two_block
        else [BlockSettings(zone="A", bays=cells)]
    )
    settings = LayoutSettings(
        aisles=aisles,
        aisle_pitch_m=3.0,
        bay_pitch_m=1.0,
        end_gap_m=1.0,
        cross_aisle_width_m=0.0,
        levels=1,
        bins="",
        blocks=blocks,
        depot=DepotSettings(aisle=depot_aisle + 1, cross_aisle=len(blocks) if depot_top else 0),
        location_pattern=SPRP_PATTERN,
    )
    codes: list[str] = []
    section = text.split("SKU_SECTION", 1)[-1].split("ORDER_SECTION", 1)[0]
    for aisle_text, cell_text in _SKU.findall(section):
        aisle, cell = int(aisle_text), int(cell_text)
        if two_block and cell < half:
            zone, bay = "B", half - cell
        else:
            zone, bay = "A", cells - cell
        codes.append(f"{zone}-{aisle + 1:02d}-{bay:03d}")
    if not codes:
        raise BadInstance(f"{file} lists no articles to pick.")
    return SprpInstance(
        file.name, Layout.from_settings(settings), tuple(codes), aisles, cells, depot_top, two_block
    )


def route_sprp_file(path: str | Path, two_block: bool = False, algorithm: str = "optimal") -> Route:
    instance = read_sprp(path, two_block)
    return plan_route(instance.layout, instance.codes, algorithm)


def read_optima(directory: str | Path) -> dict[tuple[str, bool], float]:
    base = Path(directory)
    optima: dict[tuple[str, bool], float] = {}
    single = base / "results_SPRP.csv"
    if single.is_file():
        with single.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                name = (
                    f"unit_F1_m{row['num aisles']}_C{row['num cells']}"
                    f"_a{row['num articles']}_{row['random seed']}.txt"
                )
                optima[(name, False)] = float(row["DP cost"])
    double = base / "results_SPRP_two_block.csv"
    if double.is_file():
        with double.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                optima[(row["filename"], True)] = float(row["objective"])
    return optima
