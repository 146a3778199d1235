"""The ``wms`` command: without a subcommand it starts the terminal app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.exc import OperationalError

from warehouse.errors import WarehouseError
from warehouse_tui.commands import register_all
from warehouse_tui.context import Context
from warehouse_tui.crashlog import write_crash_log


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wms",
        description="Warehouse operations terminal. Without a command it starts the app.",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="configuration file (default: $WMS_CONFIG or ./config.toml)",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    register_all(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(config_path=args.config)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from warehouse_tui.app import run_app

            return run_app(ctx)
        return int(handler(args, ctx) or 0)
    except WarehouseError as exc:
        print(f"wms: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        where = str(exc.orig).strip().splitlines()[0] if exc.orig else "no connection"
        print(f"wms: the database cannot be used ({where}).", file=sys.stderr)
        return 3
    except Exception as exc:  # the operator gets one sentence; the details go to the log
        log = write_crash_log(exc)
        print(
            f"wms: unexpected error ({type(exc).__name__}: {exc}); details in {log}.",
            file=sys.stderr,
        )
        return 4
    except KeyboardInterrupt:
        print("wms: interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
