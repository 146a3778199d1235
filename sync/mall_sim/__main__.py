"""``python -m sync.mall_sim``: the reference mall as its own process (benchmarks, demos).

Prints the API base URL on the first line of standard output, then serves until SIGTERM or
Ctrl-C. With ``--state FILE`` the store is loaded from that JSON file if it exists and saved
there on exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sync.mall_sim.faults import FaultConfig
from sync.mall_sim.generator import DEMO_SKUS, seed_store
from sync.mall_sim.run import serve_until_interrupted
from sync.mall_sim.server import start_mall_sim
from sync.mall_sim.store import MallStore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.mall_sim", description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--orders", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", default="")
    parser.add_argument("--token", default="sim-token")
    parser.add_argument(
        "--catalog",
        type=Path,
        default=None,
        help='JSON: [{"merchant_id": "17", "name": "…", "skus": ["…"]}, …]',
    )
    parser.add_argument("--state", type=Path, default=None, help="JSON file to load and save")
    args = parser.parse_args(argv)
    store = (
        MallStore.load(args.state)
        if args.state is not None and args.state.exists()
        else MallStore()
    )
    if args.orders:
        catalog: object = list(DEMO_SKUS)
        if args.catalog is not None:
            entries = json.loads(args.catalog.read_text(encoding="utf-8"))
            catalog = {(e["merchant_id"], e["name"]): e["skus"] for e in entries}
        seed_store(store, args.orders, catalog, seed=args.seed)  # type: ignore[arg-type]
    mall = start_mall_sim(
        store,
        token=args.token,
        faults=FaultConfig.parse(args.faults),
        port=args.port,
        fault_seed=args.seed,
    )
    serve_until_interrupted(mall, args.state, lambda: print(mall.base_url, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
