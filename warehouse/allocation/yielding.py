"""The floor before the back office: the allocator gives the CPU to the scans.

Allocation is background work; a picker waiting for the next instruction is not. On a site
server where the allocator, the handhelds' services and PostgreSQL share a few cores, a busy
allocator (its Python and its PostgreSQL backend) takes CPU the scans wait for. Two ways to
yield, both set in ``[allocation]`` (:class:`warehouse.config.AllocationSettings`):

- ``nice``: the allocator process lowers its own OS priority (:func:`lower_priority`) and,
  where PostgreSQL runs on the same host and the allocator may renice its processes (the same
  OS user, or root) and its role may read ``data_directory`` (a backend is reniced only when
  it is a postgres process working in that directory), the backends serving the allocator's
  connections too: PostgreSQL has no
  priority of its own for a session's work, so its backend process is what gets the lower OS
  priority. Elsewhere (another host, another user, a pooler in transaction mode, whose
  backends change under a connection) only the allocator's own process is lowered. A lower
  priority costs nothing while the CPU is idle: the allocator only loses when something else
  wants the CPU.
- ``pause_ratio`` (:class:`FloorPacer`): while the floor is busy (a pick batch with a scan in
  the last ``busy_window_s`` seconds, or a packer's open session), after each set the
  allocator sleeps ``pause_ratio`` times the time the set took, so it takes at most
  ``1 / (1 + pause_ratio)`` of a core, its database backend included.

Public API: ``lower_priority(database, nice, *, pooler="none") -> PriorityReport``;
``FloorPacer(database, pause_ratio, busy_window_s)`` (called with each set's seconds);
``yield_to_floor(database, settings) -> FloorPacer | None`` (both, from the settings; what
``wms allocate`` does).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, or_, select
from sqlalchemy.engine import Engine

from warehouse.config import Settings
from warehouse.db import Database, database_now
from warehouse.models import PackSession, PickBatch
from warehouse.states import BatchState

log = logging.getLogger(__name__)

LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})


@dataclass
class PriorityReport:
    """What :func:`lower_priority` did: the process's nice value, and the backends lowered."""

    process_nice: int
    backends: bool
    """Whether the database backends are lowered as the allocator connects."""
    reason: str = ""
    """Why not, when ``backends`` is False."""
    reniced: list[int] = field(default_factory=list)
    """Backend process ids lowered so far."""


def _is_local(engine: Engine) -> bool:
    host = engine.url.host or ""
    return host in LOCAL_HOSTS or host.startswith("/")


def _data_directory(dbapi_connection: Any) -> str | None:
    """The server's data directory, or None where this role may not read it (it needs
    superuser or ``pg_read_all_settings``): then no backend is reniced."""
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            row = cursor.fetchone()
        dbapi_connection.rollback()
    except Exception:  # permission denied, or a driver without cursors
        with contextlib.suppress(Exception):
            dbapi_connection.rollback()
        return None
    return str(row[0]) if row else None


def _is_backend(pid: int, data_directory: str | None) -> bool:
    """Is ``pid`` this server's backend on this host? A PostgreSQL backend works in its data
    directory, so a process of another server, another PID namespace (a container behind a
    forwarded port) or a pooler's cancel key that happens to have the number is left alone."""
    if not data_directory:
        return False
    try:
        if not Path(f"/proc/{pid}/comm").read_text().strip().startswith("postgres"):
            return False
        return os.path.realpath(f"/proc/{pid}/cwd") == os.path.realpath(data_directory)
    except OSError:
        return False


def _renice(pid: int, nice: int) -> bool:
    try:
        if os.getpriority(os.PRIO_PROCESS, pid) < nice:
            os.setpriority(os.PRIO_PROCESS, pid, nice)
    except OSError as exc:  # another user's process and no CAP_SYS_NICE
        log.info("allocation: backend %s keeps its priority (%s)", pid, exc)
        return False
    return True


def lower_priority(database: Database, nice: int, *, pooler: str = "none") -> PriorityReport:
    """Lower this process to ``nice`` (never raising it), and each PostgreSQL backend the
    allocator's engine connects to, when that can be done on this host."""
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if nice > current:
        os.setpriority(os.PRIO_PROCESS, 0, nice)
    report = PriorityReport(process_nice=max(nice, current), backends=False)
    engine = database.engine
    if nice <= 0:
        report.reason = "nice is 0"
    elif engine.dialect.name != "postgresql":
        report.reason = "no separate database server"
    elif pooler == "transaction":
        report.reason = "a pooler in transaction mode changes the backend under a connection"
    elif not _is_local(engine):
        report.reason = f"the database runs on {engine.url.host}"
    if report.reason:
        return report
    report.backends = True

    @event.listens_for(engine, "connect")
    def lower_backend(dbapi_connection: Any, record: object) -> None:
        info = getattr(dbapi_connection, "info", None)  # psycopg 3: the pid, no round trip
        pid = getattr(info, "backend_pid", None)
        if pid is None:  # another driver: the allocator's own process is lowered only
            return
        if _is_backend(int(pid), _data_directory(dbapi_connection)) and _renice(int(pid), nice):
            report.reniced.append(int(pid))

    engine.pool.dispose()  # connections opened before: closed, the next ones are lowered
    return report


class FloorPacer:
    """Called after each set with the seconds it took: sleeps ``pause_ratio`` times that while
    the floor is busy. Whether it is busy is read at most every ``busy_window_s / 3`` seconds
    (one small query on the pick batches and pack sessions)."""

    def __init__(self, database: Database, pause_ratio: float, busy_window_s: float) -> None:
        self.database = database
        self.pause_ratio = pause_ratio
        self.busy_window = timedelta(seconds=busy_window_s)
        self._recheck_s = busy_window_s / 3
        self._checked_at = -float("inf")
        self._busy = False
        self.paused_s = 0.0

    def floor_busy(self) -> bool:
        if time.monotonic() - self._checked_at < self._recheck_s:
            return self._busy
        with self.database.unit_of_work(read_only=True) as session:
            since = database_now(session) - self.busy_window
            picking = (
                select(PickBatch.id)
                .where(
                    PickBatch.state.in_((BatchState.CLAIMED, BatchState.IN_PROGRESS)),
                    PickBatch.last_activity_at >= since,
                )
                .exists()
            )
            packing = select(PackSession.id).where(PackSession.state == "open").exists()
            self._busy = bool(session.scalar(select(or_(picking, packing))))
        self._checked_at = time.monotonic()
        return self._busy

    def __call__(self, set_s: float) -> None:
        if self.pause_ratio <= 0 or set_s <= 0 or not self.floor_busy():
            return
        pause = self.pause_ratio * set_s
        self.paused_s += pause
        time.sleep(pause)


def yield_to_floor(database: Database, settings: Settings) -> FloorPacer | None:
    """Apply ``[allocation] nice`` to this process (and its database backends where it can),
    and the pacer for ``allocate_pending(pace=...)`` when ``pause_ratio`` is set."""
    config = settings.allocation
    report = lower_priority(database, config.nice, pooler=settings.database.pooler)
    log.info(
        "allocation: nice %s, database backends %s",
        report.process_nice,
        "lowered too" if report.backends else f"not lowered ({report.reason})",
    )
    if config.pause_ratio <= 0:
        return None
    return FloorPacer(database, config.pause_ratio, config.busy_window_s)
