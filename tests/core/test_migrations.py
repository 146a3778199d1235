"""Migrations build the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import DateTime, inspect

from warehouse.db import Database
from warehouse.migrate import current_revision, head_revision, is_up_to_date, upgrade
from warehouse.models import Base


def test_migrations_reach_head_and_match_the_models(database: Database) -> None:
    assert is_up_to_date(database)
    assert current_revision(database) == head_revision(database)
    tables = set(inspect(database.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # Type rendering differs harmlessly between the ORM's UTC wrapper and plain DateTime;
    # every other type difference (a String length, Integer against BigInteger) counts.
    relevant = [d for d in diff if not _utc_wrapper_only(d)]
    assert relevant == []


def _utc_wrapper_only(diff: object) -> bool:
    if not (isinstance(diff, list) and diff and diff[0][0] == "modify_type"):
        return False
    _, _, _, _, _, existing, wanted = diff[0]
    wrapped = getattr(wanted, "impl", wanted)
    return isinstance(existing, DateTime) and isinstance(wrapped, DateTime)


def test_upgrade_twice_is_harmless(database: Database) -> None:
    upgrade(database)
    assert is_up_to_date(database)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_database: Database) -> None:
    with sqlite_database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
