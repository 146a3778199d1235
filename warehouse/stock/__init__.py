"""Stock on the shelves: receive, put back, adjust, count and move, each with a ledger entry
and an audit event (:mod:`~warehouse.stock.operations`); the ledger and its checks
(``ledger``), finding SKUs and locations (``lookup``), what the screens show (``views``) and
the floor's put-back tasks (``put_back_tasks``: list, check the shelf, complete)."""

from warehouse.stock.operations import adjust, count, move, put_back, receive
from warehouse.stock.views import QuantView, stock_at_location, stock_for_sku, stock_view

__all__ = [
    "QuantView",
    "adjust",
    "count",
    "move",
    "put_back",
    "receive",
    "stock_at_location",
    "stock_for_sku",
    "stock_view",
]
