"""The shared builder of "a cart picked by the real pick service" gives packing what a real
cart brings: every order picked into its tote, stock moved, reservations used up."""

from __future__ import annotations

from sqlalchemy import select

from tests import builders as f
from warehouse.db import Database
from warehouse.models import Order, PickBatch, StockQuant
from warehouse.states import BatchState, OrderState


def test_a_picked_cart_arrives_with_every_order_picked_into_its_tote(database: Database) -> None:
    cart = f.picked_cart(database, [[("TEA", 2), ("CUP", 1)], [("TEA", 1)]])
    assert set(cart.totes) == {"T01", "T02"}
    with database.unit_of_work(read_only=True) as session:
        batch = session.scalars(select(PickBatch).where(PickBatch.code == cart.code)).one()
        assert batch.state == BatchState.DONE
        orders = {o.id: o for o in session.scalars(select(Order))}
        assert {orders[i].state for i in cart.totes.values()} == {OrderState.PICKED}
        assert all(line.picked == line.qty for o in orders.values() for line in o.lines)
        assert sum(q.reserved for q in session.scalars(select(StockQuant))) == 0
        assert sorted(q.on_hand for q in session.scalars(select(StockQuant))) == [5, 5]
