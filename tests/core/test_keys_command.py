"""``wms keys``: a second key is refused with a sentence; rotation re-seals and the new key works."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import TEST_KEY
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.demo import seed_demo
from warehouse.models import Order
from warehouse.pii import ReceiverCipher, key_from_text, new_key
from warehouse_tui.cli import main


def test_a_second_key_is_refused_then_rotation_makes_it_the_key(
    sqlite_database: Database,
    settings: Settings,
    cipher: ReceiverCipher,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with sqlite_database.unit_of_work() as session:
        seed_demo(session, settings, cipher, seed=7, orders=4)
        before = {o.fo_id: o.receiver_sealed for o in session.scalars(select(Order))}
    monkeypatch.setenv("WMS_DATABASE_URL", sqlite_database.url)
    monkeypatch.chdir(tmp_path)
    assert main(["keys", "check"]) == 0
    new = new_key()
    (tmp_path / "new.key").write_text(new + "\n", encoding="utf-8")
    monkeypatch.setenv("WMS_SECRET_KEY", new)
    assert main(["keys", "check"]) == 2
    assert "does not open the receivers already stored" in capsys.readouterr().err
    assert main(["sync", "--once", "--mall", "http://127.0.0.1:9/api/wms/v1"]) == 2
    monkeypatch.setenv("WMS_SECRET_KEY", TEST_KEY)
    assert main(["keys", "rotate", "--new-key-file", str(tmp_path / "new.key")]) == 0
    assert "Re-sealed 4 receivers" in capsys.readouterr().out
    monkeypatch.setenv("WMS_SECRET_KEY", new)
    assert main(["keys", "check"]) == 0
    opened = key_from_text(new)
    with sqlite_database.unit_of_work(read_only=True) as session:
        for order in session.scalars(select(Order)):
            assert order.receiver_sealed != before[order.fo_id]
            assert opened.open(order.receiver_sealed, bound_to=order.fo_id).name
