"""Migrations build the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import DateTime, insert, inspect, select

from warehouse.db import Database
from warehouse.migrate import current_revision, head_revision, is_up_to_date, upgrade
from warehouse.models import Base, OutboxEvent


def test_migrations_reach_head_and_match_the_models(database: Database) -> None:
    assert is_up_to_date(database)
    assert current_revision(database) == head_revision(database)
    tables = set(inspect(database.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # Type rendering differs harmlessly between the ORM's UTC wrapper and plain DateTime;
    # every other type difference (a String length, Integer against BigInteger) counts.
    relevant = [d for d in diff if not _utc_wrapper_only(d) and not _other_dialects(d, database)]
    assert relevant == []


def _other_dialects(diff: object, database: Database) -> bool:
    """An index the models create on another database only (``Index.ddl_if``)."""
    if not (isinstance(diff, tuple) and diff[0] == "add_index"):
        return False
    table = Base.metadata.tables[diff[1].table.name]
    model = next((i for i in table.indexes if i.name == diff[1].name), None)
    only = getattr(model, "_ddl_if", None)  # autogenerate compares a copy without it
    dialect = getattr(only, "dialect", None)
    return dialect is not None and dialect != database.engine.dialect.name


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


@pytest.fixture(params=["sqlite", "postgresql"])
def unmigrated(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        database = Database.from_url(f"sqlite:///{tmp_path / 'old.db'}")
    else:
        server = request.getfixturevalue("pg_server")
        database = Database.from_url(server.create_database())
    yield database
    database.dispose()


def test_an_old_address_correction_loses_its_clear_street_on_upgrade(
    unmigrated: Database,
) -> None:
    upgrade(unmigrated, "0002_handover")
    body = {"event_id": "e1", "province": "浙江省", "city": "杭州市", "detail": "文三路 1 号"}
    with unmigrated.engine.begin() as conn:
        conn.execute(
            insert(OutboxEvent).values(
                event_id="e1", fo_id="FO-1", kind="address_correction", payload=body
            )
        )
        conn.execute(
            insert(OutboxEvent).values(
                event_id="e2", fo_id="FO-1", kind="progress", payload={"detail": "kept"}
            )
        )
    upgrade(unmigrated)
    with unmigrated.engine.connect() as conn:
        payloads = dict(conn.execute(select(OutboxEvent.event_id, OutboxEvent.payload)).all())
    assert payloads == {
        "e1": {"event_id": "e1", "province": "浙江省", "city": "杭州市"},
        "e2": {"detail": "kept"},
    }
