"""Printing a packed order's slip and shipping labels through the configured printers.

Runs after the order's transaction has committed (a slow printer holds no lock); each print is
a ``print_job`` kept for a reprint (:mod:`labels.jobs`). What happened is stored on the pack
session, so the packer's screen shows it after a restart too.
"""

from __future__ import annotations

from sqlalchemy import select

from labels.documents import shipping_document, slip_document
from labels.errors import LabelError
from labels.jobs import print_document, printer_named, reprint
from packing.station.core import ROLES
from packing.station.messages import refused
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.errors import WarehouseError
from warehouse.models import Order, PackSession, PackUnit
from warehouse.pii import ReceiverCipher
from warehouse.users import require_role
from warehouse.words import Message, decode, encode


def _why(failure: WarehouseError) -> Message:
    """The failure's own sentence (stored as a key, so it reads in the packer's language)."""
    message = getattr(failure, "message", None)
    if isinstance(message, Message):
        return message
    return Message.of("station.print_why", why=str(failure)[:200])


def _store(database: Database, session_id: int, state: str, notes: list[Message]) -> None:
    with database.unit_of_work() as session:
        pack = session.get_one(PackSession, session_id)
        pack.print_state, pack.print_note = state, encode(notes)


def _outcome(
    database: Database, settings: Settings, session_id: int, kept: list[int], why: list[Message]
) -> tuple[str, Message]:
    if why:
        jobs = ", ".join(str(j) for j in kept) or "-"
        message = Message.of("station.print_failed", jobs=jobs)
        _store(database, session_id, "failed", [message, why[0]])
        return "failed", message
    name = settings.station.label_printer
    target = next((p.target for p in settings.printers if p.name == name), "")
    message = Message.of(
        "station.printed", labels=_pages(session_id, database), printer=name, target=target
    )
    _store(database, session_id, "printed", [message])
    return "printed", message


def print_packed(
    database: Database, settings: Settings, cipher: ReceiverCipher, actor: Actor, session_id: int
) -> tuple[str, Message]:
    """Print the slip and the labels of the session's order as ``actor`` (the packer):
    (state, what to say). A document that fails is kept as a job for :func:`reprint_packed`;
    the other is still sent."""
    with database.unit_of_work(read_only=True) as session:
        require_role(session, actor, *ROLES)  # before the try: a refusal is not a print failure
    station = settings.station
    kept: list[int] = []
    why: list[Message] = []
    try:
        label_printer = printer_named(settings, station.label_printer)
        printer_named(settings, station.slip_printer)
        with database.unit_of_work(read_only=True) as session:
            pack = session.get_one(PackSession, session_id)
            order_sn = session.get_one(Order, pack.order_id).order_sn
            slip = slip_document(session, order_sn, settings)
            labels = shipping_document(
                session, order_sn, settings, cipher, format=label_printer.format,
                printer=label_printer,
            )  # fmt: skip
    except (WarehouseError, LabelError) as failure:
        return _outcome(database, settings, session_id, kept, [_why(failure)])
    for printer, document in ((station.slip_printer, slip), (station.label_printer, labels)):
        try:
            print_document(database, settings, actor, printer, document)
        except (WarehouseError, LabelError) as failure:
            job = getattr(failure, "job_id", None)
            if isinstance(job, int):
                kept.append(job)
            why.append(_why(failure))
    return _outcome(database, settings, session_id, kept, why)


def reprint_packed(
    database: Database, settings: Settings, cipher: ReceiverCipher, actor: Actor, session_id: int
) -> tuple[str, Message]:
    """Send the jobs the last print of this session kept again (the printer is back); when the
    documents could not even be made, print them from the start."""
    with database.unit_of_work(read_only=True) as session:
        require_role(session, actor, *ROLES)
        pack = session.get_one(PackSession, session_id)
        state, notes = pack.print_state, decode(pack.print_note)
    if state != "failed":
        raise refused("station.nothing_to_reprint")
    jobs = [int(j) for j in str(notes[0].params.get("jobs", "")).split(", ") if j.isdigit()]
    if not jobs:
        return print_packed(database, settings, cipher, actor, session_id)
    kept: list[int] = []
    why: list[Message] = []
    for job in jobs:
        try:
            reprint(database, settings, actor, job)
        except (WarehouseError, LabelError) as failure:
            kept.append(job)
            why.append(_why(failure))
    return _outcome(database, settings, session_id, kept, why)


def _pages(session_id: int, database: Database) -> int:
    with database.unit_of_work(read_only=True) as session:
        ids = set(
            session.scalars(
                select(PackUnit.parcel_id).where(
                    PackUnit.session_id == session_id, PackUnit.parcel_id.is_not(None)
                )
            )
        )
    return len(ids)
