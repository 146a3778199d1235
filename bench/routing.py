"""Routing benchmark: every algorithm on the SPRP-SS instances against their proven optima,
and ``optimal`` on random layouts of 3–5 blocks against the best of several strong searches.

Run from the repository root::

    .venv/bin/python -m bench.routing [--limit N] [--random 30] [--data ../shared/data/sprp-ss]

``--limit N`` takes N instances spread over all sizes (default: all 2,400), each routed as a
single-block and as a two-block warehouse. Times are per route, parsing included: wall clock
(``ms``) and this thread's CPU time (``cpu``), which is what matters on a shared machine.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from pathlib import Path

from picking.layout import Layout, Point
from picking.routing import ALGORITHMS, Stop, plan_route, route_stops, tour_length
from picking.routing.tsp import closed_length, distance_matrix, polish, solve
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


def strong_reference(layout: Layout, stops: list[Stop], rng: random.Random) -> float:
    """Best of: fast_tsp for 1 s (polished), and 2-opt + Or-opt from three starts."""
    points = [layout.depot, *(s.point for s in stops)]
    matrix = distance_matrix(layout, points)
    best = closed_length(solve(matrix, 1.0, exact=False), matrix)
    starts = [list(range(len(points)))]
    for _ in range(2):
        shuffled = list(range(1, len(points)))
        rng.shuffle(shuffled)
        starts.append([0, *shuffled])
    for start in starts:
        best = min(best, closed_length(polish(start, matrix), matrix))
    return best


def random_layouts(count: int, seed: int) -> None:
    rng = random.Random(seed)
    gaps, times, worse = [], [], 0
    for n in range(count):
        layout = random_layout(rng)
        picks = 20 + (180 * n) // max(1, count - 1)
        points = set()
        for _ in range(picks):
            block = rng.choice(layout.blocks)
            y = block.start_y + layout.end_gap_m + layout.bay_pitch_m * rng.randrange(block.bays)
            points.add(Point(rng.randrange(layout.aisles), y))
        stops = [Stop(p, (f"P{i:03d}",)) for i, p in enumerate(sorted(points))]
        started = time.perf_counter()
        route = route_stops(layout, stops, "optimal")
        times.append((time.perf_counter() - started) * 1000)
        reference = strong_reference(layout, stops, rng)
        assert abs(route.length_m - tour_length(layout, (s.point for s in route.stops))) < 1e-6
        gap = (route.length_m - reference) / reference * 100
        gaps.append(gap)
        worse += gap > 1e-6
    print(
        f"\nRandom layouts with 3–5 blocks, 20–200 picks: {count} routes, optimal vs the best of "
        f"fast_tsp 1 s + polish and 2-opt/Or-opt from 3 starts"
    )
    print(
        f"gap mean {statistics.mean(gaps):.3f}%  worst {max(gaps):.3f}%  "
        f"routes longer than the reference {worse}/{count}  "
        f"time mean {statistics.mean(times):.1f} ms  worst {max(times):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/sprp-ss"))
    parser.add_argument("--limit", type=int, default=None, help="SPRP-SS instances to use")
    parser.add_argument("--random", type=int, default=30, help="random multi-block routes")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sprp(args.data, args.limit)
    if args.random:
        random_layouts(args.random, args.seed)


if __name__ == "__main__":
    main()
