"""A scan reads what it needs once: the statements each pick scan sends on PostgreSQL.

Every statement costs Python (SQLAlchemy, psycopg) in the scan and CPU in the backend, and 60
people scanning on one server share that CPU with the allocator. The counts below are the
path as it is: a scan reads the user's row once, stamps the cart's activity with the
database's ``now()`` in its UPDATE, reads the reserved stock's expiry with the tasks, and
knows from the tasks which shelf arrivals are recorded. A new statement on this path should
be a decision, so it fails here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from picking import floor as pick
from tests.floor.conftest import FLOOR, NOW, Site, build_site, key, run
from warehouse.db import Database


@contextmanager
def counting(database: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
        seen.append(statement.split(None, 1)[0].upper())

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", count)


def _scan(database: Database, site: Site, text: str) -> tuple[pick.Step, list[str]]:
    with counting(database) as seen:
        step = run(database, pick.handle_scan, site.picker, text, key(), NOW, floor=FLOOR)
    return step, [s for s in seen if s not in ("BEGIN", "COMMIT", "ROLLBACK")]


def test_the_statements_of_each_pick_scan(pg_database: Database) -> None:
    site = run(pg_database, build_site)
    run(pg_database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)
    step = run(pg_database, pick.current_step, site.picker, floor=FLOOR)
    scans: dict[str, list[list[str]]] = {}
    while step.kind != "done":
        text = {
            "location": step.location,
            "item": site.skus[step.sku_code][1],
            "quantity": str(step.qty - step.in_hand),
            "tote": step.tote_label,
        }[step.kind]
        kind = step.kind
        step, seen = _scan(pg_database, site, text)
        scans.setdefault(kind, []).append(seen)
    first, later = scans["location"][0], scans["location"][1:]
    # user, batch lock, receipt, tasks (with marks and expiry); the cart's activity, the
    # arrival at the shelf and the scan's receipt
    for location in later:
        assert Counter(location) == {"SELECT": 4, "UPDATE": 1, "INSERT": 2}, location
    assert len(first) == 8  # the first scan also moves the cart to in progress (audit row)
    for item in scans["item"]:  # + the SKU's barcodes
        assert Counter(item) == {"SELECT": 5, "UPDATE": 1, "INSERT": 2}, item
    # the units: reservation, quant, line, ledger, audit, task; an order's first pick moves
    # it to picking (order row, its update, audit, outbox)
    assert sorted({len(q) for q in scans["quantity"]}) == [12, 16], scans["quantity"]
    # a task to the tote; the order's last one also closes the order (or the cart)
    assert sorted({len(t) for t in scans["tote"]}) == [9, 14], scans["tote"]
