"""``wms serve``: publish the terminal app to browsers (textual-serve)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="publish the app to browsers (textual-serve)",
        description="Serve the terminal app over HTTP and websockets: each browser tab gets its "
        "own session of the app, with the login screen first. Bind to loopback (the default) and "
        "put a TLS proxy in front for the floor.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument(
        "--public-url", default=None, help="the address browsers use, when behind a proxy"
    )
    parser.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace, ctx: Context) -> int:
    from warehouse_tui.serve import serve

    config = ctx.config_path
    if config is None and os.environ.get("WMS_CONFIG"):
        config = Path(os.environ["WMS_CONFIG"])
    settings = ctx.settings  # a broken configuration fails here, not in every browser tab
    serve(
        config,
        host=args.host,
        port=args.port,
        public_url=args.public_url,
        title=f"wms {settings.site.code}",
    )
    return 0
