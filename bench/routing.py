"""Routing benchmark: every algorithm on the SPRP-SS instances against their proven optima,
and every algorithm on a random set of 3–5-block floors against stored best-known tours.

Run from the repository root::

    .venv/bin/python -m bench.routing [--limit N] [--no-sprp] [--per-size 10] [--runs 3]
    .venv/bin/python -m bench.routing --compute-best-known   # once, minutes: the references
    .venv/bin/python -m bench.routing --no-sprp --update-best-known   # lower them to the optimum

``--limit N`` takes N SPRP-SS instances spread over all sizes (default: all 2,400), each
routed as a single-block and as a two-block warehouse. Times are per route, parsing
included: wall clock (``ms``) and this thread's CPU time (``cpu``), which is what matters on
a shared machine.

The random set is ``--per-size`` floors (3–5 blocks, 6–24 aisles, random pitches, cross-aisle
widths and depot end) for each of 20, 50, 100 and 200 picks, drawn from ``--seed``. Its
best-known tour lengths are in ``bench/routing_best_known.json``, computed once by
``--compute-best-known`` (fast_tsp run until it converges, polished, and eight seeded
searches of 1,000 kicks per point; the shortest kept) and checked against a fingerprint of
each floor and its picks. Each route is planned ``--runs`` times: ``same`` counts the floors
whose route came out identical every time.

``optimal`` is the exact aisle sweep (``picking/routing/sweep.py``): its gap can only be zero
or negative, and a negative gap is a tour shorter than the stored best known (listed; with
``--update-best-known`` written to the table as the new best known). Entries the sweep
reaches are marked ``"proven": true`` by ``--update-best-known``. ``search`` is the repeatable
search ``optimal`` used on these floors before (``tsp.tsp_order``), run side by side.
``core cpu`` is the algorithm alone: the sweep from the points (it needs no distance
matrix), the search given the distance matrix. ``old fast_tsp`` is fast_tsp for a wall-clock
budget, the route before the repeatable search.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import fast_tsp

from picking.layout import Layout, Point
from picking.routing import ALGORITHMS, Stop, plan_route, route_stops, tour_length
from picking.routing.search import improve, whole_units
from picking.routing.sweep import sweep_optimum
from picking.routing.tsp import (
    closed_length,
    distance_array,
    distance_matrix,
    integer_matrix,
    polish,
    repeatable_tour,
    solve,
    starts,
    tsp_order,
)
from picking.sprp import read_optima, read_sprp
from warehouse.config import BlockSettings, DepotSettings, LayoutSettings


def sprp(data: Path, limit: int | None) -> None:
    files = sorted((data / "instances").glob("*.txt"))
    if not files:
        print(f"SPRP-SS data not found under {data}; skipping the optimum comparison.")
        return
    if limit:
        files = files[:: max(1, math.ceil(len(files) / limit))]
    optima = read_optima(data)
    print(f"SPRP-SS: {len(files)} instances, gap = % above the proven optimum")
    print(
        f"{'algorithm':12} {'blocks':>6} {'optimal':>8} {'mean gap':>9} {'worst gap':>9} "
        f"{'mean ms':>8} {'worst ms':>8} {'mean cpu':>8} {'worst cpu':>9}"
    )
    for two_block in (False, True):
        instances = [read_sprp(f, two_block) for f in files]
        for algorithm in ALGORITHMS:  # warm up: imports and first-call costs are not routing
            plan_route(instances[0].layout, instances[0].codes, algorithm)
        for algorithm in ALGORITHMS:
            gaps, times, cpu = [], [], []
            for instance in instances:
                best = optima[(instance.name, two_block)]
                started, on_cpu = time.perf_counter(), time.thread_time()
                route = plan_route(instance.layout, instance.codes, algorithm)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.thread_time() - on_cpu) * 1000)
                gaps.append((route.length_m - best) / best * 100)
            matched = sum(g < 1e-6 for g in gaps) / len(gaps) * 100
            print(
                f"{algorithm:12} {2 if two_block else 1:6d} {matched:7.1f}% "
                f"{statistics.mean(gaps):8.2f}% {max(gaps):8.2f}% "
                f"{statistics.mean(times):8.2f} {max(times):8.2f} "
                f"{statistics.mean(cpu):8.2f} {max(cpu):9.2f}"
            )


def random_layout(rng: random.Random) -> Layout:
    zones = "ABCDE"[: rng.randint(3, 5)]
    return Layout.from_settings(
        LayoutSettings(
            aisles=rng.randint(6, 24),
            aisle_pitch_m=rng.choice([2.5, 3.0, 4.0]),
            bay_pitch_m=rng.choice([0.8, 1.0, 1.3]),
            end_gap_m=rng.choice([0.5, 1.0, 1.5]),
            cross_aisle_width_m=rng.choice([0.0, 1.5, 3.0]),
            blocks=[BlockSettings(zone=z, bays=rng.randint(8, 30)) for z in zones],
            depot=DepotSettings(aisle=1, cross_aisle=rng.choice([0, len(zones)])),
        )
    )


SIZES = (20, 50, 100, 200)
BEST_KNOWN = Path(__file__).with_name("routing_best_known.json")


@dataclass(frozen=True)
class Case:
    key: str
    layout: Layout
    stops: list[Stop]


def random_set(seed: int, per_size: int) -> list[Case]:
    """``per_size`` random floors of 3–5 blocks for each pick count in ``SIZES``."""
    cases = []
    for picks in SIZES:
        for k in range(per_size):
            key = f"{seed}-{picks}-{k}"
            rng = random.Random(key)
            layout = random_layout(rng)
            points: set[Point] = set()
            while len(points) < picks:
                block = rng.choice(layout.blocks)
                bay = rng.randrange(block.bays)
                y = block.start_y + layout.end_gap_m + layout.bay_pitch_m * bay
                points.add(Point(rng.randrange(layout.aisles), y))
            stops = [Stop(p, (f"P{i:03d}",)) for i, p in enumerate(sorted(points))]
            cases.append(Case(key, layout, stops))
    return cases


def fingerprint(case: Case) -> str:
    text = repr(
        (
            case.layout.cross_aisles,
            case.layout.aisle_pitch_m,
            case.layout.depot,
            [s.point for s in case.stops],
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def long_search(case: Case) -> float:
    """The best tour of a long run: fast_tsp until it converges, and 8 long seeded searches."""
    points = [case.layout.depot, *(s.point for s in case.stops)]
    matrix = distance_matrix(case.layout, points)
    ints, _ = integer_matrix(matrix)
    tour = fast_tsp.find_tour(ints, float("inf"), stop_when_converged=True)
    start = tour.index(0)
    best = closed_length(polish(tour[start:] + tour[:start], matrix), matrix)
    units = whole_units(matrix)
    for index, opening in enumerate(starts(case.layout, points) * 4):
        found = improve(opening, units, kicks=1000 * len(points), seed=1000 + index)
        best = min(best, closed_length(found, matrix))
    return best


def compute_best_known(seed: int, per_size: int) -> None:
    """Adds (or replaces) the set of ``seed`` in the stored table; other seeds' sets stay."""
    table = json.loads(BEST_KNOWN.read_text(encoding="utf-8")) if BEST_KNOWN.exists() else {}
    for case in random_set(seed, per_size):
        started = time.perf_counter()
        table[case.key] = {"fingerprint": fingerprint(case), "best_m": round(long_search(case), 6)}
        print(f"{case.key}: {table[case.key]['best_m']} m ({time.perf_counter() - started:.1f} s)")
    BEST_KNOWN.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {BEST_KNOWN}")


