"""``wms tracking --once|--watch``: pull carriers' tracking events, receive pushed ones, and
queue parcels not signed in time (one round: ``warehouse_tui.tracking_work``)."""

from __future__ import annotations

import argparse
import time

from shipping.tracking_feed import secret_for, start_endpoint
from warehouse_tui.context import Context
from warehouse_tui.tracking_work import builtin_carriers, pulled_carriers, tracking_round


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "tracking",
        help="hear carriers' tracking events (pull, and the push endpoint)",
        description="Pull tracking events of every [[delivery.tracking]] carrier; with --watch "
        "keep pulling and serve the push endpoint on delivery.push_port.",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true")
    mode.add_argument("--watch", action="store_true")
    parser.set_defaults(handler=_tracking)


def _round(ctx: Context) -> str:
    return tracking_round(ctx.database, ctx.settings, pulled_carriers(ctx.settings)).line()


def _tracking(args: argparse.Namespace, ctx: Context) -> int:
    delivery = ctx.settings.delivery
    endpoint = None
    if args.watch and delivery.push_port:
        secrets = {e.carrier: secret_for(ctx.settings, e.carrier) for e in delivery.tracking}
        endpoint = start_endpoint(ctx.database, secrets, port=delivery.push_port)
        print(f"push endpoint at {endpoint.base_url}/carriers/<code>/events", flush=True)
    inside = builtin_carriers(ctx.settings)
    if inside:
        print(
            f'{", ".join(inside)}: base_url = "builtin", heard by the app itself (wms).',
            flush=True,
        )
    try:
        while True:
            print(f"[{time.strftime('%H:%M:%S')}] {_round(ctx)}", flush=True)
            if args.once:
                return 0
            time.sleep(delivery.poll_interval_s)
    except KeyboardInterrupt:
        return 0
    finally:
        if endpoint is not None:
            endpoint.stop()
