"""Engine, session factory and unit of work, built from settings (never at import time).

SQLite runs in WAL mode with foreign keys on; a writing unit of work starts with
``BEGIN IMMEDIATE`` so that two writers queue instead of failing half-way. PostgreSQL runs
through psycopg 3 at READ COMMITTED; services lock rows they change (``FOR UPDATE``) or use
guarded updates.

Past one server: ``database.read_url`` names a read-only copy (a streaming replica) that
``unit_of_work(read_only=True, replica=True)`` reads from: reports, queues and figures, which
tolerate its lag. Writers never use it; a process that wrote in the last
``database.read_after_write_s`` seconds reads from the primary (it sees its own writes).
``database.pooler = "transaction"`` (PgBouncer in transaction mode) turns psycopg's prepared
statements off; nothing else here keeps session state between transactions.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Engine,
    create_engine,
    event,
    func,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from warehouse.config import Settings
from warehouse.errors import ConfigError

SQLITE_BUSY_TIMEOUT_MS = 15_000


def normalise_url(url: str) -> str:
    """Let ``postgresql://`` mean psycopg 3 (SQLAlchemy would otherwise pick psycopg2)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def create_db_engine(
    url: str, *, echo: bool = False, pooler: str = "none", read_only: bool = False
) -> Engine:
    """An engine for ``url``. ``pooler="transaction"``: a transaction-mode pooler (PgBouncer)
    is in between, so psycopg prepares no statements (a prepared statement lives in one server
    session, and the pooler hands the next transaction to another). ``read_only``: every
    PostgreSQL transaction starts ``BEGIN READ ONLY`` (the replica engine)."""
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with a long text
        raise ConfigError(f"The database URL {url!r} is not valid.") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,  # no receiver data or other values in errors and logs
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        connect_args: dict[str, Any] = {}
        if pooler == "transaction":
            connect_args["prepare_threshold"] = None
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,
            pool_pre_ping=True,
            pool_size=5,
            max_overflow=10,
            connect_args=connect_args,
        )
        if read_only:
            _begin_read_only(engine)
        return engine
    raise ConfigError(
        f"The database {parsed.get_backend_name()!r} is not supported; use SQLite or PostgreSQL."
    )


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the driver so that we can say BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get("wms_read_only", False)
        connection.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")


def _begin_read_only(engine: Engine) -> None:
    """psycopg starts each transaction ``BEGIN READ ONLY``: a per-transaction setting, so it
    holds through a transaction-mode pooler too."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.read_only = True


def read_as_of(session: Session) -> datetime:
    """When the data this session reads was current, aware UTC: on a PostgreSQL replica the
    time of the last transaction it replayed (what a report prints as "as of"), else the
    transaction's time (``database_now``)."""
    if session.get_bind().dialect.name == "postgresql":
        value = session.execute(
            text(
                "SELECT CASE WHEN pg_is_in_recovery() "
                "THEN coalesce(pg_last_xact_replay_timestamp(), now()) ELSE now() END"
            )
        ).scalar_one()
        moment: datetime = value.astimezone(UTC)
        return moment
    return database_now(session)


class ReadOnlyWrite(RuntimeError):
    """A write was attempted inside ``unit_of_work(read_only=True)``: a programming error, never
    silently dropped."""


_DML = ("INSERT", "UPDATE", "DELETE", "MERGE")


def _refuse_writes(engine: Engine) -> None:
    """Refuse every write statement on a connection marked read-only (any path: ORM flush,
    ``session.execute(update(...))`` or raw SQL)."""

    @event.listens_for(engine, "before_cursor_execute")
    def _check(
        conn: Any, _cursor: Any, statement: str, _params: Any, _context: Any, _many: bool
    ) -> None:
        if conn.get_execution_options().get("wms_read_only", False):
            verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
            if verb in _DML:
                raise ReadOnlyWrite(
                    f"A read-only unit of work tried to write ({verb} …); use unit_of_work()."
                )


