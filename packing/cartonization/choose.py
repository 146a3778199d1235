"""Choose the box, or set of boxes, that holds an order's units at the least total cost:
each box's own cost plus the freight of its billed weight, asked of a plain ``quote``
callable (``shipping.rates.quote_for``), so packing does not know any carrier.

The cost of a box for some units is known before packing (box cost, outer size, weight), so
boxes are tried cheapest first and the first one the loader fills completely wins. Splitting
over several parcels is searched only when it could be cheaper (each parcel costs at least
the cheapest box with its first weight) or when no single box holds everything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import product

from packing.cartonization.check import problems
from packing.cartonization.items import Dims, ItemType, Placement
from packing.cartonization.loader import LoadRules, load
from packing.errors import NO_BOX_FOR_ITEM, NOTHING_TO_PACK, PackingError

Quote = Callable[[Dims, float], Decimal | None]
"""Freight of a parcel of these outer dimensions (mm) and actual weight (kg); None if refused."""
Counts = tuple[int, ...]
EXHAUSTIVE_UNITS = 8
"""Orders of up to this many units search every split; larger ones split greedily."""


@dataclass(frozen=True)
class BoxType:
    code: str
    inner: Dims
    outer: Dims
    max_weight_kg: float
    weight_kg: float
    cost: Decimal
    filler_kg: float = 0.0

    @property
    def volume(self) -> int:
        return self.inner[0] * self.inner[1] * self.inner[2]


@dataclass(frozen=True)
class ParcelPlan:
    box: BoxType
    placements: tuple[Placement, ...]
    content_kg: float
    gross_kg: float
    """Content, box and filler: the weight the scale should show."""
    freight: Decimal
    cost: Decimal
    """Box cost plus freight."""


@dataclass(frozen=True)
class CartonPlan:
    parcels: tuple[ParcelPlan, ...]

    @property
    def cost(self) -> Decimal:
        return sum((p.cost for p in self.parcels), Decimal(0))

    @property
    def boxes(self) -> tuple[str, ...]:
        return tuple(p.box.code for p in self.parcels)


class _Search:
    def __init__(
        self, items: Sequence[ItemType], boxes: Sequence[BoxType], quote: Quote, rules: LoadRules
    ) -> None:
        self.items, self.boxes, self.quote, self.rules = list(items), list(boxes), quote, rules
        self.best_box: dict[Counts, ParcelPlan | None] = {}
        self.priced: dict[Counts, list[tuple[Decimal, Decimal, BoxType]]] = {}

    def subset(self, counts: Counts) -> list[ItemType]:
        return [replace(t, quantity=n) for t, n in zip(self.items, counts, strict=True) if n]

    def candidates(self, counts: Counts) -> list[tuple[Decimal, Decimal, BoxType]]:
        """(total cost, freight, box) of every box that might hold these units, cheapest first."""
        if counts in self.priced:
            return self.priced[counts]
        units = self.subset(counts)
        volume = sum(t.volume * t.quantity for t in units)
        weight = sum(t.weight_kg * t.quantity for t in units)
        found = []
        for box in self.boxes:
            if volume > box.volume or weight > box.max_weight_kg + 1e-9:
                continue
            if not all(t.fits_in(box.inner) for t in units):
                continue
            freight = self.quote(box.outer, weight + box.weight_kg + box.filler_kg)
            if freight is not None:
                found.append((box.cost + freight, freight, box))
        found.sort(key=lambda c: (c[0], c[2].volume, c[2].code))
        self.priced[counts] = found
        return found

    def lower_bound(self, counts: Counts) -> Decimal | None:
        found = self.candidates(counts)
        return found[0][0] if found else None

    def one_box(self, counts: Counts) -> ParcelPlan | None:
        """The cheapest box the loader fills with exactly these units."""
        if counts in self.best_box:
            return self.best_box[counts]
        result = None
        units = self.subset(counts)
        for total, freight, box in self.candidates(counts):
            packed = load(box.inner, units, self.rules)
            if packed.complete:
                content = sum(p.weight_kg for p in packed.placements)
                gross = content + box.weight_kg + box.filler_kg
                result = ParcelPlan(box, packed.placements, content, gross, freight, total)
                break
        self.best_box[counts] = result
        return result


def _sub_counts(counts: Counts) -> list[Counts]:
    """Every sub-multiset that holds one unit of the first type present, but not all units."""
    first = next(i for i, n in enumerate(counts) if n)
    ranges = [range(1, n + 1) if i == first else range(n + 1) for i, n in enumerate(counts)]
    return [c for c in product(*ranges) if c != counts]


def _minus(a: Counts, b: Counts) -> Counts:
    return tuple(x - y for x, y in zip(a, b, strict=True))


def _best_split(search: _Search, counts: Counts, bound: Decimal | None) -> list[ParcelPlan] | None:
    """The cheapest set of parcels for ``counts`` that costs less than ``bound`` (or None)."""
    best: list[ParcelPlan] | None = None
    single = search.one_box(counts)
    if single is not None and (bound is None or single.cost < bound):
        best, bound = [single], single.cost
    for part in _sub_counts(counts):
        rest = _minus(counts, part)
        low_part, low_rest = search.lower_bound(part), search.lower_bound(rest)
        if low_part is None or (bound is not None and low_part + (low_rest or 0) >= bound):
            continue
        first = search.one_box(part)
        if first is None:
            continue
        remaining = None if bound is None else bound - first.cost
        others = _best_split(search, rest, remaining)
        if others is not None:
            best = [first, *others]
            bound = sum((p.cost for p in best), Decimal(0))
    return best


def _greedy_split(search: _Search, counts: Counts) -> list[ParcelPlan]:
    """Fill the largest box as full as the loader can, again with the rest; re-box each part."""
    biggest = max(search.boxes, key=lambda b: (b.volume, b.max_weight_kg))
    index = {t.sku: i for i, t in enumerate(search.items)}
    parcels: list[ParcelPlan] = []
    while any(counts):
        whole = search.one_box(counts)
        if whole is not None:
            parcels.append(whole)
            break
        packed = load(biggest.inner, search.subset(counts), search.rules)
        kept: list[Placement] = []
        taken = [0] * len(counts)
        for p in sorted(packed.placements, key=lambda p: (p.z, -p.weight_kg)):
            if sum(k.weight_kg for k in kept) + p.weight_kg <= biggest.max_weight_kg + 1e-9:
                kept.append(p)
                taken[index[p.sku]] += 1
        if not kept:
            raise PackingError.of(NO_BOX_FOR_ITEM, sku=search.subset(counts)[0].sku)
        part = search.one_box(tuple(taken)) or _as_parcel(search, biggest, kept)
        parcels.append(part)
        counts = _minus(counts, tuple(taken))
    return parcels


def _as_parcel(search: _Search, box: BoxType, placements: list[Placement]) -> ParcelPlan:
    content = sum(p.weight_kg for p in placements)
    gross = content + box.weight_kg + box.filler_kg
    freight = search.quote(box.outer, gross)
    if freight is None:
        raise PackingError.of(NO_BOX_FOR_ITEM, sku=placements[0].sku)
    return ParcelPlan(box, tuple(placements), content, gross, freight, box.cost + freight)


def choose_boxes(
    items: Sequence[ItemType],
    boxes: Sequence[BoxType],
    quote: Quote,
    rules: LoadRules | None = None,
) -> CartonPlan:
    """The cheapest box set found for the order's units, each parcel with its placements."""
    rules = rules or LoadRules()
    items = [t for t in items if t.quantity > 0]
    if not items:
        raise PackingError.of(NOTHING_TO_PACK)
    search = _Search(items, boxes, quote, rules)
    for item in items:
        if search.lower_bound(tuple(1 if t is item else 0 for t in items)) is None:
            raise PackingError.of(NO_BOX_FOR_ITEM, sku=item.sku)
    counts = tuple(t.quantity for t in items)
    single = search.one_box(counts)
    cheapest_parcel = min(
        search.lower_bound(tuple(1 if t is item else 0 for t in items)) or Decimal(0)
        for item in items
    )
    parcels: list[ParcelPlan] | None
    if single is not None and single.cost <= 2 * cheapest_parcel:
        parcels = [single]  # no split can be cheaper than two first weights
    elif sum(counts) <= EXHAUSTIVE_UNITS:
        parcels = _best_split(search, counts, None)
    else:
        parcels = _greedy_split(search, counts)
        if single is not None and single.cost <= sum((p.cost for p in parcels), Decimal(0)):
            parcels = [single]
    if parcels is None:
        raise PackingError.of(NO_BOX_FOR_ITEM, sku=items[0].sku)
    plan = CartonPlan(tuple(parcels))
    _verify(plan, items, rules)
    return plan


def _verify(plan: CartonPlan, items: Sequence[ItemType], rules: LoadRules) -> None:
    by_sku = {t.sku: t for t in items}
    for parcel in plan.parcels:
        found = problems(
            parcel.box.inner,
            parcel.placements,
            by_sku,
            max_weight_kg=parcel.box.max_weight_kg,
            fragile_max_load_kg=rules.fragile_max_load_kg,
        )
        if found:
            raise AssertionError(f"box {parcel.box.code}: {found[0]}")


def cheapest_by_exhaustive_search(
    items: Sequence[ItemType], boxes: Sequence[BoxType], quote: Quote, rules: LoadRules
) -> CartonPlan | None:
    """Every split of the units into parcels (bounded only by exact lower bounds), each part in
    its cheapest box the loader fills under ``rules``: the reference for small orders."""
    items = [t for t in items if t.quantity > 0]
    search = _Search(items, boxes, quote, rules)
    parcels = _best_split(search, tuple(t.quantity for t in items), None)
    return None if parcels is None else CartonPlan(tuple(parcels))
