"""``wms db upgrade`` / ``wms db current``: schema migrations."""

from __future__ import annotations

import argparse

from warehouse.migrate import current_revision, head_revision, upgrade
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "db", help="database schema", description="Database schema migrations."
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    up = actions.add_parser("upgrade", help="bring the schema to the newest version")
    up.set_defaults(handler=_upgrade)
    cur = actions.add_parser("current", help="show the schema version")
    cur.set_defaults(handler=_current)


def _upgrade(args: argparse.Namespace, ctx: Context) -> int:
    database = ctx.database
    before = current_revision(database)
    upgrade(database)
    after = current_revision(database)
    print(
        f"Schema {'upgraded from ' + str(before) + ' to' if before != after else 'already at'} {after}."
    )
    return 0


def _current(args: argparse.Namespace, ctx: Context) -> int:
    current, head = current_revision(ctx.database), head_revision(ctx.database)
    state = "up to date" if current == head else f"behind (newest is {head}; run 'wms db upgrade')"
    print(f"Schema version {current or 'none'}: {state}.")
    return 0 if current == head else 1
