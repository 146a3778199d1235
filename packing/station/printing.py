"""Printing a packed order's slip and shipping labels through the configured printers.

Runs after the order's transaction has committed (a slow printer holds no lock); each print is
a ``print_job`` kept for a reprint (:mod:`labels.jobs`). What happened is stored on the pack
session, so the packer's screen shows it after a restart too.
"""

from __future__ import annotations

from sqlalchemy import select

from labels.documents import shipping_document, slip_document
from labels.errors import LabelError
from labels.jobs import print_document, printer_named
from packing.station.core import ROLES
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.errors import WarehouseError
from warehouse.models import Order, PackSession, PackUnit
from warehouse.pii import ReceiverCipher
from warehouse.users import require_role
from warehouse.words import Message, encode


def print_packed(
    database: Database, settings: Settings, cipher: ReceiverCipher, actor: Actor, session_id: int
) -> tuple[str, Message]:
    """Print the slip and the labels of the session's order as ``actor`` (the packer):
    (state, what to say)."""
    with database.unit_of_work(read_only=True) as session:
        require_role(session, actor, *ROLES)  # before the try: a refusal is not a print failure
    station = settings.station
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
        count = _pages(session_id, database)
        print_document(database, settings, actor, station.slip_printer, slip)
        print_document(database, settings, actor, station.label_printer, labels)
        state, message = (
            "printed",
            Message.of("station.printed", labels=count, printer=station.label_printer),
        )
    except (WarehouseError, LabelError) as failure:
        state = "failed"
        message = Message.of("station.print_failed", why=str(failure)[:200])
    with database.unit_of_work() as session:
        pack = session.get_one(PackSession, session_id)
        pack.print_state, pack.print_note = state, encode([message])
    return state, message


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
