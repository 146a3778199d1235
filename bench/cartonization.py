"""Cartonization: container fill on Bischoff & Ratcliff BR1–BR7, and box choice on synthetic
orders, each beside py3dbp (the common Python packer) run in the same process.

    .venv/bin/python bench/cartonization.py [--per-class 100] [--py3dbp-per-class 3]
        [--attempts 25] [--orders 10000] [--exhaustive-units 6] [--seed 7]

Part 1 loads one container per instance (``floor_only`` off: the best-known values allow no
support constraint) and reports the mean fill rate against the best-known loaded volume in
``best_known.csv`` and the time per instance. py3dbp is slow (seconds per instance), so it runs
on the first ``--py3dbp-per-class`` instances of each class; it also ignores the rotation limits
of the data, which only helps it.

Part 2 draws ``--orders`` orders of 1–12 units from 400 SKUs (10 % fragile, 20 % this side up)
against the documented 10-box catalogue and SF standard national freight. Orders of at most
``--exhaustive-units`` units are checked by an exhaustive search over every split into parcels
(with 10 × the packing attempts per box); the chosen set must cost no more than what it finds.
py3dbp as the packer of a cheapest-first single-box choice runs beside it on 500 orders.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from packing.cartonization import (
    ANY_WAY,
    THIS_SIDE_UP,
    BoxType,
    ItemType,
    LoadRules,
    boxes_from_settings,
    choose_boxes,
    load,
    rules_from_settings,
)
from packing.cartonization.choose import Quote, cheapest_by_exhaustive_search
from packing.cartonization.instances import Instance, read_best_known, read_instance
from shipping.rates import quote_for
from warehouse.config import load_settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "bischoff-ratcliff"


def py3dbp_volume(container: tuple[int, int, int], items: list[ItemType]) -> int:
    from py3dbp import Bin, Item, Packer

    packer = Packer()
    packer.add_bin(Bin("box", *container, 10**9))
    for t in items:
        for n in range(t.quantity):
            packer.add_item(Item(f"{t.sku}-{n}", *t.dims, max(t.weight_kg, 0.001)))
    packer.pack(bigger_first=True, distribute_items=False, number_of_decimals=0)
    return int(sum(float(i.get_volume()) for i in packer.bins[0].items))


def bench_containers(per_class: int, py3dbp_per_class: int, attempts: int) -> None:
    best = read_best_known(DATA / "best_known.csv")
    rules = LoadRules(attempts=attempts, floor_only=False)
    print(f"Bischoff & Ratcliff, {per_class} instances per class, {attempts} attempts each")
    print(
        f"{'class':6} {'ours':>8} {'best':>8} {'ours/best':>9} {'s/inst':>7} {'max s':>6} {'cpu s':>6}"
        f" {'py3dbp':>8} {'(n)':>4} {'s/inst':>7}"
    )
    all_ours, all_best, all_times, all_py, all_py_best = [], [], [], [], []
    all_cpus: list[float] = []
    for k in range(1, 8):
        ours, bests, times, py, py_times, cpus = [], [], [], [], [], []
        for i in range(1, per_class + 1):
            name = f"BR{k}.txt_{i}"
            inst: Instance = read_instance(DATA / "instances", name, best[name])
            started, cpu = time.perf_counter(), time.process_time()
            result = load(inst.container, inst.items, rules)
            times.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
            ours.append(result.volume / inst.container_volume)
            bests.append(best[name] / inst.container_volume)
            if i <= py3dbp_per_class:
                started = time.perf_counter()
                py.append(py3dbp_volume(inst.container, list(inst.items)) / inst.container_volume)
                py_times.append(time.perf_counter() - started)
                all_py_best.append(bests[-1])
        all_ours += ours
        all_best += bests
        all_times += times
        all_cpus += cpus
        all_py += py
        print(
            f"BR{k:<4} {statistics.mean(ours):8.2%} {statistics.mean(bests):8.2%}"
            f" {statistics.mean(ours) / statistics.mean(bests):9.1%}"
            f" {statistics.mean(times):7.3f} {max(times):6.2f} {statistics.mean(cpus):6.3f}"
            + (
                f" {statistics.mean(py):8.2%} {len(py):4} {statistics.mean(py_times):7.2f}"
                if py
                else ""
            )
        )
    print(
        f"{'all':6} {statistics.mean(all_ours):8.2%} {statistics.mean(all_best):8.2%}"
        f" {statistics.mean(all_ours) / statistics.mean(all_best):9.1%}"
        f" {statistics.mean(all_times):7.3f} {max(all_times):6.2f} {statistics.mean(all_cpus):6.3f}"
        + (f" {statistics.mean(all_py):8.2%} {len(all_py):4}" if all_py else "")
    )
    if all_py:
        print(f"  (best known on py3dbp's sample: {statistics.mean(all_py_best):.2%})")


def sku_pool(rng: random.Random, n: int = 400) -> list[ItemType]:
    pool = []
    for k in range(n):
        dims = sorted((int(rng.lognormvariate(4.4, 0.55)) + 10 for _ in range(3)), reverse=True)
        length, width, height = (min(d, 420) for d in dims)
        if rng.random() < 0.5:
            length, height = height, length  # not every SKU lies flat in the master data
        density = rng.uniform(0.1, 0.9)  # kg per litre
        weight = round(max(0.02, length * width * height / 1e6 * density), 3)
        pool.append(
            ItemType(
                f"S{k:03d}",
                (length, width, height),
                weight,
                fragile=rng.random() < 0.10,
                orientations=THIS_SIDE_UP if rng.random() < 0.20 else ANY_WAY,
            )
        )
    return pool


def draw_order(rng: random.Random, pool: list[ItemType]) -> list[ItemType]:
    units = rng.randint(1, 12)
    counts: dict[str, int] = {}
    by_sku = {t.sku: t for t in pool}
    while sum(counts.values()) < units:
        sku = rng.choice(pool).sku
        counts[sku] = counts.get(sku, 0) + min(
            rng.choice((1, 1, 1, 2, 3)), units - sum(counts.values())
        )
    return [replace(by_sku[s], quantity=q) for s, q in counts.items()]


def exhaustive_cost(
    items: list[ItemType], boxes: list[BoxType], quote: Quote, rules: LoadRules
) -> Decimal | None:
    plan = cheapest_by_exhaustive_search(
        items, boxes, quote, replace(rules, attempts=rules.attempts * 10)
    )
    return None if plan is None else plan.cost


def py3dbp_single_box(items: list[ItemType], boxes: list[BoxType], quote: Quote) -> Decimal | None:
    weight = sum(t.weight_kg * t.quantity for t in items)
    priced = []
    for box in boxes:
        freight = quote(box.outer, weight + box.weight_kg + box.filler_kg)
        if freight is not None and weight <= box.max_weight_kg:
            priced.append((box.cost + freight, box))
    for cost, box in sorted(priced, key=lambda c: c[0]):
        volume = sum(t.volume * t.quantity for t in items)
        if volume <= box.volume and py3dbp_volume(box.inner, items) == volume:
            return cost
    return None


def bench_orders(orders: int, exhaustive_units: int, seed: int) -> None:
    settings = load_settings(ROOT / "config.toml", environ={})
    boxes = boxes_from_settings(settings.packing)
    rules = rules_from_settings(settings.packing)
    sf = settings.carrier("SF")
    quote = quote_for(sf, sf.services[0], "national")
    rng = random.Random(seed)
    pool = [t for t in sku_pool(rng) if any(t.fits_in(b.inner) for b in boxes)]
    times, checked, cheapest, parcels_total, multi = [], 0, 0, 0, 0
    cpus: list[float] = []
    gaps: list[float] = []
    py_checked = py_cheapest = 0
    for n in range(orders):
        items = draw_order(rng, pool)
        started, cpu = time.perf_counter(), time.process_time()
        plan = choose_boxes(items, boxes, quote, rules)
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
        parcels_total += len(plan.parcels)
        multi += len(plan.parcels) > 1
        if sum(t.quantity for t in items) <= exhaustive_units:
            reference = exhaustive_cost(items, boxes, quote, rules)
            checked += 1
            if reference is not None and plan.cost <= reference + Decimal("0.001"):
                cheapest += 1
            elif reference is not None:
                gaps.append(float(plan.cost / reference - 1))
            if n < 2000 and py_checked < 500:
                py_checked += 1
                py_cost = py3dbp_single_box(items, boxes, quote)
                py_cheapest += (
                    py_cost is not None
                    and reference is not None
                    and py_cost <= reference + Decimal("0.001")
                )
    times.sort()
    print(f"\nBox choice: {orders} orders of 1–12 units, {len(boxes)} boxes, SF standard national")
    print(
        f"  time per order: mean {statistics.mean(times) * 1000:.2f} ms, p95"
        f" {times[int(0.95 * len(times))] * 1000:.2f} ms, max {times[-1] * 1000:.1f} ms;"
        f" CPU mean {statistics.mean(cpus) * 1000:.2f} ms"
    )
    print(f"  parcels per order {parcels_total / orders:.3f}; orders split over parcels: {multi}")
    print(
        f"  cheapest feasible (exhaustive, orders of ≤{exhaustive_units} units): {cheapest}/{checked}"
        f" = {cheapest / max(checked, 1):.2%}"
        + (f"; when not, {statistics.mean(gaps):.1%} dearer on average" if gaps else "")
    )
    print(
        f"  py3dbp as packer of a cheapest-first single box: cheapest in {py_cheapest}/{py_checked}"
        f" = {py_cheapest / max(py_checked, 1):.2%} of the same orders"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=100)
    parser.add_argument("--py3dbp-per-class", type=int, default=3)
    parser.add_argument("--attempts", type=int, default=25)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--exhaustive-units", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-containers", action="store_true")
    parser.add_argument("--skip-orders", action="store_true")
    args = parser.parse_args()
    if not args.skip_containers:
        bench_containers(args.per_class, args.py3dbp_per_class, args.attempts)
    if not args.skip_orders:
        bench_orders(args.orders, args.exhaustive_units, args.seed)


if __name__ == "__main__":
    main()
