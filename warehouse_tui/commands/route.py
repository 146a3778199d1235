"""``wms route``: the shortest walk through given locations, or through an SPRP-SS instance."""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from picking.layout import Layout
from picking.routing import ALGORITHMS, Route, plan_route
from picking.sprp import read_sprp
from warehouse.errors import WarehouseError
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "route",
        help="plan a pick route",
        description="Plan the walk through some locations of the configured layout (--locations) "
        "or through a benchmark instance (--sprp).",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--locations", help="comma-separated location codes, e.g. A-03-12-2-B,B-07-01-1-A"
    )
    source.add_argument("--sprp", type=Path, help="an SPRP-SS instance file")
    parser.add_argument(
        "--two-block", action="store_true", help="with --sprp: the two-block variant"
    )
    parser.add_argument("--algorithm", default="optimal", choices=list(ALGORITHMS))
    parser.add_argument("--json", action="store_true", help="print {length, stops, ms} as JSON")
    parser.add_argument(
        "--map", action="store_true", help="draw the route on a text map of the layout"
    )
    parser.set_defaults(handler=_route)


def _route(args: argparse.Namespace, ctx: Context) -> int:
    if args.sprp is not None:
        if not args.sprp.is_file():
            raise WarehouseError(f"{args.sprp}: no such instance file.")
        instance = read_sprp(args.sprp, two_block=args.two_block)
        layout, codes = instance.layout, list(instance.codes)
    else:
        layout = Layout.from_settings(ctx.settings.layout)
        codes = [c.strip() for c in args.locations.split(",") if c.strip()]
        if not codes:
            raise WarehouseError("--locations needs at least one location code.")
    started = time.perf_counter()
    route = plan_route(layout, codes, args.algorithm)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if args.json:
        print(
            json.dumps(
                {
                    "length": round(route.length_m, 3),
                    "stops": [list(s.codes) for s in route.stops],
                    "ms": round(elapsed_ms, 3),
                    "algorithm": route.algorithm,
                },
                ensure_ascii=False,
            )
        )
        return 0
    _print(route, elapsed_ms)
    if args.map:
        from picking.map import render_map

        size = shutil.get_terminal_size((80, 24))
        print(
            "\n".join(
                render_map(
                    layout, route, width=min(size.columns, 120), height=max(size.lines - 4, 12)
                )
            )
        )
    return 0


def _print(route: Route, elapsed_ms: float) -> None:
    print(
        f"{route.algorithm}: {len(route.stops)} stops, {route.length_m:.1f} m ({elapsed_ms:.1f} ms)"
    )
    for number, stop in enumerate(route.stops, start=1):
        print(f"{number:>3}. {', '.join(stop.codes)}")
