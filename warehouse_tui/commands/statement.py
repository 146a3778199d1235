"""``wms statement``: the per-merchant billing statement for a period, as CSV or PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from labels.statement_pdf import statement_pdf_for
from warehouse.db import read_as_of
from warehouse.errors import WarehouseError
from warehouse.reports.statement import merchant_statements
from warehouse.reports.statement_csv import statement_csv
from warehouse_tui.commands.figures import add_window, cli_supervisor, window_of
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "statement",
        help="per-merchant statement for billing (CSV or PDF)",
        description="Per merchant: orders, lines, units picked, parcels by box size, packing "
        "materials, returns received and storage occupied (location-days), for whole days in "
        "the site's time zone.",
    )
    parser.add_argument("--merchant", help="the merchant's mall id (default: every merchant)")
    add_window(parser)
    parser.add_argument("--csv", type=Path, help="write CSV to this file")
    parser.add_argument("--pdf", type=Path, help="write PDF to this file")
    parser.set_defaults(handler=_statement)


def _statement(args: argparse.Namespace, ctx: Context) -> int:
    window = window_of(args, ctx.settings.site.timezone)
    replica = ctx.database.reads_replica()
    with ctx.database.unit_of_work(read_only=True, replica=True) as session:
        statements = merchant_statements(session, cli_supervisor(), window, args.merchant)
        if replica:  # a replica lags: say how fresh these figures are
            print(
                f"Read from the replica, as of {read_as_of(session):%Y-%m-%d %H:%M:%S} UTC.",
                file=sys.stderr,
            )
    if args.merchant and not statements:
        raise WarehouseError(f"No merchant '{args.merchant}'.")
    if args.csv is None and args.pdf is None:
        print(statement_csv(window, statements), end="")
    if args.csv is not None:
        args.csv.write_text(statement_csv(window, statements), encoding="utf-8")
        print(f"Wrote {args.csv}.")
    if args.pdf is not None:
        args.pdf.write_bytes(statement_pdf_for(ctx.settings, window, statements))
        print(f"Wrote {args.pdf}.")
    return 0
