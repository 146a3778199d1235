"""The demo site is realistic and repeatable; receivers never sit in the database in plain text."""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from warehouse.barcodes import is_valid_gtin
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.demo import demo_receiver, seed_demo
from warehouse.errors import WarehouseError
from warehouse.models import Order, Sku, SkuBarcode, StockQuant
from warehouse.pii import ReceiverCipher

TODAY = date(2026, 11, 24)


def seeded(database: Database, settings: Settings, cipher: ReceiverCipher, seed: int = 7) -> None:
    with database.unit_of_work() as session:
        seed_demo(session, settings, cipher, seed=seed, orders=40, today=TODAY)


def test_demo_site_has_the_promised_shape(
    sqlite_database: Database, settings: Settings, cipher: ReceiverCipher
) -> None:
    seeded(sqlite_database, settings, cipher)
    with sqlite_database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(func.count()).select_from(Sku)) == 510
        barcodes = session.scalars(select(SkuBarcode.code).where(SkuBarcode.kind == "EAN13")).all()
        assert len(barcodes) == 510 and all(is_valid_gtin(code) for code in barcodes)
        assert session.scalar(select(func.count()).where(Sku.lot_controlled)) > 50
        dated = session.scalars(select(StockQuant).where(StockQuant.expiry.is_not(None))).all()
        assert any(q.expiry is not None and q.expiry < TODAY for q in dated), (
            "some lots are expired"
        )
        assert {o.state for o in session.scalars(select(Order))} == {"released"}


def test_same_seed_gives_the_same_site(
    tmp_path: Path, settings: Settings, cipher: ReceiverCipher, _sqlite_template: Path
) -> None:

    def snapshot(seed: int) -> list[tuple[str, str, int]]:
        path = tmp_path / f"s{seed}-{random.random()}.db"
        shutil.copy(_sqlite_template, path)
        database = Database.from_url(f"sqlite:///{path}")
        seeded(database, settings, cipher, seed)
        with database.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT b.code, l.code, q.on_hand FROM stock_quant q JOIN sku s ON s.id = q.sku_id "
                    "JOIN sku_barcode b ON b.sku_id = s.id JOIN location l ON l.id = q.location_id "
                    "ORDER BY b.code, l.code"
                )
            ).all()
        database.dispose()
        return [tuple(r) for r in rows]

    assert snapshot(3) == snapshot(3)
    assert snapshot(3) != snapshot(4)


def test_receiver_names_and_phones_are_not_stored_in_plain_text(
    database: Database, settings: Settings, cipher: ReceiverCipher
) -> None:
    seeded(database, settings, cipher, seed=11)
    with database.unit_of_work(read_only=True) as session:
        orders = session.scalars(select(Order)).all()
        receivers = [cipher.open(o.receiver_sealed, bound_to=o.fo_id) for o in orders]
    assert all(len(r.mobile) == 11 for r in receivers)
    with database.engine.connect() as conn:
        raw = "\n".join(
            str(tuple(row)) for row in conn.execute(text("SELECT * FROM fulfilment_order"))
        )
        raw += "\n".join(str(tuple(row)) for row in conn.execute(text("SELECT * FROM audit_event")))
    for receiver in receivers:
        assert receiver.mobile not in raw
        assert receiver.name not in raw
        assert receiver.detail not in raw


def test_a_sealed_receiver_cannot_be_moved_to_another_order(cipher: ReceiverCipher) -> None:
    sealed = cipher.seal(demo_receiver(random.Random(1)), bound_to="FO-1")
    assert cipher.open(sealed, bound_to="FO-1").mobile
    with pytest.raises(WarehouseError, match="cannot be decrypted"):
        cipher.open(sealed, bound_to="FO-2")
