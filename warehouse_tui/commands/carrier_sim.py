"""``wms carrier-sim --port P``: the reference carrier's tracking API on loopback."""

from __future__ import annotations

import argparse
import time

from shipping.carrier_sim.server import start_carrier_sim
from shipping.carrier_sim.store import CarrierStore
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "carrier-sim",
        help="serve the reference carrier (tracking events) for the demo and tests",
        description="Serve the reference carrier on loopback; with --step S every parcel "
        "moves one status every S seconds. Ctrl-C stops it.",
    )
    parser.add_argument("--port", type=int, default=8766, help="TCP port (0 picks a free one)")
    parser.add_argument(
        "--step", type=float, default=0.0, help="seconds between moves (0: only POST /_sim/advance)"
    )
    parser.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace, ctx: Context) -> int:
    carrier = start_carrier_sim(CarrierStore(), port=args.port)
    print(f"reference carrier at {carrier.base_url} (events: /api/v1/events)", flush=True)
    try:
        while True:
            time.sleep(args.step or 3600)
            if args.step:
                carrier.store.advance()
    except KeyboardInterrupt:
        return 0
    finally:
        carrier.stop()
