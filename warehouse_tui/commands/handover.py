"""``wms handover open|scan|close|end-of-day CARRIER``: the dock's handover to a courier."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import select

from shipping.handover import handover_name, open_handover, scan_parcel
from shipping.handover_day import close_and_print, end_of_day
from warehouse.audit import Actor
from warehouse.errors import WarehouseError
from warehouse.models import User
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "handover",
        help="hand parcels over to a carrier's courier (出库交接)",
        description="Open a handover for a carrier, scan parcels onto it, close it (prints the 交接单).",
    )
    parser.add_argument("action", choices=["open", "scan", "close", "end-of-day"])
    parser.add_argument("carrier", nargs="?", default="", help="carrier code, e.g. SF")
    parser.add_argument("numbers", nargs="*", help="scan: tracking numbers (or read stdin)")
    parser.add_argument("--badge", default="", help="the packer's or supervisor's badge")
    parser.add_argument("--out", type=Path, default=None, help="folder for the manifest PDF")
    parser.set_defaults(handler=_handover)


def _actor(ctx: Context, badge: str) -> Actor:
    if not badge:
        return Actor.system("cli-handover")
    with ctx.database.unit_of_work(read_only=True) as session:
        user = session.scalars(select(User).where(User.badge == badge)).first()
        if user is None:
            raise WarehouseError(f"No user has the badge {badge}.")
        return Actor.of(user)


def _handover(args: argparse.Namespace, ctx: Context) -> int:
    actor = _actor(ctx, args.badge)
    language = ctx.settings.language
    carrier = args.carrier.upper()
    if args.action != "end-of-day" and not carrier:
        raise WarehouseError("Name the carrier, e.g. wms handover open SF.")
    if args.action == "open":
        with ctx.database.unit_of_work() as session:
            handover = open_handover(session, actor, carrier, ctx.settings)
            print(f"{handover_name(handover)} {carrier} open")
        return 0
    if args.action == "scan":
        if not args.badge:
            raise WarehouseError("Scanning needs the packer's badge: --badge B.")
        numbers = args.numbers or [line.strip() for line in iter(input, "")]
        refused = 0
        for number in numbers:
            with ctx.database.unit_of_work() as session:
                answer = scan_parcel(session, actor, carrier, number)
            print(("\a" if answer.bell else "") + answer.message.render(language))
            refused += not answer.accepted
        return 1 if refused else 0
    if args.action == "close":
        closed = close_and_print(ctx.database, ctx.settings, actor, carrier, out_dir=args.out)
        m = closed.manifest
        print(
            f"{closed.name} {carrier}: {len(m.rows)} parcels, {m.total_weight} kg, "
            f"COD {m.total_cod}, left behind {len(m.left_behind)}; manifest {closed.path}"
        )
        return 0
    closed_all, queued = end_of_day(ctx.database, ctx.settings, actor, out_dir=args.out)
    for closed in closed_all:
        print(f"{closed.name} {closed.manifest.carrier_code} closed; manifest {closed.path}")
    print(f"{queued} packed parcels not handed over are in the supervisor's queue")
    return 0
