"""A unit of work commits what it did, undoes everything on an error, and a read-only one
refuses to write instead of silently dropping the write (on both databases)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text, update

from warehouse.db import Database, ReadOnlyWrite
from warehouse.models import Merchant


def _merchants(database: Database) -> list[str]:
    with database.unit_of_work(read_only=True) as session:
        return list(session.scalars(select(Merchant.mall_id).order_by(Merchant.mall_id)))


def test_a_unit_of_work_commits_when_the_block_ends(database: Database) -> None:
    with database.unit_of_work() as session:
        session.add(Merchant(mall_id="M1", name="Shop 1"))
    assert _merchants(database) == ["M1"]


def test_an_error_rolls_back_everything_the_block_did(database: Database) -> None:
    with database.unit_of_work() as session:
        session.add(Merchant(mall_id="M1", name="Shop 1"))
    with pytest.raises(RuntimeError), database.unit_of_work() as session:
        session.add(Merchant(mall_id="M2", name="Shop 2"))
        session.flush()
        session.execute(update(Merchant).values(name="renamed"))
        raise RuntimeError("the scanner fell on the floor")
    with database.unit_of_work(read_only=True) as session:
        rows = session.execute(select(Merchant.mall_id, Merchant.name)).all()
    assert [tuple(r) for r in rows] == [("M1", "Shop 1")]


def test_a_read_only_unit_refuses_an_added_row(database: Database) -> None:
    with pytest.raises(ReadOnlyWrite), database.unit_of_work(read_only=True) as session:
        session.add(Merchant(mall_id="M1", name="Shop 1"))
    assert _merchants(database) == []


def test_a_read_only_unit_refuses_a_change_to_a_loaded_row(database: Database) -> None:
    with database.unit_of_work() as session:
        session.add(Merchant(mall_id="M1", name="Shop 1"))
    with pytest.raises(ReadOnlyWrite), database.unit_of_work(read_only=True) as session:
        merchant = session.scalars(select(Merchant)).one()
        merchant.name = "changed"
        session.flush()
    with database.unit_of_work(read_only=True) as session:
        assert session.scalars(select(Merchant.name)).one() == "Shop 1"


def test_a_read_only_unit_refuses_bulk_and_raw_writes_and_commits(database: Database) -> None:
    with database.unit_of_work() as session:
        session.add(Merchant(mall_id="M1", name="Shop 1"))
    with pytest.raises(ReadOnlyWrite), database.unit_of_work(read_only=True) as session:
        session.execute(update(Merchant).values(name="bulk"))
    with pytest.raises(ReadOnlyWrite), database.unit_of_work(read_only=True) as session:
        session.execute(text("DELETE FROM merchant"))
    with pytest.raises(ReadOnlyWrite), database.unit_of_work(read_only=True) as session:
        session.commit()
    with database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(func.count()).select_from(Merchant)) == 1
        assert session.scalars(select(Merchant.name)).one() == "Shop 1"


def test_a_read_only_unit_reads_and_a_writer_still_writes_afterwards(database: Database) -> None:
    with database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(func.count()).select_from(Merchant)) == 0
    with database.unit_of_work() as session:  # the connection back in the pool is not read-only
        session.add(Merchant(mall_id="M9", name="Shop 9"))
    assert _merchants(database) == ["M9"]
