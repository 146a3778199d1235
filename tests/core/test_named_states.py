"""Named states keep the stored strings, and a cart moves only along its state machine, each
move audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests import builders as f
from warehouse.audit import Actor
from warehouse.batches import move_batch
from warehouse.db import Database
from warehouse.errors import StateError
from warehouse.models import AuditEvent, PickBatch
from warehouse.orders import TRANSITIONS
from warehouse.states import USER_ROLES, BatchState, OrderState, Role
from warehouse.users import ROLES

SUPERVISOR = Actor(name="S1", role=Role.SUPERVISOR)


def test_named_states_are_the_strings_the_database_stores() -> None:
    assert BatchState.IN_PROGRESS == "in_progress" and f"{OrderState.CANCEL_REQUESTED}" == (
        "cancel_requested"
    )
    assert set(TRANSITIONS) == {str(s) for s in OrderState}
    assert ROLES == ("picker", "packer", "returns", "supervisor", "admin")
    assert Role.SYSTEM not in USER_ROLES


def test_a_cart_moves_along_its_states_and_each_move_is_audited(database: Database) -> None:
    with database.unit_of_work() as session:
        cart = PickBatch(code="CART-9")
        session.add(cart)
        session.flush()
        for target in (BatchState.CLAIMED, BatchState.IN_PROGRESS, BatchState.OPEN):
            move_batch(session, cart, target, SUPERVISOR, note="test")
    with database.unit_of_work(read_only=True) as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [e.action for e in events] == ["pick.claim", "pick.start", "pick.release"]
        assert [(e.before, e.after) for e in events][-1] == (
            {"state": "in_progress"},
            {"state": "open"},
        )


def test_a_finished_cart_cannot_be_claimed_again(database: Database) -> None:
    with database.unit_of_work() as session:
        cart = PickBatch(code="CART-8", state=BatchState.DONE)
        session.add(cart)
        session.flush()
        with pytest.raises(StateError) as refused:
            move_batch(session, cart, BatchState.CLAIMED, SUPERVISOR)
        assert str(refused.value) == "Cart CART-8 is done and cannot become claimed."
        assert refused.value.zh == "拣货车 CART-8 当前为 done，不能变为 claimed。"
        assert cart.state == "done"
        f.merchant(session)  # the unit of work goes on after a refused move
