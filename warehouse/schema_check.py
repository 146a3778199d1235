"""Refuse, in one sentence, to work on a database that is unreachable or not migrated."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from warehouse.db import Database
from warehouse.errors import WarehouseError
from warehouse.migrate import is_up_to_date


def require_current_schema(database: Database) -> None:
    try:
        current = is_up_to_date(database)
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "no answer"
        raise WarehouseError(f"The database cannot be reached ({reason}).") from None
    if not current:
        raise WarehouseError("The database schema is not current: run 'wms db upgrade' first.")
