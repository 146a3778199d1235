"""The allocator yields the CPU to the floor: a lower OS priority for its process and its
local PostgreSQL backends, and pauses between sets while pickers or packers are working."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from tests import builders as f
from warehouse.allocation import allocate_pending, yielding
from warehouse.allocation.yielding import FloorPacer, lower_priority
from warehouse.audit import Actor
from warehouse.config import AllocationSettings, ConfigError, load_settings
from warehouse.db import Database, database_now
from warehouse.models import PickBatch

SYSTEM = Actor.system("allocation")
TODAY = date(2026, 11, 24)
ROOT = Path(__file__).resolve().parents[2]


def _orders(database: Database, count: int) -> None:
    with database.unit_of_work() as s:
        owner = f.merchant(s, "M1")
        item = f.sku(s, owner, "M1-A")
        f.stock(s, item, f.location(s), 10 * count)
        for _ in range(count):
            f.order(s, owner, [(item, 1)])


def test_pace_is_called_after_each_set_with_its_time(database: Database) -> None:
    _orders(database, 7)
    seen: list[float] = []
    summary = allocate_pending(
        database, actor=SYSTEM, today=TODAY, set_size=3, pace=seen.append, keep_results=False
    )
    assert summary.allocated == 7
    assert len(seen) == 3  # sets of 3, 3 and 1; the empty claim that ends the run is not paced
    assert all(0 < s < 60 for s in seen)


def test_a_dry_run_never_pauses_inside_its_one_transaction(database: Database) -> None:
    _orders(database, 4)
    seen: list[float] = []
    allocate_pending(
        database, actor=SYSTEM, today=TODAY, set_size=2, dry_run=True, pace=seen.append
    )
    assert seen == []


def _busy_cart(database: Database, *, minutes_ago: float) -> None:
    with database.unit_of_work() as s:
        now = database_now(s)
        s.add(
            PickBatch(
                code="B-BUSY",
                state="in_progress",
                claimed_at=now - timedelta(minutes=minutes_ago),
                last_activity_at=now - timedelta(minutes=minutes_ago),
            )
        )


def test_the_pacer_pauses_only_while_the_floor_is_busy(database: Database) -> None:
    pacer = FloorPacer(database, pause_ratio=2.0, busy_window_s=30)
    pacer(0.01)
    assert pacer.paused_s == 0  # nobody picks: the allocator runs flat out
    _busy_cart(database, minutes_ago=0)
    fresh = FloorPacer(database, pause_ratio=2.0, busy_window_s=30)
    fresh(0.01)
    fresh(0.02)
    assert fresh.paused_s == pytest.approx(0.06)  # twice each set's time


def test_a_cart_idle_beyond_the_window_is_not_a_busy_floor(database: Database) -> None:
    _busy_cart(database, minutes_ago=5)
    pacer = FloorPacer(database, pause_ratio=1.0, busy_window_s=30)
    assert not pacer.floor_busy()
    pacer(0.01)
    assert pacer.paused_s == 0


def test_no_pause_ratio_means_no_pause(database: Database) -> None:
    _busy_cart(database, minutes_ago=0)
    pacer = FloorPacer(database, pause_ratio=0.0, busy_window_s=30)
    pacer(0.5)
    assert pacer.paused_s == 0


def test_sqlite_has_no_backend_to_lower(sqlite_database: Database) -> None:
    report = lower_priority(sqlite_database, 0)
    assert not report.backends
    assert report.process_nice == os.getpriority(os.PRIO_PROCESS, 0)


_CHILD = """
import json, os, sys
from sqlalchemy import text
from warehouse.allocation.yielding import lower_priority
from warehouse.db import Database
database = Database.from_url(sys.argv[1])
with database.engine.connect() as conn:  # a connection opened before: not kept
    conn.execute(text("SELECT 1"))
report = lower_priority(database, 7)
with database.engine.connect() as conn:
    pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
print(json.dumps({
    "process": os.getpriority(os.PRIO_PROCESS, 0), "backends": report.backends,
    "reason": report.reason, "pid": pid, "reniced": report.reniced,
    "backend_nice": os.getpriority(os.PRIO_PROCESS, pid) if report.reniced else None,
}))
"""


def _lowered_in_a_child(url: str) -> dict[str, object]:
    """In a process of its own: this test's process keeps its priority."""
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_CHILD), url],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_allocator_and_its_local_backend_get_the_lower_priority(
    pg_database: Database,
) -> None:
    found = _lowered_in_a_child(pg_database.url)
    assert found["process"] == max(7, os.getpriority(os.PRIO_PROCESS, 0))
    host = pg_database.engine.url.host or ""
    if host not in ("127.0.0.1", "localhost", "::1", "") and not host.startswith("/"):
        assert not found["backends"]
        return
    assert found["backends"], found["reason"]
    with pg_database.engine.connect() as conn:
        owner = conn.execute(text("SELECT current_setting('data_directory')")).scalar_one()
    if os.geteuid() != 0 and Path(owner).stat().st_uid != os.geteuid():
        pytest.skip("the PostgreSQL backends belong to another OS user: only root may renice")
    assert found["reniced"] == [found["pid"]]
    assert found["backend_nice"] == 7


def test_the_allocation_settings_are_read_and_checked(tmp_path: Path) -> None:
    documented = load_settings(ROOT / "config.toml", environ={}).allocation
    assert documented == AllocationSettings(nice=10, pause_ratio=0.0, busy_window_s=30)
    site = tmp_path / "site.toml"
    site.write_text("[allocation]\nnice = 25\n")
    with pytest.raises(ConfigError, match=r"allocation\.nice"):
        load_settings(site, environ={})


def test_only_this_servers_backend_is_ever_reniced(pg_database: Database) -> None:
    """A backend is reniced only when it works in the server's data directory: not a pid of
    another server or namespace, not this test's own process, not when the directory cannot
    be read (a role without pg_read_all_settings)."""
    raw = pg_database.engine.raw_connection()
    try:
        pid = raw.driver_connection.info.backend_pid  # type: ignore[union-attr]
        directory = yielding._data_directory(raw.driver_connection)
    finally:
        raw.close()
    assert directory is not None
    assert yielding._is_backend(pid, directory)
    assert not yielding._is_backend(pid, "/tmp")  # another server's process with that number
    assert not yielding._is_backend(pid, None)
    assert not yielding._is_backend(os.getpid(), directory)
