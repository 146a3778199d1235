"""``wms sync``: pull orders from the mall and push the outbox, once or continuously."""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.progress import Progress

from sync.client import MallClient
from sync.errors import MallError
from sync.ingest import IngestStats
from sync.intake import IntakeContext
from sync.pusher import PushStats, backlog
from sync.service import SyncSummary, run_once
from sync.stock_sync import StockFlusher, resend_all
from warehouse.errors import ConfigError
from warehouse.key_rotation import opening_cipher
from warehouse_tui.context import Context
from warehouse_tui.crashlog import write_crash_log
from warehouse_tui.progress import columns

LARGE_BACKLOG = 500


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="exchange orders and status with the mall",
        description="Pull new and changed orders from the mall and deliver pending status messages.",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true", help="one round, then exit")
    mode.add_argument("--watch", action="store_true", help="keep syncing until Ctrl-C")
    parser.add_argument(
        "--interval",
        type=float,
        default=None,
        help="seconds between rounds with --watch (default: mall.poll_interval_s)",
    )
    parser.add_argument(
        "--stock-full",
        action="store_true",
        help="send every SKU's sellable quantity again (recovery)",
    )
    parser.add_argument("--mall", default=None, help="mall API root (default: mall.base_url)")
    parser.set_defaults(handler=_sync)


def _client(args: argparse.Namespace, ctx: Context) -> MallClient:
    base_url = args.mall or ctx.settings.mall.base_url
    if base_url == "builtin":
        raise ConfigError(
            "mall.base_url is 'builtin': start the reference mall with 'wms mall-sim' "
            "and pass its address with --mall, or set mall.base_url."
        )
    return MallClient.from_settings(
        ctx.settings.mall, config=ctx.settings.source, base_url=base_url
    )


def _round(
    ctx: Context, client: MallClient, intake: IntakeContext, console: Console
) -> SyncSummary:
    with Progress(
        *columns("messages"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        pull = progress.add_task("orders from the mall", total=None, visible=False)
        push = progress.add_task("status to the mall", total=None, visible=False)

        def on_page(stats: IngestStats, more: bool) -> None:
            progress.update(
                pull,
                completed=stats.fetched,
                total=None if more else stats.fetched,
                visible=more or stats.fetched >= LARGE_BACKLOG,
            )

        def on_push(stats: PushStats) -> None:
            done = stats.pushed + stats.failed
            total = done + backlog(ctx.database)  # what is left now (a full stock resend
            # queues its figures during the round)
            progress.update(push, completed=done, total=total, visible=total >= LARGE_BACKLOG)

        summary = run_once(
            ctx.database,
            client,
            intake,
            limit=ctx.settings.mall.page_limit,
            on_page=on_page,
            on_push=on_push,
        )
    return summary


def _sync(args: argparse.Namespace, ctx: Context) -> int:
    console = Console()
    intake = IntakeContext(settings=ctx.settings, cipher=opening_cipher(ctx.settings, ctx.database))
    interval = args.interval or ctx.settings.mall.poll_interval_s
    if args.stock_full:
        console.print(f"stock levels: {resend_all(ctx.database)} SKUs to send again")
    flusher = None
    if args.watch:
        delivery = ctx.settings.delivery
        flusher = StockFlusher(
            ctx.database, delivery.stock_flush_s, delivery.stock_batch_items
        ).start()
    try:
        return _loop(args, ctx, intake, interval, console)
    finally:
        if flusher is not None:
            flusher.stop()


def _loop(
    args: argparse.Namespace,
    ctx: Context,
    intake: IntakeContext,
    interval: float,
    console: Console,
) -> int:
    with _client(args, ctx) as client:
        while True:
            started = time.monotonic()
            try:
                summary = _round(ctx, client, intake, console)
            except MallError as exc:
                if args.once or not exc.retryable:
                    raise
                console.print(
                    f"[{time.strftime('%H:%M:%S')}] {exc}", highlight=False, soft_wrap=True
                )
            except Exception as exc:  # --watch keeps going; the details go to the log
                if args.once:
                    raise
                log = write_crash_log(exc)
                console.print(
                    f"[{time.strftime('%H:%M:%S')}] round failed ({type(exc).__name__}); "
                    f"details in {log}; trying again.",
                    highlight=False,
                    soft_wrap=True,
                )
            else:
                console.print(
                    f"[{time.strftime('%H:%M:%S')}] {summary.line()}",
                    highlight=False,
                    soft_wrap=True,
                )
                if args.once:
                    return 1 if summary.push.failed or summary.errors else 0
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
