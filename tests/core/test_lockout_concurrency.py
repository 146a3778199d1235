"""Lockout holds under concurrency: 40 wrong PINs at once check at most five."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

import warehouse.users as users
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.errors import AuthError
from warehouse.models import User

ATTEMPTS = 40


def test_forty_concurrent_wrong_pins_check_at_most_five(
    pg_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    database, workers = pg_database, ATTEMPTS
    with database.unit_of_work() as session:
        users.add_user(
            session,
            Actor("cli:test", role="admin"),
            badge="P1",
            name="Picker",
            role="picker",
            pin="4321",
        )
    checked = [0]
    lock = threading.Lock()
    real = users.verify_pin

    def counting(pin: str, stored: str) -> bool:
        with lock:
            checked[0] += 1
        return real(pin, stored)

    monkeypatch.setattr(users, "verify_pin", counting)
    start = threading.Barrier(workers)

    def attempt(_: int) -> str:
        start.wait()
        try:
            users.login(database, "P1", "0000")
        except AuthError as exc:
            return str(exc)
        return "logged in"

    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(attempt, range(ATTEMPTS)))
    assert checked[0] <= 5, f"{checked[0]} wrong PINs were checked"
    assert "logged in" not in answers
    with database.unit_of_work(read_only=True) as session:
        user = session.scalars(select(User).where(User.badge == "P1")).one()
        assert user.locked_at is not None and user.failed_pins == 5
    with pytest.raises(AuthError, match="locked"):
        users.login(database, "P1", "4321")  # the right PIN no longer helps
