"""Two terminals changing the same stock row at once on PostgreSQL lose no update."""

from __future__ import annotations

import threading

from sqlalchemy import select

from warehouse.db import Database
from warehouse.models import Location, Merchant, Sku, StockQuant

ROUNDS = 100


def make_quant(database: Database) -> int:
    with database.unit_of_work() as session:
        merchant = Merchant(mall_id="1", name="M")
        sku = Sku(merchant=merchant, code="S1", name_zh="货")
        location = Location(code="A-01-01-1-A", zone="A", aisle=1, bay=1, level=1, bin="A")
        quant = StockQuant(sku=sku, location=location, owner=merchant, on_hand=0)
        session.add(quant)
        session.flush()
        return quant.id


def test_two_sessions_adding_to_one_quant_lose_nothing(pg_database: Database) -> None:
    quant_id = make_quant(pg_database)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def terminal() -> None:
        try:
            barrier.wait()
            for _ in range(ROUNDS):
                # read-modify-write as the ORM does it, with the row locked for the change
                with pg_database.unit_of_work() as session:
                    quant = session.scalars(
                        select(StockQuant).where(StockQuant.id == quant_id).with_for_update()
                    ).one()
                    quant.on_hand = quant.on_hand + 1
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=terminal) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    with pg_database.unit_of_work(read_only=True) as session:
        assert session.get(StockQuant, quant_id).on_hand == 2 * ROUNDS  # type: ignore[union-attr]


def test_the_database_refuses_reserving_above_on_hand(database: Database) -> None:
    import pytest
    from sqlalchemy.exc import IntegrityError

    quant_id = make_quant(database)
    with pytest.raises(IntegrityError), database.unit_of_work() as session:
        quant = session.get(StockQuant, quant_id)
        assert quant is not None
        quant.reserved = 1
