"""``wms returns report [--csv FILE]``: return analytics for a supervisor."""

from __future__ import annotations

import argparse
from pathlib import Path

from returns.report import report, to_csv
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "returns", help="after-sales returns", description="After-sales returns."
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    rep = actions.add_parser(
        "report", help="return rate, reasons and grades per SKU, merchant and carrier"
    )
    rep.add_argument("--csv", type=Path, default=None, help="write the report to this CSV file")
    rep.set_defaults(handler=_report)


def _report(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.database.unit_of_work(read_only=True) as session:
        rows = report(session, ctx.settings.returns)
    text = to_csv(rows)
    if args.csv is not None:
        args.csv.write_text(text, encoding="utf-8")
        print(f"Wrote {len(rows)} rows to {args.csv}.")
    else:
        print(text, end="")
    return 0
