"""Setting one payload aside: its reason as a message, its raw text sealed, the rest goes on.

The raw payload may hold receiver data, so it is sealed with the receiver key (bound to the
row's ``fo_id``) and recognised again by a keyed digest, never kept in the clear. Database
refusals are described by their kind (SQLSTATE), never with the statement or its parameters.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from sync.contract_types import CONTROL_RE, ID_CHARS, MAX_SEQ
from sync.messages import stored
from warehouse.models import QuarantinedOrder
from warehouse.pii import ReceiverCipher, quarantine_binding
from warehouse.words import Message

_SQLSTATES = {
    "22001": "quarantine.db.too_long",
    "22003": "quarantine.db.out_of_range",
    "22008": "quarantine.db.out_of_range",
    "23505": "quarantine.db.duplicate",
}


def identity(raw: Any) -> tuple[str, int | None]:
    """The ``fo_id`` and version a payload claims, if they are usable."""
    fo_id = raw.get("fo_id") if isinstance(raw, dict) else None
    version = raw.get("version") if isinstance(raw, dict) else None
    fo_text = CONTROL_RE.sub("", fo_id)[:ID_CHARS] if isinstance(fo_id, str) else ""
    usable = isinstance(version, int) and not isinstance(version, bool) and 0 < version <= MAX_SEQ
    return fo_text, version if usable else None


def _names(raw: Any) -> dict[str, object]:
    fo_id, version = identity(raw)
    return {"fo_id": fo_id or "(without fo_id)", "version": version or "?"}


def unreadable(raw: Any, exc: ValidationError) -> Message:
    """Which fields broke the contract (field paths and pydantic's own words, no values)."""
    parts = []
    for error in exc.errors(include_input=False)[:3]:
        where = ".".join(str(p) for p in error["loc"]) or "(order)"
        parts.append(f"{where}: {error['msg']}")
    more = exc.error_count() - 3
    detail = "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
    return Message.of("quarantine.unreadable", detail=detail, **_names(raw))


def other_warehouse(raw: Any, code: str, ours: str) -> Message:
    return Message.of("quarantine.other_warehouse", code=code, ours=ours, **_names(raw))


def refused_by_database(raw: Any, exc: Exception) -> Message:
    """Why the database refused an order, by the kind of error only."""
    orig = exc.orig if isinstance(exc, DBAPIError) else None
    sqlstate = str(getattr(orig, "sqlstate", "") or "")
    if isinstance(exc, SQLAlchemyError) and sqlstate in _SQLSTATES:
        return Message.of(_SQLSTATES[sqlstate], **_names(raw))
    if "UNIQUE constraint" in str(orig or ""):
        return Message.of("quarantine.db.duplicate", **_names(raw))
    error = type(orig or exc).__name__ + (f" {sqlstate}" if sqlstate else "")
    return Message.of("quarantine.db.other", error=error, **_names(raw))


def _dump(raw: Any) -> str:
    try:
        return json.dumps(raw, ensure_ascii=True, sort_keys=True)  # lone surrogates survive
    except (RecursionError, TypeError, ValueError):
        return '"(a payload that cannot be written back as JSON)"'


def quarantine(
    session: Session, raw: Any, reason: Message, cipher: ReceiverCipher
) -> QuarantinedOrder | None:
    """Set ``raw`` aside with ``reason``; None when the same payload was set aside before."""
    fo_id, version = identity(raw)
    text = _dump(raw)
    digest = cipher.digest(text)
    if session.scalar(
        select(QuarantinedOrder.id)
        .where(QuarantinedOrder.fo_id == fo_id, QuarantinedOrder.raw_digest == digest)
        .limit(1)
    ):
        return None  # the same payload again (a repeated page or a duplicate in the feed)
    entry = QuarantinedOrder(
        fo_id=fo_id,
        version=version,
        raw=cipher.seal_text(text, bound_to=bound_to(fo_id)),
        raw_digest=digest,
        reason=stored([reason]),
    )
    session.add(entry)
    return entry


bound_to = quarantine_binding


def open_raw(entry: QuarantinedOrder, cipher: ReceiverCipher) -> str:
    """The payload as received, for a supervisor who must look inside."""
    return cipher.open_text(entry.raw, bound_to=bound_to(entry.fo_id))
