"""``database.read_url``: reports, queues and figures read a second, read-only connection.

On PostgreSQL the "replica" is the same server reached as a role whose transactions are read
only (``default_transaction_read_only = on``), so a write through it fails loudly; the
replica engine also starts every transaction ``BEGIN READ ONLY`` on its own. SQLite ignores
the setting.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tests import builders
from warehouse.audit import Actor
from warehouse.config import DatabaseSettings, Settings
from warehouse.db import Database, create_db_engine, read_as_of
from warehouse.states import Role
from warehouse.supervision.queue import QueueFilter
from warehouse_tui.cli import main
from warehouse_tui.screens.supervisor.jobs import SupervisorJobs


@pytest.fixture
def reader_url(pg_database: Database) -> Iterator[str]:
    """The test database as a role that may only read."""
    role = f"wms_reader_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_database.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'ALTER ROLE "{role}" SET default_transaction_read_only = on'))
        conn.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
        conn.execute(
            text(f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO "{role}"')
        )
    try:
        yield make_url(pg_database.url).set(username=role).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{role}'"
                )
            )
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


def _app(url: str, read_url: str | None, read_after_write_s: float = 10.0) -> Database:
    config = DatabaseSettings(url=url, read_url=read_url, read_after_write_s=read_after_write_s)
    return Database.from_settings(Settings(database=config))


def _who(database: Database) -> str:
    with database.unit_of_work(read_only=True, replica=True) as session:
        return str(session.execute(text("SELECT current_user")).scalar_one())


def _seed(database: Database) -> tuple[Actor, str]:
    with database.unit_of_work() as session:
        shop = builders.merchant(session)
        item = builders.sku(session, shop)
        quant = builders.stock(session, item, builders.location(session), 5)
        order = builders.allocated_order(session, shop, [(quant, 2)])
        boss = builders.user(session, "S900", role=Role.SUPERVISOR)
        return boss, order.fo_id


def test_queues_search_and_figures_read_the_replica(pg_database: Database, reader_url: str) -> None:
    boss, fo_id = _seed(pg_database)  # another process wrote: this one has not
    app = _app(pg_database.url, reader_url)
    try:
        reader = make_url(reader_url).username
        assert _who(app) == reader
        jobs = SupervisorJobs(app, Settings(), boss)
        assert [hit.fo_id for hit in jobs.search(fo_id)] == [fo_id]
        assert fo_id in [row.fo_id for row in jobs.queue(QueueFilter()).rows]
        with app.unit_of_work(read_only=True, replica=True) as session:
            assert abs(read_as_of(session) - datetime.now(UTC)) < timedelta(minutes=1)
    finally:
        app.dispose()


def test_a_process_that_wrote_reads_its_own_write_from_the_primary(
    pg_database: Database, reader_url: str
) -> None:
    boss, fo_id = _seed(pg_database)
    app = _app(pg_database.url, reader_url, read_after_write_s=3600)
    try:
        jobs = SupervisorJobs(app, Settings(), boss)
        assert _who(app) != "postgres"
        jobs.set_priority(fo_id, 7)  # a write: the primary, never the replica
        assert _who(app) == "postgres"  # within read_after_write_s: the primary
        row = next(r for r in jobs.queue(QueueFilter()).rows if r.fo_id == fo_id)
        assert row.priority == 7
    finally:
        app.dispose()
    eager = _app(pg_database.url, reader_url, read_after_write_s=0)
    try:
        SupervisorJobs(eager, Settings(), boss).set_priority(fo_id, 8)
        assert _who(eager) == make_url(reader_url).username  # no grace: back to the replica
    finally:
        eager.dispose()


def test_writers_never_use_the_replica(pg_database: Database, reader_url: str) -> None:
    app = _app(pg_database.url, reader_url)
    try:
        with pytest.raises(ValueError, match="read-only"), app.unit_of_work(replica=True):
            pass
        assert app.read_engine is not None
        # past every guard of ours: the server refuses
        with app.read_engine.connect() as conn, pytest.raises(DBAPIError) as refused:
            conn.execute(text("INSERT INTO merchant (mall_id, name) VALUES ('X', 'X')"))
        assert refused.value.orig is not None
        assert getattr(refused.value.orig, "sqlstate", None) == "25006"  # read-only transaction
    finally:
        app.dispose()
    # the replica engine is read-only by itself, even on a URL that could write
    engine = create_db_engine(pg_database.url, read_only=True)
    try:
        with engine.connect() as conn, pytest.raises(DBAPIError) as refused:
            conn.execute(text("INSERT INTO merchant (mall_id, name) VALUES ('Y', 'Y')"))
        assert getattr(refused.value.orig, "sqlstate", None) == "25006"
    finally:
        engine.dispose()


def test_sqlite_ignores_the_read_url(sqlite_database: Database) -> None:
    boss, fo_id = _seed(sqlite_database)
    app = _app(sqlite_database.url, "postgresql+psycopg://nobody@127.0.0.1:1/none")
    try:
        assert app.read_engine is None and not app.reads_replica()
        assert [h.fo_id for h in SupervisorJobs(app, Settings(), boss).search(fo_id)] == [fo_id]
    finally:
        app.dispose()


def test_wms_figures_says_it_read_the_replica_and_as_of_when(
    pg_database: Database,
    reader_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "{pg_database.url}"\nread_url = "{reader_url}"\n', encoding="utf-8"
    )
    monkeypatch.setenv("WMS_CONFIG", str(config))
    monkeypatch.delenv("WMS_DATABASE_URL", raising=False)
    assert main(["figures", "--from", "2026-11-24"]) == 0
    err = capsys.readouterr().err
    assert re.search(r"Read from the replica, as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\.", err), err
