"""``wms demo seed``: fill an empty database with a realistic demo site."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from warehouse.demo import seed_demo
from warehouse.key_rotation import opening_cipher
from warehouse.migrate import upgrade
from warehouse_tui.context import Context

if TYPE_CHECKING:
    from warehouse_tui.builtin_mall import BuiltinMall


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "demo", help="demo data", description="Demo site for trying wms out."
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    seed = actions.add_parser("seed", help="migrate and fill an empty database with a demo site")
    seed.add_argument("--seed", type=int, default=7, help="random seed (same seed, same site)")
    seed.add_argument("--orders", type=int, default=120, help="released orders to create")
    seed.add_argument(
        "--ready",
        type=int,
        default=60,
        help="of those, allocate this many and release them as a pick wave (0: none)",
    )
    seed.add_argument(
        "--picked",
        type=int,
        default=2,
        help="of the released carts, pick this many through the pick service (work for packers)",
    )
    seed.add_argument(
        "--packed",
        type=int,
        default=6,
        help="of the picked orders, pack this many at the packing station (work for the dock)",
    )
    seed.set_defaults(handler=_seed)


def _seed(args: argparse.Namespace, ctx: Context) -> int:
    from warehouse_tui.builtin_carrier import state_file

    upgrade(ctx.database)
    carrier_state = state_file(ctx.settings)
    if carrier_state.exists():
        carrier_state.unlink()  # a new site starts a new built-in carrier: its cursor restarts
    cipher = opening_cipher(ctx.settings, ctx.database)
    builtin = ctx.settings.mall.base_url == "builtin"
    with ctx.database.unit_of_work() as session:
        # With the built-in mall the orders come the real way: from the mall, through intake.
        direct = 0 if builtin else args.orders
        summary = seed_demo(session, ctx.settings, cipher, seed=args.seed, orders=direct)
    print(
        f"Demo site: {summary.locations} locations, {summary.merchants} merchants, {summary.skus} SKUs, "
        f"{summary.quants} stock quants" + (f", {summary.orders} orders." if direct else ".")
    )
    if builtin and args.orders:
        _orders_from_mall(ctx, args.orders, args.seed)
    if args.ready:
        _make_work(ctx, args.ready)
        if args.picked:
            from warehouse_tui.demo_picks import pick_demo_carts

            codes = pick_demo_carts(ctx, args.picked)
            print(f"Picked {len(codes)} carts for the packers: {', '.join(codes) or '-'}.")
            if args.packed and codes:
                _pack_for_the_dock(ctx, codes, args.packed)
    print("Log in with one of these demo users (scan or type the badge, then the PIN):")
    for role, badge, name, pin in summary.users:
        print(f"  {role:<10}  badge {badge}  PIN {pin}  {name}")
    return 0


def _pack_for_the_dock(ctx: Context, carts: list[str], orders: int) -> None:
    from warehouse_tui.demo_cancels import cancel_for_the_floor
    from warehouse_tui.demo_packs import pack_orders

    numbers = pack_orders(ctx.database, ctx.settings, carts, orders)
    print(
        f"Packed {len(numbers)} parcels ready to hand over (menu 3, badge K001 or S001): "
        + (", ".join(numbers) or "-")
        + "."
    )
    cancelled = cancel_for_the_floor(ctx, carts, numbers)
    if cancelled:
        print(
            "Cancelled by their buyers after picking and after packing: "
            + ", ".join(cancelled)
            + " (put back and unpack on menu 0, badge K001, R001 or S001)."
        )


def _make_work(ctx: Context, orders: int) -> None:
    """Allocate some orders and release them as a wave, so pickers find work at once."""
    from datetime import UTC, datetime

    from picking.waves import plan_wave
    from warehouse.allocation import allocate_pending
    from warehouse.audit import Actor

    demo = Actor.system("demo")
    summary = allocate_pending(ctx.database, actor=demo, limit=orders, keep_results=False)
    with ctx.database.unit_of_work() as session:
        plan = plan_wave(session, ctx.settings, demo, now=datetime.now(UTC))
    carts = len(plan.batches) if plan else 0
    print(
        f"Allocated {summary.allocated} orders ({summary.short} short) and released {carts} pick carts."
    )


def _orders_from_mall(ctx: Context, orders: int, seed: int) -> None:
    from warehouse_tui.builtin_mall import BuiltinMall

    mall = BuiltinMall(ctx.settings, ctx.database)
    if mall.state.exists():
        mall.state.unlink()  # a new site starts a new mall: old cursors would not match
    mall.start(new_orders=orders, seed=seed, background=False)
    try:
        result = mall.sync_now()
        parcels = _returns_from_mall(ctx, mall)
    finally:
        mall.stop()
    print(f"Orders from the built-in mall: {result.line()}.")
    if parcels:
        print(
            "Return parcels on their way back (returns station, badge R001): " + ", ".join(parcels)
        )


def _returns_from_mall(ctx: Context, mall: BuiltinMall) -> list[str]:
    """Ship three orders, let the mall's customers ask to return them, take the requests."""
    from warehouse.demo_returns import ship_for_returns

    with ctx.database.unit_of_work() as session:
        shipped = ship_for_returns(session, 3)
    mall.sync_now()  # the mall hears of the shipments
    parcels = mall.request_returns(shipped)
    mall.sync_now()  # and the warehouse of the return requests
    return parcels
