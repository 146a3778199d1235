"""Shared fixtures: a migrated database on SQLite and on PostgreSQL, settings, a cipher.

PostgreSQL tests run when ``WMS_TEST_DATABASE_URL`` names a server (any database on it; the
fixtures create and drop their own). With ``WMS_REQUIRE_POSTGRES=1`` (set by CI) a missing
server fails the run instead of skipping.
"""

from __future__ import annotations

import base64
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from warehouse.config import Settings
from warehouse.db import Database, normalise_url
from warehouse.migrate import upgrade
from warehouse.models import Base
from warehouse.pii import ReceiverCipher

PG_ENV = "WMS_TEST_DATABASE_URL"
TEST_KEY = base64.b64encode(b"k" * 32).decode()


def _pg_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    return normalise_url(url) if url else None


def _require_pg() -> None:
    message = f"PostgreSQL tests need {PG_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1/test)"
    if os.environ.get("WMS_REQUIRE_POSTGRES") == "1":
        pytest.fail(message + " and WMS_REQUIRE_POSTGRES=1 forbids skipping them.")
    pytest.skip(message)


class PostgresServer:
    """Creates throw-away databases on the test server and drops them at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []

    def create_database(self, prefix: str = "wms_test") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            for name in self.created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    url = _pg_admin_url()
    if url is None:
        _require_pg()
        raise AssertionError  # unreachable: skip or fail raised
    server = PostgresServer(url)
    try:
        with server.admin.connect():
            pass
    except Exception as exc:
        if os.environ.get("WMS_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL at {url} cannot be reached: {exc}")
        pytest.skip(f"PostgreSQL at {url} cannot be reached")
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def _pg_migrated_url(pg_server: PostgresServer) -> str:
    url = pg_server.create_database()
    database = Database.from_url(url)
    upgrade(database)
    database.dispose()
    return url


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = Database.from_url(f"sqlite:///{path}")
    upgrade(database)
    database.dispose()  # the last connection to close checkpoints the WAL into the file
    return path


def _truncate_all(database: Database) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with database.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def sqlite_database(_sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "wms.db"
    shutil.copy(_sqlite_template, path)
    database = Database.from_url(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.fixture
def pg_database(_pg_migrated_url: str) -> Iterator[Database]:
    database = Database.from_url(_pg_migrated_url)
    _truncate_all(database)
    yield database
    database.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> Database:
    """The same test on both databases."""
    name = "sqlite_database" if request.param == "sqlite" else "pg_database"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture
def cipher() -> ReceiverCipher:
    return ReceiverCipher(base64.b64decode(TEST_KEY))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(source=tmp_path / "config.toml")


@pytest.fixture(autouse=True)
def _secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WMS_SECRET_KEY", TEST_KEY)


@pytest.fixture(autouse=True)
def _private_logs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Crash logs of a test go to its own folder, not the working tree's var/log."""
    monkeypatch.setenv("WMS_LOG_DIR", str(tmp_path / "var" / "log"))