def database_now(session: Session) -> datetime:
    """The database's current time, aware UTC: clock-dependent decisions (is a cart idle?)
    use it, never a time the caller passes. PostgreSQL: the transaction's ``now()``;
    SQLite: the host clock as SQLite reads it, in milliseconds."""
    if session.get_bind().dialect.name == "postgresql":
        value = session.execute(text("SELECT now()")).scalar_one()
        return value.astimezone(UTC)
    stamp = session.execute(text("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')")).scalar_one()
    return datetime.fromisoformat(stamp).replace(tzinfo=UTC)


def activity_stamp(session: Session) -> datetime | ColumnElement[datetime]:
    """The value to stamp a row with the database's current time: on PostgreSQL the SQL
    ``now()`` itself (the transaction's time, as :func:`database_now` reads it, written by
    the UPDATE without a round trip of its own; the attribute is read back only if used);
    on SQLite the time :func:`database_now` reads."""
    if session.get_bind().dialect.name == "postgresql":
        return func.now()
    return database_now(session)


class Database:
    """One database: the engine and a factory of units of work, and optionally a read-only
    copy (``read_engine``) for the readers that tolerate lag."""

    def __init__(
        self,
        engine: Engine,
        *,
        read_engine: Engine | None = None,
        read_after_write_s: float = 10.0,
    ) -> None:
        self.engine = engine
        _refuse_writes(engine)
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=True)
        self.read_engine = read_engine
        self._read_sessions = None
        if read_engine is not None:
            _refuse_writes(read_engine)
            self._read_sessions = sessionmaker(read_engine, expire_on_commit=False)
        self.read_after_write_s = read_after_write_s
        self._wrote_at = -float("inf")  # time.monotonic() of this process's last commit

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        config = settings.database
        engine = create_db_engine(config.url, echo=config.echo, pooler=config.pooler)
        read_engine = None
        if config.read_url and engine.dialect.name == "postgresql":  # SQLite: one file, ignored
            read_engine = create_db_engine(
                config.read_url, echo=config.echo, pooler=config.pooler, read_only=True
            )
        return cls(engine, read_engine=read_engine, read_after_write_s=config.read_after_write_s)

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls(create_db_engine(url))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    def reads_replica(self) -> bool:
        """Would a ``replica=True`` read go to the read-only copy now? Not when there is none,
        nor within ``read_after_write_s`` of this process's last write."""
        if self._read_sessions is None:
            return False
        return time.monotonic() - self._wrote_at >= self.read_after_write_s

    @contextmanager
    def unit_of_work(self, *, read_only: bool = False, replica: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on error.

        ``read_only`` starts a deferred transaction on SQLite (readers never wait for writers)
        and never commits; any write in it raises :class:`ReadOnlyWrite` (a flush, a bulk
        update, raw SQL, an explicit commit, or changes still pending when the block ends).
        ``replica`` (read-only only) reads from ``database.read_url`` when there is one and this
        process has not written in the last ``read_after_write_s`` seconds: for readers that
        tolerate lag (reports, queues, figures).
        """
        if replica and not read_only:
            raise ValueError("Only a read-only unit of work may read from the replica.")
        use_replica = replica and self.reads_replica()
        factory = self._read_sessions if use_replica and self._read_sessions else self._sessions
        session = factory()
        try:
            if read_only:
                session.connection(execution_options={"wms_read_only": True})
                session.info["wms_read_only"] = True
            yield session
            if not read_only:
                session.commit()
                self._wrote_at = time.monotonic()
            else:
                _refuse_pending(session)
            # A read-only transaction ends when the session closes; objects keep what they loaded.
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not None:
            self.read_engine.dispose()


def _refuse_pending(session: Session) -> None:
    pending = bool(session.new or session.deleted) or any(
        session.is_modified(obj) for obj in session.dirty
    )
    if pending:
        raise ReadOnlyWrite(
            "A read-only unit of work ended with unsaved changes; they were not saved."
        )


@event.listens_for(Session, "before_commit")
def _no_commit_when_read_only(session: Session) -> None:
    if session.info.get("wms_read_only"):
        raise ReadOnlyWrite("A read-only unit of work cannot commit; use unit_of_work().")
