"""``wms sweep``: give back carts abandoned on the floor (no scan for ``abandon_after_min``)
and raise count tasks for pick faces running low, once or, with ``--watch``, every so often
until Ctrl-C."""

from __future__ import annotations

import argparse
import time

from picking.floor import Floor, release_abandoned
from picking.floor.counts import raise_low_stock_counts
from warehouse.audit import Actor
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sweep",
        help="give back abandoned carts",
        description="Give back carts nobody has scanned for picking.abandon_after_min minutes "
        "(progress kept), so that another picker can take them.",
    )
    parser.add_argument("--watch", action="store_true", help="keep sweeping until Ctrl-C")
    parser.add_argument(
        "--interval", type=float, default=60.0, help="seconds between sweeps with --watch"
    )
    parser.set_defaults(handler=_sweep)


SWEEP = Actor.system("sweep")


def sweep_once(ctx: Context) -> tuple[list[str], int]:
    """Carts given back (idle by the database's clock), and count tasks raised for shelves
    running low."""
    floor = Floor.from_settings(ctx.settings)
    with ctx.database.unit_of_work() as session:
        released = release_abandoned(session, SWEEP, floor=floor)
        counts = raise_low_stock_counts(session, SWEEP)
    return released, counts


def _sweep(args: argparse.Namespace, ctx: Context) -> int:
    while True:
        released, counts = sweep_once(ctx)
        if released:
            print(f"given back: {', '.join(released)}", flush=True)
        if counts:
            print(f"count tasks raised for low stock: {counts}", flush=True)
        if not args.watch:
            return 0
        try:
            time.sleep(args.interval)
        except KeyboardInterrupt:
            return 0
