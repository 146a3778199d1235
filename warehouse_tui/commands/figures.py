"""``wms figures``: the shift's figures for a period, printed or exported to CSV."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from warehouse.audit import Actor
from warehouse.db import read_as_of
from warehouse.errors import WarehouseError
from warehouse.reports.figures import shift_figures
from warehouse.reports.figures_csv import figures_csv, figures_rows
from warehouse.reports.window import Window
from warehouse_tui.context import Context


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-24") from None


def window_of(args: argparse.Namespace, zone: str) -> Window:
    """Whole days in the site's time zone (``site.timezone``)."""
    today = datetime.now(ZoneInfo(zone)).date()
    first: date = args.from_day or today
    last: date = args.to_day or first
    if last < first:
        raise WarehouseError("--to is before --from.")
    return Window.days(first, last, zone)


def add_window(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="from_day",
        type=day,
        help="first day (default today, in the site's time zone)",
    )
    parser.add_argument("--to", dest="to_day", type=day, help="last day, included (default --from)")


def cli_supervisor() -> Actor:
    return Actor(name=f"cli:{getpass.getuser()}", role="supervisor")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "figures",
        help="shift figures (throughput, stage times, accuracy, lateness)",
        description="Orders and lines per hour (overall, per picker and packer), stage durations "
        "with the slowest stage, short-pick rate, pick accuracy, walking metres per line and "
        "late orders per carrier, for whole days in the site's time zone.",
    )
    add_window(parser)
    parser.add_argument("--csv", type=Path, help="write the figures to this CSV file")
    parser.set_defaults(handler=_figures)


def _figures(args: argparse.Namespace, ctx: Context) -> int:
    window = window_of(args, ctx.settings.site.timezone)
    replica = ctx.database.reads_replica()
    with ctx.database.unit_of_work(read_only=True, replica=True) as session:
        figures = shift_figures(session, cli_supervisor(), window)
        if replica:  # a replica lags: say how fresh these figures are
            print(
                f"Read from the replica, as of {read_as_of(session):%Y-%m-%d %H:%M:%S} UTC.",
                file=sys.stderr,
            )
    if args.csv is not None:
        args.csv.write_text(figures_csv(figures), encoding="utf-8")
        print(f"Wrote {args.csv}.")
        return 0
    for section, subject, figure, value in figures_rows(figures):
        print(f"{section:8} {subject:18} {figure:18} {value}")
    return 0
