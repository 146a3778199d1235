"""Print jobs: every print is recorded with its bytes, state and attempts, and kept on failure.

A job is written (``queued``) before anything is sent, so a label is never lost; sending
happens outside any transaction (a slow printer holds no database lock), then the job is
``printed`` or ``failed`` with the stored reason. A reprint sends the stored bytes again, to
the same printer or another of the same format, and never renders again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from labels.documents import Document
from labels.errors import CATALOG, LabelError, PrintFailed
from labels.printers import backend_for
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.config_printing import PrinterSettings
from warehouse.db import Database
from warehouse.models import PrintJob, utcnow
from warehouse.states import PrintJobState, Role
from warehouse.users import require_role
from warehouse.words import encode, render_all


@dataclass(frozen=True)
class JobView:
    id: int
    printer: str
    document: str
    reference: str
    format: str
    state: str
    attempts: int
    error: str
    """The stored reason (message keys), render with :meth:`reason`."""
    created_at: datetime
    printed_at: datetime | None
    sent_to: str = ""

    def reason(self, language: str) -> str:
        return render_all(self.error, language)


def _view(job: PrintJob, sent_to: str = "") -> JobView:
    return JobView(
        job.id, job.printer, job.document, job.reference, job.format, job.state,
        job.attempts, job.error, job.created_at, job.printed_at, sent_to,
    )  # fmt: skip


def printer_named(settings: Settings, name: str) -> PrinterSettings:
    try:
        return settings.printer(name)
    except KeyError:
        raise LabelError.key("labels.printer_unknown", printer=name) from None


def _check_format(printer: PrinterSettings, format: str) -> None:
    if printer.format != format:
        raise LabelError.key(
            "labels.wrong_format", printer=printer.name, wanted=printer.format, given=format
        )


PRINTING = (Role.PACKER, Role.SUPERVISOR)
"""Who prints and reprints labels and slips (an admin too); no system component prints yet."""


def print_document(
    database: Database, settings: Settings, actor: Actor, printer_name: str, document: Document
) -> JobView:
    """Record the job, then send it; raises :class:`PrintFailed` (job kept) on failure."""
    with database.unit_of_work(read_only=True) as session:
        require_role(session, actor, *PRINTING)
    printer = printer_named(settings, printer_name)
    _check_format(printer, document.format)
    with database.unit_of_work() as session:
        job = PrintJob(
            printer=printer.name,
            document=document.kind,
            reference=document.reference[:80],
            state=PrintJobState.QUEUED,
            format=document.format,
            label_size=document.size,
            content=document.content,
        )
        session.add(job)
        session.flush()
        job_id = job.id
    return _attempt(database, settings, job_id, printer, document)


def reprint(
    database: Database,
    settings: Settings,
    actor: Actor,
    job_id: int,
    printer_name: str | None = None,
) -> JobView:
    """Send a recorded job's bytes again (to ``printer_name`` if given)."""
    with database.unit_of_work(read_only=True) as session:
        require_role(session, actor, *PRINTING)
        job = session.get(PrintJob, job_id)
        if job is None or job.content is None:
            raise LabelError.key("labels.job_unknown", job=job_id)
        document = Document(job.document, job.reference, job.format, job.content, job.label_size)
        name = printer_name or job.printer
    printer = printer_named(settings, name)
    _check_format(printer, document.format)
    return _attempt(database, settings, job_id, printer, document)


def _attempt(
    database: Database,
    settings: Settings,
    job_id: int,
    printer: PrinterSettings,
    document: Document,
) -> JobView:
    with database.unit_of_work() as session:
        job = session.get_one(PrintJob, job_id)
        job.printer = printer.name
        job.state = PrintJobState.SENDING
        job.attempts += 1
        job.last_attempt_at = utcnow()
    base = settings.source.parent if settings.source is not None else None
    backend = backend_for(printer, base)
    try:
        sent_to = backend.send(
            document.content,
            title=f"{document.title}-{job_id}",
            media=document.media,
            raw=document.format == "zpl",
        )
    except PrintFailed as failure:
        with database.unit_of_work() as session:
            job = session.get_one(PrintJob, job_id)
            job.state = PrintJobState.FAILED
            job.error = encode([failure.message])
        raise _kept(failure, job_id) from None
    with database.unit_of_work() as session:
        job = session.get_one(PrintJob, job_id)
        job.state = PrintJobState.PRINTED
        job.printed_at = utcnow()
        job.error = ""
        return _view(job, sent_to)


def _kept(failure: PrintFailed, job_id: int) -> PrintFailed:
    """The failure's sentence followed by where the job is kept."""
    kept = CATALOG["labels.kept_for_reprint"]
    error = PrintFailed(
        f"{failure} {kept.render('en', job=job_id)}",
        zh=f"{failure.zh or failure} {kept.render('zh', job=job_id)}",
    )
    error.message = failure.message
    error.job_id = job_id
    return error


def job_history(database: Database, *, state: str | None = None, limit: int = 50) -> list[JobView]:
    """The newest jobs first (optionally only those in ``state``)."""
    query = select(PrintJob).order_by(PrintJob.id.desc()).limit(limit)
    if state:
        query = query.where(PrintJob.state == state)
    with database.unit_of_work(read_only=True) as session:
        return [_view(job) for job in session.scalars(query)]
