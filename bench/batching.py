"""Batching benchmark: our savings + local search with optimal routes against first-come-
first-served carts with S-shape routes (a typical system), and one order per trip.

Run from the repository root::

    .venv/bin/python -m bench.batching [--sets 5] [--orders 100] [--seed 1]

Order sets: ``--orders`` orders of 1–20 lines (one item each) at uniformly drawn locations;
carts of 30 and 75 items (totes, weight and volume not binding). Two layouts: the
Henn–Wäscher single block (10 aisles × 45 bays, 5 m pitch, depot at the front of aisle 1)
and the two-block layout of the shipped ``config.toml``.
"""

from __future__ import annotations

import argparse
import random
import time
from functools import partial

from picking.batching import (
    Order,
    first_come_first_served,
    one_order_per_trip,
    plan_batches,
    route_estimator,
)
from picking.layout import Layout
from picking.routing import plan_route
from warehouse.config import BlockSettings, CartSettings, DepotSettings, LayoutSettings

LAYOUTS = {
    "henn-waescher 1 block": LayoutSettings(
        aisles=10,
        aisle_pitch_m=5.0,
        bay_pitch_m=1.0,
        end_gap_m=1.5,
        blocks=[BlockSettings(zone="A", bays=45)],
        depot=DepotSettings(aisle=1, cross_aisle=0),
    ),
    "config.toml 2 blocks": LayoutSettings(),
}


def random_orders(layout: Layout, count: int, rng: random.Random) -> list[Order]:
    orders = []
    for n in range(count):
        lines = rng.randint(1, 20)
        codes = []
        for _ in range(lines):
            block = rng.choice(layout.blocks)
            codes.append(
                f"{block.zone}-{rng.randint(1, layout.aisles):02d}-"
                f"{rng.randint(1, block.bays):02d}-{rng.randint(1, layout.levels)}-"
                f"{rng.choice(layout.bins)}"
            )
        orders.append(Order(f"SO{n:04d}", tuple(codes), lines, 0.5 * lines, 2.0 * lines))
    return orders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=5, help="order sets per case")
    parser.add_argument("--orders", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=3.0, help="planning seconds")
    args = parser.parse_args()
    print(
        f"{'layout':24} {'cap':>4} {'1/trip m':>9} {'FCFS+S m':>9} {'ours m':>9} "
        f"{'ours/FCFS':>9} {'ours/1trip':>10} {'carts':>9} {'s/set':>6}"
    )
    for name, settings in LAYOUTS.items():
        layout = Layout.from_settings(settings)
        optimal = partial(plan_route, layout, algorithm="optimal")
        s_shape = partial(plan_route, layout, algorithm="s-shape")
        estimate = route_estimator(layout)
        for capacity in (30, 75):
            cart = CartSettings(totes=40, max_items=capacity, max_weight_kg=1e6, max_volume_l=1e6)
            rng = random.Random(args.seed)
            single = fcfs = ours = 0.0
            carts_fcfs = carts_ours = 0
            seconds = 0.0
            for _ in range(args.sets):
                orders = random_orders(layout, args.orders, rng)
                single += sum(b.length_m for b in one_order_per_trip(orders, optimal))
                baseline = first_come_first_served(orders, cart, s_shape)
                fcfs += sum(b.length_m for b in baseline)
                started = time.perf_counter()
                planned = plan_batches(
                    orders,
                    cart,
                    optimal,
                    estimate=estimate,
                    layout=layout,
                    time_limit_s=args.time_limit,
                )
                seconds += time.perf_counter() - started
                ours += sum(b.length_m for b in planned)
                carts_fcfs += len(baseline)
                carts_ours += len(planned)
            print(
                f"{name:24} {capacity:4d} {single:9.0f} {fcfs:9.0f} {ours:9.0f} "
                f"{ours / fcfs:9.3f} {ours / single:10.3f} "
                f"{carts_ours:4d}/{carts_fcfs:<4d} {seconds / args.sets:6.2f}"
            )
    print("ratio < 1 means our plan walks less; carts = ours/FCFS; s/set = our planning time")


if __name__ == "__main__":
    main()
