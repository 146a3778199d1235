"""``wms allocate [--dry-run] [--limit N]``: reserve stock for released orders, most urgent first."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.sql import functions

from warehouse.allocation import AllocationSummary, allocate_pending
from warehouse.allocation.queue import waiting
from warehouse.allocation.yielding import yield_to_floor
from warehouse.audit import Actor
from warehouse.errors import WarehouseError
from warehouse.models import Order
from warehouse.models.base import utcnow
from warehouse.priority import refresh_priorities
from warehouse.schema_check import require_current_schema
from warehouse_tui.context import Context
from warehouse_tui.progress import polling, showing


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
    parser.add_argument(
        "--set-size",
        type=_positive,
        default=200,
        help="orders per transaction (default 200); while the floor picks, a small set (20) "
        "holds the shelves' stock rows for less time (see docs/floor-load.md)",
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
    # background work: the scans come first ([allocation] nice and pause_ratio)
    pace = yield_to_floor(ctx.database, settings)
    if not args.dry_run:  # a dry run changes nothing, not even priorities
        with ctx.database.unit_of_work() as session:
            refresh_priorities(session, settings, actor, now)
    retry_short = not args.no_retry_short
    console = Console()
    started_at = utcnow()
    total = _waiting(ctx, started_at, retry_short)
    if args.limit is not None:
        total = min(total, args.limit)

    def done() -> int:  # orders that left the queue, by this run or by others beside it
        if args.dry_run:  # nothing is committed: nothing to count from outside
            return 0
        return min(total, max(0, total - _waiting(ctx, started_at, retry_short)))

    with (
        showing("allocation", unit="orders", total=total, console=console) as progress,
        polling(progress, done),
    ):
        summary = allocate_pending(
            ctx.database,
            actor=actor,
            limit=args.limit,
            dry_run=args.dry_run,
            today=today,
            retry_short=retry_short,
            set_size=args.set_size,
            pace=pace,
        )
    _print(summary, console)
    return 1 if summary.failures else 0


def _waiting(ctx: Context, started_at: datetime, retry_short: bool) -> int:
    with ctx.database.unit_of_work(read_only=True) as session:
        query = select(functions.count()).select_from(Order).where(waiting(started_at, retry_short))
        return int(session.scalar(query) or 0)


def _print(summary: AllocationSummary, console: Console) -> None:
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
