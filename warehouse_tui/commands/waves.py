"""``wms waves plan``: group allocated orders into cart batches with the shortest walks."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from rich.console import Console
from rich.table import Table

from picking.batching import Budget
from picking.waves import WavePlan, plan_wave
from warehouse_tui.context import Context
from warehouse_tui.operator import shell_operator
from warehouse_tui.progress import showing


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "waves", help="pick waves", description="Plan and release pick waves."
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    plan = actions.add_parser(
        "plan",
        help="batch the allocated orders into carts and release them as a wave",
        description="Batch allocated orders into carts (cart limits from config.toml), route each "
        "cart, and show the walk saved against one order per trip and against first-come-first-"
        "served carts walked S-shape.",
    )
    plan.add_argument("--dry-run", action="store_true", help="show the plan without creating it")
    plan.add_argument("--limit", type=int, default=None, help="at most this many orders")
    plan.add_argument(
        "--passes",
        type=int,
        default=Budget().passes,
        help="local-search passes at most (work, not time: the same orders give the same plan)",
    )
    plan.set_defaults(handler=_plan)


def _plan(args: argparse.Namespace, ctx: Context) -> int:
    actor = shell_operator()
    console = Console()
    with (
        showing("wave planning", unit="orders", console=console) as progress,
        ctx.database.unit_of_work() as session,
    ):
        plan = plan_wave(
            session,
            ctx.settings,
            actor,
            now=datetime.now(UTC),
            dry_run=args.dry_run,
            limit=args.limit,
            budget=Budget(passes=args.passes),
            progress=progress,
        )
    if plan is None:
        console.print("No allocated orders are waiting for a wave.")
        return 0
    _show(console, plan, args.dry_run)
    return 0


def _show(console: Console, plan: WavePlan, dry_run: bool) -> None:
    table = Table(title=f"Wave {plan.code}{' (dry run: nothing created)' if dry_run else ''}")
    for column in ("batch", "orders", "items", "stops", "walk m", "urgent"):
        table.add_column(column, justify="right" if column not in ("batch", "urgent") else "left")
    for batch in plan.batches:
        table.add_row(
            batch.code,
            str(len(batch.order_sns)),
            str(batch.items),
            str(batch.stops),
            f"{batch.length_m:.0f}",
            "yes" if batch.urgent else "",
        )
    console.print(table)
    console.print(
        f"{plan.orders} orders in {len(plan.batches)} carts: {plan.walk_m:.0f} m of walking; "
        f"one order per trip {plan.one_per_trip_m:.0f} m ({plan.saving(plan.one_per_trip_m):.0%} saved); "
        f"first-come-first-served carts, S-shape {plan.fcfs_s_shape_m:.0f} m "
        f"({plan.saving(plan.fcfs_s_shape_m):.0%} saved)."
    )
