"""``wms tracking --once|--watch``: pull carriers' tracking events, receive pushed ones, and
queue parcels not signed in time."""

from __future__ import annotations

import argparse
import time

import httpx

from shipping.delivery_exceptions import check_overdue
from shipping.tracking_feed import adapter_for, pull, secret_for, start_endpoint
from warehouse_tui.context import Context


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
    parts = []
    for entry in ctx.settings.delivery.tracking:
        adapter = adapter_for(ctx.settings, entry.carrier)
        if adapter is None:
            continue
        try:
            result = pull(ctx.database, entry.carrier, adapter)
        except httpx.HTTPError as exc:
            parts.append(f"{entry.carrier}: not reachable ({type(exc).__name__})")
            continue
        parts.append(f"{entry.carrier}: {result.stored} new, {len(result.changes)} changes")
    with ctx.database.unit_of_work() as session:
        late = check_overdue(session, ctx.settings.delivery.not_signed_after_days)
    return "; ".join(parts) + f"; {late} overdue"


def _tracking(args: argparse.Namespace, ctx: Context) -> int:
    delivery = ctx.settings.delivery
    endpoint = None
    if args.watch and delivery.push_port:
        secrets = {e.carrier: secret_for(ctx.settings, e.carrier) for e in delivery.tracking}
        endpoint = start_endpoint(ctx.database, secrets, port=delivery.push_port)
        print(f"push endpoint at {endpoint.base_url}/carriers/<code>/events", flush=True)
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
