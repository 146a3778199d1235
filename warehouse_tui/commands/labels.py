"""``wms labels``: packing slips and shipping labels to a file or a printer; jobs and reprints."""

from __future__ import annotations

import argparse
from pathlib import Path

from labels.documents import Document, Format, shipping_document, slip_document
from labels.jobs import JobView, job_history, print_document, printer_named, reprint
from warehouse.pii import ReceiverCipher
from warehouse.schema_check import require_current_schema
from warehouse_tui.context import Context
from warehouse_tui.operator import shell_operator


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "labels",
        help="packing slips and shipping labels",
        description="Render packing slips and shipping labels to a file, print them, reprint "
        "recorded jobs. A shipping label needs a packed parcel.",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    slip = actions.add_parser("slip", help="packing slip of an order as PDF")
    slip.add_argument("order", metavar="ORDER", help="order number (order_sn) or mall id")
    slip.add_argument("--out", type=Path, required=True, metavar="FILE")
    slip.set_defaults(handler=_slip)
    ship = actions.add_parser("shipping", help="shipping label(s) of an order or one parcel")
    ship.add_argument("ref", metavar="ORDER|PARCEL", help="order number, or a tracking number")
    ship.add_argument("--format", choices=("pdf", "zpl"), default="pdf")
    ship.add_argument("--out", type=Path, required=True, metavar="FILE")
    ship.add_argument(
        "--printer", default=None, help="lay out for this printer's label size and font"
    )
    ship.set_defaults(handler=_shipping)
    pr = actions.add_parser("print", help="print a slip or shipping label (recorded as a job)")
    pr.add_argument("document", choices=("shipping", "slip"))
    pr.add_argument("ref", metavar="ORDER|PARCEL")
    pr.add_argument("--printer", required=True, metavar="NAME", help="a [[printers]] name")
    pr.set_defaults(handler=_print)
    jobs = actions.add_parser("jobs", help="print job history, newest first")
    jobs.add_argument("--failed", action="store_true", help="only jobs waiting for a reprint")
    jobs.add_argument("--limit", type=int, default=30)
    jobs.set_defaults(handler=_jobs)
    again = actions.add_parser("reprint", help="send a recorded job's document again")
    again.add_argument("job", type=int, metavar="JOB")
    again.add_argument("--printer", default=None, metavar="NAME", help="another printer")
    again.set_defaults(handler=_reprint)


def _render(ctx: Context, kind: str, ref: str, fmt: Format, printer: str | None) -> Document:
    settings = ctx.settings
    require_current_schema(ctx.database)
    chosen = printer_named(settings, printer) if printer else None
    with ctx.database.unit_of_work(read_only=True) as session:
        if kind == "slip":
            return slip_document(session, ref, settings)
        cipher = ReceiverCipher.from_settings(settings)
        return shipping_document(
            session,
            ref,
            settings,
            cipher,
            format=fmt,
            printer=chosen,
        )


def _slip(args: argparse.Namespace, ctx: Context) -> int:
    document = _render(ctx, "slip", args.order, "pdf", None)
    args.out.write_bytes(document.content)
    print(f"Packing slip of {document.reference} ({document.size}) written to {args.out}.")
    return 0


def _shipping(args: argparse.Namespace, ctx: Context) -> int:
    document = _render(ctx, "label", args.ref, args.format, args.printer)
    args.out.write_bytes(document.content)
    print(f"Shipping label for {args.ref} ({args.format}, {document.size}) written to {args.out}.")
    return 0


def _print(args: argparse.Namespace, ctx: Context) -> int:
    printer = printer_named(ctx.settings, args.printer)
    kind = "slip" if args.document == "slip" else "label"
    document = _render(ctx, kind, args.ref, printer.format, printer.name)
    job = print_document(ctx.database, ctx.settings, shell_operator(), printer.name, document)
    print(
        f"Print job {job.id}: {args.document} {args.ref} printed on {job.printer} ({job.sent_to})."
    )
    return 0


def _reprint(args: argparse.Namespace, ctx: Context) -> int:
    require_current_schema(ctx.database)
    job = reprint(ctx.database, ctx.settings, shell_operator(), args.job, args.printer)
    print(f"Print job {job.id} printed again on {job.printer} (attempt {job.attempts}).")
    return 0


def _jobs(args: argparse.Namespace, ctx: Context) -> int:
    require_current_schema(ctx.database)
    rows = job_history(ctx.database, state="failed" if args.failed else None, limit=args.limit)
    if not rows:
        print("No print jobs." if not args.failed else "No failed print jobs.")
    for row in rows:
        print(_line(row, ctx.settings.language))
    return 0


def _line(job: JobView, language: str) -> str:
    when = job.created_at.strftime("%Y-%m-%d %H:%M")
    reason = f"  {job.reason(language)}" if job.error else ""
    return (
        f"{job.id:>6}  {when}  {job.state:<8} x{job.attempts}  {job.printer:<12} "
        f"{job.document:<6} {job.format:<4} {job.reference}{reason}"
    )
