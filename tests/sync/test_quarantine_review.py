"""A supervisor reads a set-aside payload again after the cause is fixed; one still broken
stays set aside with the reason; pickers are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sync.intake import IntakeContext
from sync.mall_sim import generate_orders
from sync.mall_sim.generator import DEMO_SKUS
from sync.quarantine import quarantine
from sync.quarantine_review import read_again, set_aside_for, show_payload
from tests import builders as f
from warehouse.db import Database
from warehouse.errors import PermissionDenied, WarehouseError
from warehouse.models import Order, QuarantinedOrder
from warehouse.words import Message


def test_a_set_aside_order_is_read_again_after_a_fix_and_a_broken_one_stays(
    database: Database, context: IntakeContext
) -> None:
    good = {**generate_orders(1, list(DEMO_SKUS), seed=4)[0], "version": 1, "change_seq": 1}
    broken = {**good, "fo_id": "FO-BROKEN", "lines": "not a list"}
    with database.unit_of_work() as session:
        reason = Message.of("quarantine.not_object")
        ok = quarantine(session, good, reason, context.cipher)
        bad = quarantine(session, broken, reason, context.cipher)
        assert ok is not None and bad is not None
        session.flush()
        ok_id, bad_id = ok.id, bad.id
        supervisor, picker = f.user(session, role="supervisor"), f.picker(session)
    with database.unit_of_work() as session, pytest.raises(PermissionDenied):
        set_aside_for(session, picker, "en")
    with database.unit_of_work() as session:
        assert {e.id for e in set_aside_for(session, supervisor, "en")} == {ok_id, bad_id}
        assert good["fo_id"] in show_payload(session, supervisor, ok_id, context.cipher)
    with database.unit_of_work() as session:
        assert "new" in read_again(session, supervisor, ok_id, context)
    with (
        database.unit_of_work() as session,
        pytest.raises(WarehouseError, match="Still unreadable"),
    ):
        read_again(session, supervisor, bad_id, context)
    with database.unit_of_work(read_only=True) as session:
        assert session.scalar(select(Order.fo_id).where(Order.fo_id == good["fo_id"]))
        states = dict(session.execute(select(QuarantinedOrder.id, QuarantinedOrder.state)).all())
    assert states == {ok_id: "closed", bad_id: "open"}
