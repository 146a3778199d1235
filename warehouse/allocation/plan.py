"""Which quants serve one order line: pure rules, no database.

The rules, in order of precedence:

1. Only stock that may ship: never an expired lot, never one with fewer days left than the
   SKU's ``min_remaining_days`` (see :func:`warehouse.stock.lookup.shippable`).
2. Dated (lot-controlled) goods leave first-expiry-first-out across the whole site, so that an
   older lot never ages in reserve while a younger one is shipped from the pick face.
3. Pick faces before reserve locations (for dated goods: among lots of the same expiry).
4. Fewest locations: within each of those tiers, one quant that covers the rest of the line
   (the smallest such, which empties bins and keeps big quants for big lines); otherwise the
   largest quant first, and so on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby


@dataclass(frozen=True)
class Candidate:
    """A quant of the right SKU and owner with free stock, as seen under lock."""

    quant_id: int
    sku_id: int
    location_id: int
    pick_face: bool
    available: int
    lot: str = ""
    expiry: date | None = None


def _tiers(candidates: Iterable[Candidate], fefo: bool) -> list[list[Candidate]]:
    if fefo:

        def key(c: Candidate) -> tuple[date, bool]:
            return (c.expiry or date.max, not c.pick_face)

    else:

        def key(c: Candidate) -> tuple[date, bool]:
            return (date.max, not c.pick_face)

    ordered = sorted(candidates, key=lambda c: (*key(c), c.quant_id))
    return [list(group) for _, group in groupby(ordered, key=key)]


def plan_line(
    candidates: Iterable[Candidate],
    need: int,
    *,
    fefo: bool,
    taken: dict[int, int] | None = None,
) -> list[tuple[Candidate, int]]:
    """Quantities to reserve per quant for ``need`` units; may cover less than ``need``.

    ``taken`` holds what earlier lines of the same order already planned from each quant (it
    is updated), so that two lines of one SKU never plan the same unit twice.
    """
    taken = {} if taken is None else taken
    plan: list[tuple[Candidate, int]] = []

    def free(c: Candidate) -> int:
        return c.available - taken.get(c.quant_id, 0)

    for tier in _tiers(candidates, fefo):
        pool = {c.quant_id: c for c in tier if free(c) > 0}
        while need > 0 and pool:
            covering = [c for c in pool.values() if free(c) >= need]
            if covering:
                chosen = min(covering, key=lambda c: (free(c), c.quant_id))
                qty = need
            else:
                chosen = max(pool.values(), key=lambda c: (free(c), -c.quant_id))
                qty = free(chosen)
            plan.append((chosen, qty))
            taken[chosen.quant_id] = taken.get(chosen.quant_id, 0) + qty
            need -= qty
            del pool[chosen.quant_id]
        if need == 0:
            break
    return plan
