"""``wms users add|list|disable|enable|unlock``."""

from __future__ import annotations

import argparse
import getpass
import os

from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from warehouse.audit import Actor
from warehouse.errors import WarehouseError
from warehouse.models import User
from warehouse.users import ROLES, add_user, set_active, unlock
from warehouse_tui.context import Context
from warehouse_tui.operator import shell_operator


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "users", help="operators and their badges", description="Manage users."
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", help="add a user (the PIN is asked for, or read from $WMS_NEW_PIN)"
    )
    add.add_argument("badge")
    add.add_argument("name")
    add.add_argument("role", choices=ROLES)
    add.set_defaults(handler=_add)
    listing = actions.add_parser("list", help="list users")
    listing.set_defaults(handler=_list)
    for name, helptext in (
        ("disable", "disable a badge"),
        ("enable", "enable a badge again"),
        ("unlock", "unlock a badge locked by wrong PINs"),
    ):
        action = actions.add_parser(name, help=helptext)
        action.add_argument("badge")
        action.set_defaults(handler=_change, change=name)


def _admin() -> Actor:
    return shell_operator()


def _add(args: argparse.Namespace, ctx: Context) -> int:
    pin = os.environ.get("WMS_NEW_PIN") or getpass.getpass("PIN (4-8 digits): ")
    if not os.environ.get("WMS_NEW_PIN") and getpass.getpass("PIN again: ") != pin:
        raise WarehouseError("The two PINs differ; nothing was changed.")
    with ctx.database.unit_of_work() as session:
        add_user(session, _admin(), badge=args.badge, name=args.name, role=args.role, pin=pin)
    print(f"Added {args.role} {args.name} with badge {args.badge}.")
    return 0


def _list(args: argparse.Namespace, ctx: Context) -> int:
    table = Table("badge", "name", "role", "state", "last login")
    with ctx.database.unit_of_work(read_only=True) as session:
        for user in session.scalars(select(User).order_by(User.role, User.badge)):
            state = "disabled" if not user.active else "locked" if user.locked_at else "active"
            last = f"{user.last_login_at:%Y-%m-%d %H:%M}" if user.last_login_at else "-"
            table.add_row(user.badge, user.name, user.role, state, last)
    Console().print(table)
    return 0


def _change(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.database.unit_of_work() as session:
        if args.change == "unlock":
            unlock(session, _admin(), args.badge)
        else:
            set_active(session, _admin(), args.badge, args.change == "enable")
    print(f"Badge {args.badge}: {args.change}d.")
    return 0
