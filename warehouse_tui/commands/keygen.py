"""``wms keygen``: create the key that encrypts receiver data."""

from __future__ import annotations

import argparse
from pathlib import Path

from warehouse.pii import new_key, write_key_file
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "keygen",
        help="create the receiver-data encryption key",
        description="Write a new AES-256 key to security.secret_key_file (never overwritten), "
        "or print one with --print for a secret store.",
    )
    parser.add_argument(
        "--print", action="store_true", help="print a new key instead of writing the file"
    )
    parser.set_defaults(handler=_keygen)


def _keygen(args: argparse.Namespace, ctx: Context) -> int:
    if args.print:
        print(new_key())
        return 0
    settings = ctx.settings
    file = settings.security.secret_key_file
    if file is None:
        print(
            "security.secret_key_file is not set; use --print and put the key in the environment."
        )
        return 1
    if not file.is_absolute() and settings.source is not None:
        file = settings.source.parent / file
    if write_key_file(Path(file)):
        print(f"Created {file} (readable by its owner only). Back it up: stored addresses need it.")
    else:
        print(f"{file} exists already; it was left as it is.")
    return 0
