"""Receiver data is nowhere in the clear after a demo seed and a sync, on both databases.

Every text column of every table, the crash log and the demo mall's state file are searched
for the demo receivers' names, phone numbers and street addresses. Hostile orders are part
of the sync (a bad mobile number held with its reason, an unreadable one set aside), and a
database error whose statement carried a receiver's name is written to the crash log.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import JSON, String, Text, insert, select

from warehouse.config import Settings
from warehouse.db import Database
from warehouse.demo import seed_demo
from warehouse.errors import ConfigError
from warehouse.key_rotation import check_key_opens, rotate
from warehouse.models import Base, Merchant, Order, QuarantinedOrder
from warehouse.pii import Receiver, ReceiverCipher, key_from_text, new_key
from warehouse_tui.builtin_mall import BuiltinMall
from warehouse_tui.crashlog import log_dir, write_crash_log


def _needles(receivers: list[Receiver]) -> set[str]:
    found: set[str] = set()
    for r in receivers:
        found |= {r.name, r.mobile, r.detail} - {""}
    return {n for n in found if len(n) >= 2}


def _stored_texts(database: Database) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    with database.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
            if not columns:
                continue
            for row in conn.execute(select(*columns)):
                texts.extend(
                    (f"{table.name}.{c.name}", str(v)) for c, v in zip(columns, row, strict=True)
                )
    return texts


def _hostile(mall: BuiltinMall) -> None:
    assert mall._mall is not None
    store = mall._mall.store
    template = store.order(store.fo_ids()[0])
    bad_mobile = {**template["receiver"], "name": "欧阳娜娜", "mobile": "1380013800"}
    store.add_raw({**template, "fo_id": "FO-BADMOBILE-W1", "receiver": bad_mobile})
    nul = {**template["receiver"], "name": "司马懿然", "mobile": "13912345678"}
    store.add_raw({**template, "fo_id": "FO-NUL-W1", "receiver": nul, "buyer_note": "\x00"})


def test_no_receiver_data_in_the_clear_after_a_demo_and_a_sync(
    database: Database, settings: Settings, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    with database.unit_of_work() as session:
        seed_demo(session, settings, cipher, seed=7, orders=15)
    mall = BuiltinMall(settings, database, state=tmp_path / "var" / "mall-state.json")
    mall.start(new_orders=25, seed=3, background=False)
    _hostile(mall)
    summary = mall.sync_now()
    assert summary.ingest.quarantined == 1 and summary.ingest.held >= 1
    with database.unit_of_work(read_only=True) as session:
        receivers = [
            cipher.open(o.receiver_sealed, bound_to=o.fo_id) for o in session.scalars(select(Order))
        ]
        name = receivers[0].name
    receivers += [Receiver(name="司马懿然", mobile="13912345678")]
    try:
        with database.unit_of_work() as session:
            session.execute(insert(Merchant).values(mall_id="X", name=name))
            session.execute(insert(Merchant).values(mall_id="X", name=name))
    except Exception as exc:  # a unique violation whose statement carried a receiver's name
        write_crash_log(exc)
    mall.stop()

    needles = _needles(receivers)
    assert len(needles) > 60
    leaks = [(where, n) for where, text in _stored_texts(database) for n in needles if n in text]
    assert leaks == []
    files = [*log_dir().iterdir(), mall.state]
    assert (log_dir() / "errors.log").exists()
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert [n for n in needles if n in text] == [], path
    assert stat.S_IMODE(os.stat(log_dir()).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(log_dir() / "errors.log").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(mall.state).st_mode) == 0o600
    restarted = BuiltinMall(settings, database, state=mall.state)
    restarted.start(new_orders=0, background=False)  # the sealed state opens again
    assert restarted._mall is not None and len(restarted._mall.store.fo_ids()) == 27
    restarted.stop()


def test_a_second_key_is_refused_and_rotation_reseals_every_row(
    database: Database, settings: Settings, cipher: ReceiverCipher
) -> None:
    with database.unit_of_work() as session:
        seed_demo(session, settings, cipher, seed=7, orders=5)
        session.add(
            QuarantinedOrder(
                fo_id="FO-Q", raw=cipher.seal_text("{}", bound_to="quarantine:FO-Q"), reason=""
            )
        )
    other = key_from_text(new_key())
    with pytest.raises(ConfigError, match="does not open the receivers already stored"):
        check_key_opens(database, other)
    done = rotate(database, cipher, other)
    assert (done.orders, done.quarantined) == (5, 1)
    check_key_opens(database, other)
    with pytest.raises(ConfigError):
        check_key_opens(database, cipher)
