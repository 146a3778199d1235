"""``wms keys``: check the receiver key against the stored data, and rotate it."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from warehouse.errors import ConfigError
from warehouse.key_rotation import check_key_opens, opening_cipher, rotate
from warehouse.pii import key_from_text
from warehouse_tui.builtin_mall import STATE_BINDING, BuiltinMall
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "keys",
        help="check or rotate the receiver-data encryption key",
        description="The receiver key seals names, phones and addresses in the database.",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="does the configured key open the stored data?")
    check.set_defaults(handler=_check)
    turn = actions.add_parser(
        "rotate",
        help="re-seal every stored receiver with a new key",
        description="Re-seal every sealed row with the new key in one transaction, then "
        "switch the configuration to the new key. Create one with 'wms keygen --print'.",
    )
    source = turn.add_mutually_exclusive_group(required=True)
    source.add_argument("--new-key-file", type=Path, help="file holding the new key (base64)")
    source.add_argument("--new-key-env", help="environment variable holding the new key")
    turn.set_defaults(handler=_rotate)


def _check(args: argparse.Namespace, ctx: Context) -> int:
    opening_cipher(ctx.settings, ctx.database)
    print("The configured key opens the stored receiver data.")
    return 0


def _rotate(args: argparse.Namespace, ctx: Context) -> int:
    old = opening_cipher(ctx.settings, ctx.database)
    if args.new_key_file is not None:
        text = args.new_key_file.read_text(encoding="utf-8")
    else:
        text = os.environ.get(args.new_key_env, "")
    if not text.strip():
        raise ConfigError("The new key is empty: create one with 'wms keygen --print'.")
    new = key_from_text(text)
    mall = BuiltinMall(ctx.settings, ctx.database)
    state = mall.state.read_text(encoding="utf-8") if mall.state.exists() else None
    done = rotate(ctx.database, old, new)
    check_key_opens(ctx.database, new)
    if state is not None and not state.lstrip().startswith("{"):
        plain = old.open_text(state, bound_to=STATE_BINDING)
        mall.state.write_text(new.seal_text(plain, bound_to=STATE_BINDING), encoding="utf-8")
    print(
        f"Re-sealed {done.orders} receivers and {done.quarantined} set-aside payloads with the "
        "new key. Now put the new key where the old one was "
        f"({ctx.settings.security.secret_key_env} or security.secret_key_file) and restart."
    )
    return 0
