"""The app through a real PgBouncer in transaction mode (``database.pooler = "transaction"``).

Two server connections serve every client, so consecutive transactions of one client run on
different server sessions and several clients share one: a flow that relied on session state
(prepared statements, ``SET``, advisory locks, temporary tables) would fail here.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import psycopg
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from picking.waves import plan_wave
from tests import builders
from tests.pgbouncer import pgbouncer
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.config import DatabaseSettings, Settings
from warehouse.db import Database
from warehouse.demo import seed_demo
from warehouse.models import Reservation, StockQuant, User
from warehouse.pii import ReceiverCipher
from warehouse.reports.figures import shift_figures
from warehouse.reports.window import Window
from warehouse.supervision.queue import QueueFilter, order_page
from warehouse_tui.demo_picks import pick_carts

TODAY = date(2026, 11, 24)


def _psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def test_prepared_statements_break_behind_a_transaction_pooler(pg_database: Database) -> None:
    """Why the setting exists: with psycopg's default prepared statements, two clients on one
    server session clash (the test's pooler is discriminating)."""
    with pgbouncer(pg_database.url, server_pool=1) as url:
        first = psycopg.connect(_psycopg_url(url), autocommit=True)
        second = psycopg.connect(_psycopg_url(url), autocommit=True)
        try:
            for _ in range(8):  # prepared on the server session after prepare_threshold uses
                first.execute("SELECT 1 WHERE %s = 1", (1,))
            with pytest.raises(psycopg.errors.DuplicatePreparedStatement):
                for _ in range(8):  # the same name, _pg3_0, on the same server session
                    second.execute("SELECT 2 WHERE %s = 1", (1,))
        finally:
            first.close()
            second.close()
    # and with prepare_threshold=None the same exchange works
    with pgbouncer(pg_database.url, server_pool=1) as url:
        conns = [
            psycopg.connect(_psycopg_url(url), autocommit=True, prepare_threshold=None)
            for _ in range(2)
        ]
        try:
            for _ in range(8):
                for n, conn in enumerate(conns):
                    assert conn.execute("SELECT %s::int", (n,)).fetchone() == (n,)
        finally:
            for conn in conns:
                conn.close()


def test_a_shift_through_pgbouncer_in_transaction_mode(
    pg_database: Database, cipher: ReceiverCipher
) -> None:
    with pgbouncer(pg_database.url, server_pool=2) as url:
        settings = Settings(language="en", database=DatabaseSettings(url=url, pooler="transaction"))
        database = Database.from_settings(settings)
        try:
            with database.unit_of_work() as session:
                # through the pooler: not the server's port
                assert session.execute(text("SELECT 1")).scalar_one() == 1
                seed_demo(session, settings, cipher, seed=7, orders=40, today=TODAY)
                builders.picker(session, "P002")
            system = Actor.system("test")
            summary = allocate_pending(database, actor=system, today=TODAY, set_size=10)
            assert summary.allocated + summary.partial > 0 and not summary.failures
            with database.unit_of_work() as session:
                plan = plan_wave(session, settings, system, now=datetime.now(UTC))
            assert plan is not None and len(plan.batches) >= 2
            done: dict[str, list[str]] = {}

            def pick(badge: str) -> None:  # two handhelds at once, each its own connection
                done[badge] = pick_carts(database, settings, 2, badge)

            pickers = [threading.Thread(target=pick, args=(b,)) for b in ("P001", "P002")]
            for thread in pickers:
                thread.start()
            for thread in pickers:
                thread.join()
            assert done["P001"] and done["P002"], done
            assert not set(done["P001"]) & set(done["P002"])
            with database.unit_of_work(read_only=True, replica=True) as session:
                supervisor = demo_supervisor(session)
                figures = shift_figures(
                    session, supervisor, Window.days(TODAY, date(2026, 12, 31), "UTC")
                )
                page = order_page(session, supervisor, QueueFilter(), now=datetime.now(UTC))
                reserved = session.scalar(select(func.sum(StockQuant.reserved)))
                held = session.scalar(select(func.sum(Reservation.qty - Reservation.picked)))
            assert figures.lines_picked > 0
            assert page.rows
            assert reserved == held
        finally:
            database.dispose()


def demo_supervisor(session: Session) -> Actor:
    return Actor.of(session.scalars(select(User).where(User.badge == "S001")).one())
