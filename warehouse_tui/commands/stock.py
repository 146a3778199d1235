"""``wms stock show SKU|LOCATION``: what is where, with lots, expiry and what is reserved."""

from __future__ import annotations

import argparse

from rich import box
from rich.console import Console
from rich.table import Table

from warehouse.errors import NotFound
from warehouse.schema_check import require_current_schema
from warehouse.stock import QuantView, stock_at_location, stock_for_sku
from warehouse_tui.context import Context


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "stock", help="stock on the shelves", description="Stock by SKU or by location."
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    show = actions.add_parser(
        "show", help="stock of a SKU (code or barcode) or at a location (code)"
    )
    show.add_argument("target", metavar="SKU|LOCATION")
    show.add_argument("--owner", default=None, help="merchant (mall id or name) of the SKU")
    show.set_defaults(handler=_show)


def _show(args: argparse.Namespace, ctx: Context) -> int:
    require_current_schema(ctx.database)
    with ctx.database.unit_of_work(read_only=True) as session:
        try:
            rows = stock_at_location(session, args.target)
            by_location = True
            title = f"Stock at {args.target.strip().upper()}"
        except NotFound:
            try:
                rows = stock_for_sku(session, args.target, args.owner)
            except NotFound:
                raise NotFound(f"No location or SKU {args.target.strip()} is known.") from None
            by_location = False
            title = f"Stock of {args.target.strip()}"
    console = Console()
    if not rows:
        console.print(f"{title}: nothing.")
        return 0
    console.print(_table(title, rows, by_location=by_location))
    return 0


def _table(title: str, rows: list[QuantView], *, by_location: bool) -> Table:
    """One row per quant; the column the title already names is left out (80 columns fit)."""
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    texts: dict[str, list[str]] = {}
    if by_location:
        texts["SKU"] = [r.sku_code for r in rows]
    else:
        texts["location"] = [r.location for r in rows]
        texts["kind"] = [r.location_kind for r in rows]
    texts["owner"] = [r.owner for r in rows]
    texts["lot"] = [r.lot or "-" for r in rows]
    texts["expiry"] = [r.expiry.isoformat() if r.expiry else "-" for r in rows]
    for name, values in texts.items():  # codes are never cut short
        table.add_column(name, no_wrap=True, min_width=max(len(v) for v in values))
    for name in ("on hand", "reserved", "available"):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    for i, row in enumerate(rows):
        figures = (row.on_hand, row.reserved, row.available)
        table.add_row(*(values[i] for values in texts.values()), *map(str, figures))
    totals = [sum(r.on_hand for r in rows), sum(r.reserved for r in rows)]
    totals.append(totals[0] - totals[1])
    blanks = [""] * (len(texts) - 1)
    table.add_row("total", *blanks, *map(str, totals), style="bold")
    return table
