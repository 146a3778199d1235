"""One call of a screen into the services, in a unit of work of its own, tried again after a
dropped connection. Every screen's scans carry a key (:func:`new_key`), so a call sent twice
is applied once whatever happened to the first answer.

Public API: ``new_key() -> str``; ``once(database, job) -> T``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from warehouse.db import Database

T = TypeVar("T")
RETRIES = 3


def new_key() -> str:
    return uuid.uuid4().hex


def once(database: Database, job: Callable[[Session], T]) -> T:
    """``job`` in a unit of work of its own, tried again after a dropped connection (a keyed
    call is applied once however often it is sent)."""
    for attempt in range(RETRIES):
        try:
            with database.unit_of_work() as session:
                return job(session)
        except OperationalError:
            if attempt == RETRIES - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")
