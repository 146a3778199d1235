"""``wms allocate [--dry-run] [--limit N]``: reserve stock for released orders, most urgent first."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table

from warehouse.allocation import AllocationSummary, allocate_pending
from warehouse.audit import Actor
from warehouse.errors import WarehouseError
from warehouse.priority import refresh_priorities
from warehouse.schema_check import require_current_schema
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "allocate",
        help="reserve stock for released orders",
        description="Reserve each released order's own merchant's stock, most urgent first; "
        "short orders are tried again once per run.",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would happen, then undo it all"
    )
    parser.add_argument("--limit", type=_positive, default=None, help="at most N orders")
    parser.add_argument(
        "--no-retry-short", action="store_true", help="leave orders already short alone"
    )
    parser.set_defaults(handler=_allocate)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError("must be a whole number above zero")
    return int(text)


def _allocate(args: argparse.Namespace, ctx: Context) -> int:
    require_current_schema(ctx.database)
    settings = ctx.settings
    now = datetime.now(UTC)
    try:
        today = now.astimezone(ZoneInfo(settings.site.timezone)).date()
    except (KeyError, ValueError):
        raise WarehouseError(f"The site time zone {settings.site.timezone!r} is unknown.") from None
    actor = Actor.system("allocation")  # the run is the allocator's work, started from a shell
    if not args.dry_run:  # a dry run changes nothing, not even priorities
        with ctx.database.unit_of_work() as session:
            refresh_priorities(session, settings, actor, now)
    summary = allocate_pending(
        ctx.database,
        actor=actor,
        limit=args.limit,
        dry_run=args.dry_run,
        today=today,
        retry_short=not args.no_retry_short,
    )
    _print(summary)
    return 1 if summary.failures else 0


def _print(summary: AllocationSummary) -> None:
    console = Console()
    title = "Allocation (dry run, undone)" if summary.dry_run else "Allocation"
    table = Table(title=title)
    table.add_column("orders")
    table.add_column("count", justify="right")
    table.add_row("allocated in full", str(summary.allocated))
    table.add_row("partially allocated", str(summary.partial))
    table.add_row("short (nothing reserved)", str(summary.short))
    table.add_row("shortage cases opened", str(summary.cases_opened))
    table.add_row("replenishment requests", str(summary.replenishments))
    console.print(table)
    if summary.processed == 0:
        console.print("No order is waiting for stock.")
    for failure in summary.failures:
        console.print(f"[red]Not allocated:[/red] {failure}")
