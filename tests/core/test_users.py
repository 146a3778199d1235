"""Badges, PINs, lockout and the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.errors import AuthError, PermissionDenied, WarehouseError
from warehouse.models import AuditEvent, User
from warehouse.users import add_user, login, set_active, unlock

ADMIN = Actor(name="cli:test", role="admin")


def make_picker(database: Database, badge: str = "P100", pin: str = "4321") -> None:
    with database.unit_of_work() as session:
        add_user(session, ADMIN, badge=badge, name="Test picker", role="picker", pin=pin)


def test_a_picker_logs_in_with_badge_and_pin(database: Database) -> None:
    make_picker(database)
    user = login(database, "P100", "4321")
    assert user.role == "picker"


def test_the_pin_is_stored_hashed(database: Database) -> None:
    make_picker(database)
    with database.engine.connect() as conn:
        stored = conn.execute(text("SELECT pin_hash FROM app_user")).scalar_one()
    assert "4321" not in stored and stored.startswith("scrypt$")


def test_five_wrong_pins_lock_the_badge_even_for_the_right_pin(database: Database) -> None:
    make_picker(database)
    messages = []
    for _ in range(5):
        with pytest.raises(AuthError) as raised:
            login(database, "P100", "0000")
        messages.append(str(raised.value))
    assert messages[0] == "Wrong PIN: 4 attempts left."
    assert messages[3] == "Wrong PIN: 1 attempt left."
    assert "now locked" in messages[4]
    with pytest.raises(AuthError, match="locked"):
        login(database, "P100", "4321")
    with database.unit_of_work() as session:
        unlock(session, ADMIN, "P100")
    assert login(database, "P100", "4321").badge == "P100"


def test_a_right_pin_resets_the_count(database: Database) -> None:
    make_picker(database)
    for _ in range(4):
        with pytest.raises(AuthError):
            login(database, "P100", "0000")
    login(database, "P100", "4321")
    with pytest.raises(AuthError, match="4 attempts left"):
        login(database, "P100", "0000")


def test_a_disabled_badge_cannot_log_in(database: Database) -> None:
    make_picker(database)
    with database.unit_of_work() as session:
        set_active(session, ADMIN, "P100", False)
    with pytest.raises(AuthError, match="disabled"):
        login(database, "P100", "4321")


def test_unknown_badge_and_bad_pins_are_refused_with_a_sentence(database: Database) -> None:
    with pytest.raises(AuthError, match="Unknown badge"):
        login(database, "NOPE", "1234")
    with database.unit_of_work() as session, pytest.raises(WarehouseError, match="4 to 8 digits"):
        add_user(session, ADMIN, badge="X1", name="x", role="picker", pin="12")


def test_a_picker_cannot_unlock_badges(database: Database) -> None:
    make_picker(database)
    picker = Actor(name="P100", user_id=1, role="picker")
    with database.unit_of_work() as session, pytest.raises(PermissionDenied):
        unlock(session, picker, "P100")


def test_every_change_leaves_an_audit_event(database: Database) -> None:
    make_picker(database)
    for _ in range(5):
        with pytest.raises(AuthError):
            login(database, "P100", "0000")
    with database.unit_of_work() as session:
        unlock(session, ADMIN, "P100")
    login(database, "P100", "4321")
    with database.unit_of_work(read_only=True) as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        user = session.scalars(select(User)).one()
    assert [e.action for e in events] == ["user.add", "user.locked", "user.unlock", "user.login"]
    assert events[0].actor == "cli:test" and events[0].after == {
        "role": "picker",
        "name": "Test picker",
    }
    assert events[3].user_id == user.id
