"""``wms printers``: the configured printers, and a test label on one of them."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from labels.content import Party, ShippingLabel
from labels.documents import label_document
from labels.jobs import print_document, printer_named
from warehouse.schema_check import require_current_schema
from warehouse_tui.context import Context
from warehouse_tui.operator import shell_operator


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "printers", help="label printers", description="Configured printers ([[printers]])."
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    actions.add_parser("list", help="the configured printers").set_defaults(handler=_list)
    test = actions.add_parser("test", help="print a test label (recorded as a job)")
    test.add_argument("name", metavar="NAME")
    test.set_defaults(handler=_test)


def _list(args: argparse.Namespace, ctx: Context) -> int:
    printers = ctx.settings.printers
    if not printers:
        print("No printers are configured: add [[printers]] to config.toml.")
    for p in printers:
        font = f"  resident font {p.zpl_cjk_font}" if p.zpl_cjk_font else ""
        print(f"{p.name:<14} {p.kind:<8} {p.format:<4} {p.size:<10} {p.dpi} dpi  {p.target}{font}")
    return 0


def test_label(carrier: str = "TEST") -> ShippingLabel:
    """A label with made-up data only: no receiver is decrypted to test a printer."""
    stamp = datetime.now(UTC).strftime("%y%m%d%H%M%S")
    return ShippingLabel(
        carrier_code=carrier,
        carrier_name="打印测试 Printer test",
        service="测试",
        tracking_no=f"TEST{stamp}",
        order_sn=f"TEST-{stamp}",
        recipient=Party("张*", "138****0000", "测试地址 Test address 1 号"),
        sender=Party("仓库 Warehouse", "000-00000000", "测试 Test"),
        routing_code="000-TEST",
        hub="测试集包地",
    )


def _test(args: argparse.Namespace, ctx: Context) -> int:
    settings = ctx.settings
    printer = printer_named(settings, args.name)
    require_current_schema(ctx.database)
    label = test_label()
    document = label_document(
        [label], label.order_sn, settings, format=printer.format, printer=printer, kind="test"
    )
    job = print_document(ctx.database, settings, shell_operator(), printer.name, document)
    print(
        f"Test label {label.tracking_no} printed on {printer.name} as job {job.id} ({job.sent_to})."
    )
    return 0
