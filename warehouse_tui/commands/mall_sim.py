"""``wms mall-sim``: serve the reference mall (the mall's side of the contract) on loopback."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sync.catalog import warehouse_catalog
from sync.mall_sim.faults import FaultConfig
from sync.mall_sim.run import serve_until_interrupted, start_seeded
from warehouse.errors import ConfigError
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "mall-sim",
        help="serve the reference mall for the demo and tests",
        description="Serve the reference mall API on loopback with generated orders. Ctrl-C stops it.",
    )
    parser.add_argument("--port", type=int, default=8765, help="TCP port (0 picks a free one)")
    parser.add_argument(
        "--orders", type=int, default=200, help="orders to generate (added to a loaded --state)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same orders)")
    parser.add_argument(
        "--faults",
        default="",
        help='e.g. "500=0.2,429=0.05,retry_after=1|0.25,slow=0.02,drop=0.02,dup=0.1,reorder=0.1,biz=0.02"',
    )
    parser.add_argument(
        "--token", default=None, help="bearer token (default: $WMS_MALL_TOKEN or sim-token)"
    )
    parser.add_argument(
        "--demo-skus",
        action="store_true",
        help="order the macrozheng demo SKUs instead of the warehouse's own",
    )
    parser.add_argument(
        "--state",
        type=Path,
        default=None,
        help="JSON file: load the mall from it if it exists, save it there on exit",
    )
    parser.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace, ctx: Context) -> int:
    try:
        FaultConfig.parse(args.faults)
    except ValueError as exc:
        raise ConfigError(f"--faults: {exc}.") from None
    catalog = None if args.demo_skus else warehouse_catalog(ctx.database, per_merchant=60) or None
    token = args.token or os.environ.get(ctx.settings.mall.token_env) or "sim-token"
    mall = start_seeded(
        port=args.port,
        orders=args.orders,
        seed=args.seed,
        faults=args.faults,
        token=token,
        catalog=catalog,
        warehouse_code=ctx.settings.site.warehouse_code,
        state=args.state,
    )
    source = "the warehouse's SKUs" if catalog else "the macrozheng demo SKUs"

    def announce() -> None:
        print(
            f"Reference mall at {mall.base_url} with {args.orders} orders of {source}; "
            f"faults: {mall.faults.config.describe()}. Ctrl-C stops it.",
            flush=True,
        )
        print(
            f'Point the warehouse at it: mall.base_url = "{mall.base_url}", {ctx.settings.mall.token_env}={token}',
            flush=True,
        )

    serve_until_interrupted(mall, args.state, announce)
    return 0
