"""Closing a handover with its printed manifest, and the end of the day.

The handover is closed and the orders shipped in one transaction; the manifest PDF is then
written to ``delivery.manifest_dir`` and, when a printer is configured, sent as a print job
(``labels.jobs``: recorded before it is sent, kept for a reprint).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from labels.documents import Document
from labels.fonts import cjk_font, require_font_file
from labels.jobs import print_document
from labels.pdf_manifest import Manifest, manifest_pdf
from shipping.handover import ROLES, close_handover, handover_name, left_behind
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.models import DeliveryException, Handover, utcnow
from warehouse.states import HandoverState
from warehouse.users import require_role
from warehouse.words import Message, encode


@dataclass(frozen=True)
class ClosedHandover:
    name: str
    manifest: Manifest
    pdf: bytes
    path: Path | None
    print_job: int | None


def render_manifest(settings: Settings, manifest: Manifest) -> bytes:
    font = cjk_font(
        require_font_file(settings.labels.font_file), settings.labels.font_subfont_index
    )
    return manifest_pdf(manifest, font=font)


def close_and_print(
    database: Database,
    settings: Settings,
    actor: Actor,
    carrier_code: str,
    *,
    now: datetime | None = None,
    out_dir: Path | None = None,
) -> ClosedHandover:
    with database.unit_of_work() as session:
        handover, manifest = close_handover(session, actor, carrier_code, settings, now=now)
        handover_id = handover.id
        name = handover_name(handover)
    pdf = render_manifest(settings, manifest)
    folder = out_dir or Path(settings.delivery.manifest_dir)
    path: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}-{carrier_code}.pdf"
        path.write_bytes(pdf)
    except OSError:
        path = None
    job_id = None
    if settings.delivery.manifest_printer:
        job = print_document(
            database,
            settings,
            actor,
            settings.delivery.manifest_printer,
            Document("manifest", name, "pdf", pdf, "A4"),
        )
        job_id = job.id
        with database.unit_of_work() as session:
            row = session.get(Handover, handover_id)
            if row is not None:
                row.manifest_job_id = job_id
    return ClosedHandover(name, manifest, pdf, path, job_id)


def end_of_day(
    database: Database,
    settings: Settings,
    actor: Actor,
    *,
    now: datetime | None = None,
    out_dir: Path | None = None,
) -> tuple[list[ClosedHandover], int]:
    """Close every open handover; each parcel still packed goes to the supervisor's queue."""
    with database.unit_of_work(read_only=True) as session:
        require_role(session, actor, *ROLES, system=True)  # refused before anything is read
        carriers = sorted(
            set(
                session.scalars(
                    select(Handover.carrier_code).where(Handover.state == HandoverState.OPEN)
                )
            )
        )
    closed = [
        close_and_print(database, settings, actor, code, now=now, out_dir=out_dir)
        for code in carriers
    ]
    queued = 0
    with database.unit_of_work() as session:
        for carrier in settings.carriers:
            for parcel in left_behind(session, carrier.code):
                known = session.scalar(
                    select(DeliveryException.id).where(
                        DeliveryException.parcel_id == parcel.id,
                        DeliveryException.kind == "left_behind",
                    )
                )
                if known is not None:
                    continue
                note = encode(
                    [
                        Message.of(
                            "handover.left_behind",
                            tracking=parcel.tracking_no,
                            carrier=carrier.code,
                        )
                    ]
                )
                session.add(
                    DeliveryException(
                        parcel_id=parcel.id,
                        kind="left_behind",
                        note=note,
                        opened_at=now or utcnow(),
                    )
                )
                queued += 1
    return closed, queued