def old_path(layout: Layout, stops: list[Stop]) -> list[Stop]:
    """Today's route before this change: fast_tsp for a wall-clock budget, then polish."""
    points = [layout.depot, *(s.point for s in stops)]
    tour = solve(distance_matrix(layout, points), None, exact=False)
    return [stops[i - 1] for i in tour[1:]]


def random_layouts(seed: int, per_size: int, runs: int, update: bool) -> None:
    cases = random_set(seed, per_size)
    known = json.loads(BEST_KNOWN.read_text(encoding="utf-8")) if BEST_KNOWN.exists() else {}
    usable = all(known.get(c.key, {}).get("fingerprint") == fingerprint(c) for c in cases)
    if not usable:
        print(f"\n{BEST_KNOWN.name} does not hold this set; run with --compute-best-known first.")
        return
    for warm in ("optimal", "combined"):  # compile/load numba and build the tables first
        route_stops(cases[0].layout, cases[0].stops, warm)
    tsp_order(cases[0].layout, cases[0].stops)
    for case in cases:  # the sweep's tables for every number of cross-aisles in the set
        sweep_optimum(case.layout, case.stops[:1])
    print(
        f"\nRandom floors of 3–5 blocks: {per_size} per size, seed {seed}, {runs} runs each; "
        "gap = % above the best known tour (bench/routing_best_known.json)"
    )
    print(
        f"{'method':14} {'picks':>5} {'mean gap':>9} {'worst gap':>9} {'>0.1%':>5} "
        f"{'same':>5} {'ms mean':>8} {'ms max':>7} {'cpu mean':>8} {'cpu max':>7} "
        f"{'core cpu':>8} {'core max':>8}"
    )
    methods: list[tuple[str, Callable[[Layout, list[Stop]], list[Stop]]]] = [
        ("optimal", lambda layout, stops: route_stops(layout, stops, "optimal").stops),
        ("search", tsp_order),
        ("old fast_tsp", old_path),
        *(
            (name, lambda layout, stops, n=name: route_stops(layout, stops, n).stops)
            for name in ("combined", "largest-gap", "s-shape")
        ),
    ]
    shorter: dict[str, float] = {}
    reached: set[str] = set()
    for name, method in methods:
        for picks in SIZES:
            group = [c for c in cases if len(c.stops) == picks]
            gaps, wall, cpu, core, same = [], [], [], [], 0
            for case in group:
                orders = []
                best = known[case.key]["best_m"]
                for _ in range(runs):
                    started, on_cpu = time.perf_counter(), time.thread_time()
                    order = method(case.layout, case.stops)
                    wall.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.thread_time() - on_cpu) * 1000)
                    orders.append([s.point for s in order])
                    length = tour_length(case.layout, orders[-1])
                    gaps.append((length - best) / best * 100)
                same += all(o == orders[0] for o in orders)
                if name == "optimal":  # the sweep alone: it needs no distance matrix
                    on_cpu = time.thread_time()
                    sweep_optimum(case.layout, case.stops)
                    core.append((time.thread_time() - on_cpu) * 1000)
                    if length < best - 1e-6:
                        shorter[case.key] = length
                    if length <= best + 1e-6:
                        reached.add(case.key)
                elif name == "search":  # the search alone, given the distance matrix
                    points = [case.layout.depot, *(s.point for s in case.stops)]
                    matrix = distance_array(case.layout, points)
                    openings = starts(case.layout, points)
                    on_cpu = time.thread_time()
                    repeatable_tour(matrix, openings)
                    core.append((time.thread_time() - on_cpu) * 1000)
            over = sum(g > 0.1 for g in gaps)
            cores = f"{statistics.mean(core):8.2f} {max(core):8.2f}" if core else f"{'':17}"
            print(
                f"{name:14} {picks:5d} {statistics.mean(gaps):8.3f}% {max(gaps):8.3f}% "
                f"{over:5d} {same:2d}/{len(group):<2d} {statistics.mean(wall):8.2f} "
                f"{max(wall):7.2f} {statistics.mean(cpu):8.2f} {max(cpu):7.2f} {cores}"
            )
    print(
        f"optimal (exact) reaches the best known on {len(reached)}/{len(cases)} floors and is "
        f"shorter on {len(shorter)}"
        + "".join(
            f"\n  {key}: {length:.6f} m, was {known[key]['best_m']}"
            for key, length in sorted(shorter.items())
        )
    )
    if update:
        for key in reached:
            if key in shorter:
                known[key]["best_m"] = round(shorter[key], 6)
            known[key]["proven"] = True
        BEST_KNOWN.write_text(json.dumps(known, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {BEST_KNOWN}: {len(shorter)} new best known, {len(reached)} marked proven")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/sprp-ss"))
    parser.add_argument("--limit", type=int, default=None, help="SPRP-SS instances to use")
    parser.add_argument("--per-size", type=int, default=10, help="random floors per pick count")
    parser.add_argument("--runs", type=int, default=3, help="runs of each route (repeatability)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-sprp", action="store_true", help="only the random multi-block set")
    parser.add_argument(
        "--compute-best-known",
        action="store_true",
        help=f"long searches for the random set's best tours, written to {BEST_KNOWN.name}",
    )
    parser.add_argument(
        "--update-best-known",
        action="store_true",
        help=f"write the exact sweep's shorter tours to {BEST_KNOWN.name}, mark optima proven",
    )
    args = parser.parse_args()
    if args.compute_best_known:
        compute_best_known(args.seed, args.per_size)
        return
    if not args.no_sprp:
        sprp(args.data, args.limit)
    if args.per_size:
        random_layouts(args.seed, args.per_size, args.runs, args.update_best_known)


if __name__ == "__main__":
    main()
