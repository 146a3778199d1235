"""Read container-loading instances in the Bischoff & Ratcliff CSV layout (``BRk.txt_N``).

``…_bins.csv`` holds the container ``ID,X,Y,Z``; ``…_items.csv`` the box types ``ID,X,Y,Z``,
six rotation flags named like :data:`~packing.cartonization.items.ORIENTATIONS` and ``COPIES``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from packing.cartonization.items import ORIENTATIONS, Dims, ItemType


@dataclass(frozen=True)
class Instance:
    name: str
    container: Dims
    items: tuple[ItemType, ...]
    best_known: int | None = None
    """Best known loaded volume, when the data gives it."""

    @property
    def container_volume(self) -> int:
        return self.container[0] * self.container[1] * self.container[2]


def read_instance(folder: Path, name: str, best_known: int | None = None) -> Instance:
    """``name`` such as ``BR1.txt_1``."""
    with (folder / f"{name}_bins.csv").open(encoding="utf-8") as file:
        row = next(csv.DictReader(file))
        container = (int(row["X"]), int(row["Y"]), int(row["Z"]))
    items: list[ItemType] = []
    with (folder / f"{name}_items.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            allowed = frozenset(o for o in ORIENTATIONS if row.get(f"ROTATION_{o}", "1") == "1")
            items.append(
                ItemType(
                    sku=f"{name}#{row['ID']}",
                    dims=(int(row["X"]), int(row["Y"]), int(row["Z"])),
                    weight_kg=0.0,
                    quantity=int(row["COPIES"]),
                    orientations=allowed,
                )
            )
    return Instance(name, container, tuple(items), best_known)


def read_best_known(path: Path) -> dict[str, int]:
    """``Path,Best known solution value`` rows, keyed by the instance name (``BR1.txt_1``)."""
    with path.open(encoding="utf-8") as file:
        return {
            row["Path"].rsplit("/", 1)[-1]: int(row["Best known solution value"])
            for row in csv.DictReader(file)
        }
